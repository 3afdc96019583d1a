/**
 * Per-request batch loaders over the read pool: whatever a page asks for, each kind of read is one
 * SQL statement for all the reports or agencies of the request.
 */
import DataLoader from 'dataloader';
import type { ReportStatus } from '../store/entities/index.js';
import type { ReadPool } from '../store/read-pool.js';
import { correctionsByReport, type CorrectionView } from '../store/reports/corrections.js';
import * as read from '../store/reports/read.js';
import { NO_PARTS, partBit, type PartMask } from '../store/reports/sql.js';
import type { ReportPart, ReportView } from '../store/reports/views.js';
import type { Viewer } from './context.js';

/** Groups `${mask}:${id}` keys by mask, so each shape of statement runs once for all its ids. */
function byMask(keys: readonly string[]): Map<PartMask, number[]> {
  const groups = new Map<PartMask, number[]>();
  for (const key of keys) {
    const [mask, id] = key.split(':').map(Number);
    const ids = groups.get(mask);
    if (ids) ids.push(id);
    else groups.set(mask, [id]);
  }
  return groups;
}

function grouped<T>(load: (ids: readonly number[]) => Promise<Map<number, T>>, missing: T) {
  return new DataLoader<number, T>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? missing);
  });
}

export function createLoaders(pool: ReadPool, viewer: Viewer) {
  // Drafts exist only for editors: a report loaded by id, agency or year is hidden otherwise.
  const statuses: ReportStatus[] | undefined = viewer.canWrite ? undefined : ['PUBLISHED'];

  const reports = new DataLoader<string, ReportView | null>(async (keys) => {
    const found = new Map<string, ReportView>();
    await Promise.all(
      [...byMask(keys)].map(async ([mask, ids]) => {
        for (const report of await read.reportsById(pool, ids, mask, statuses)) found.set(`${mask}:${report.id}`, report);
      }),
    );
    return keys.map((key) => found.get(key) ?? null);
  });

  const parts = new DataLoader<string, Partial<ReportView>>(async (keys) => {
    const found = new Map<string, Partial<ReportView>>();
    await Promise.all(
      [...byMask(keys)].map(async ([mask, ids]) => {
        for (const [id, parted] of await read.reportParts(pool, ids, mask)) found.set(`${mask}:${id}`, parted);
      }),
    );
    return keys.map((key) => found.get(key) ?? {});
  });

  const byAgencyYear = new DataLoader<string, ReportView | null>(async (keys) => {
    const groups = new Map<PartMask, { agencyId: number; year: number }[]>();
    for (const key of keys) {
      const [mask, agencyId, year] = key.split(':').map(Number);
      groups.set(mask, [...(groups.get(mask) ?? []), { agencyId, year }]);
    }
    const found = new Map<string, ReportView>();
    await Promise.all(
      [...groups].map(async ([mask, wanted]) => {
        for (const report of await read.reportsByAgencyYear(pool, wanted, mask, statuses)) found.set(`${mask}:${report.agency.id}:${report.year}`, report);
      }),
    );
    return keys.map((key) => found.get(key) ?? null);
  });

  const byAgency = new DataLoader<string, ReportView[]>(async (keys) => {
    const found = new Map<string, ReportView[]>();
    await Promise.all(
      [...byMask(keys)].map(async ([mask, agencyIds]) => {
        const lists = await read.reportsByAgency(pool, agencyIds, mask, statuses);
        agencyIds.forEach((id, i) => found.set(`${mask}:${id}`, lists[i]));
      }),
    );
    return keys.map((key) => found.get(key) ?? []);
  });

  const agency = new DataLoader(async (ids: readonly number[]) => {
    const found = new Map((await read.agenciesById(pool, ids)).map((a) => [a.id, a]));
    return ids.map((id) => found.get(id) ?? null);
  });

  return {
    /** A report by id with the parts the request asked for (null: none, or a draft the viewer may not see). */
    report: (id: number, mask: PartMask = NO_PARTS) => reports.load(`${mask}:${id}`),
    /** Primes the cache with reports read by a list, so later loads of them cost nothing. */
    primeReports(views: ReportView[], mask: PartMask) {
      for (const view of views) reports.prime(`${mask}:${view.id}`, view);
    },
    reportOfAgencyYear: (agencyId: number, year: number, mask: PartMask = NO_PARTS) => byAgencyYear.load(`${mask}:${agencyId}:${year}`),
    reportsOfAgency: (agencyId: number, mask: PartMask = NO_PARTS) => byAgency.load(`${mask}:${agencyId}`),
    /**
     * One part of a report: from the view when its statement brought it, else read for every
     * report of the request that needs it, in one statement, and kept on the view.
     */
    async part<P extends ReportPart>(view: ReportView | number, part: P): Promise<NonNullable<ReportView[P]>> {
      if (typeof view === 'object' && view[part] !== undefined) return view[part] as NonNullable<ReportView[P]>;
      const loaded = (await parts.load(`${partBit(part)}:${typeof view === 'number' ? view : view.id}`))[part] ?? EMPTY[part];
      if (typeof view === 'object') view[part] = loaded as ReportView[P];
      return loaded as NonNullable<ReportView[P]>;
    },
    agency,
    corrections: grouped<CorrectionView[]>((ids) => correctionsByReport(pool, ids), []),
    sourceText: grouped<string | null>((ids) => read.sourceTexts(pool, ids), null),
  };
}

const EMPTY: { [P in ReportPart]: NonNullable<ReportView[P]> } = { applications: {}, disclosure: {}, reviews: {}, sections: [], findings: [] };

export type Loaders = ReturnType<typeof createLoaders>;

/** Loads objects for Relay `node`/`nodes`: ids arrive as strings, errors surface as GraphQL errors. */
export async function loadAll<T>(load: (id: number) => Promise<T | null>, ids: readonly string[]): Promise<(T | null)[]> {
  return Promise.all(ids.map((id) => load(Number(id))));
}
