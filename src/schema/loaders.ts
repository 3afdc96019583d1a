/**
 * Per-request batch loaders over the read pool: whatever a page asks for, each kind of read is one
 * SQL statement for all the reports or agencies of the request.
 */
import DataLoader from 'dataloader';
import type { ReportStatus } from '../store/entities/index.js';
import type { ReadPool } from '../store/read-pool.js';
import { aliasesOf } from '../store/agencies/list.js';
import { correctionsByReport, correctionsByRevision, type CorrectionView } from '../store/reports/corrections.js';
import { revisionContents, revisionsByReport, type RevisionContent, type RevisionView } from '../store/reports/revisions.js';
import * as read from '../store/reports/read.js';
import { compareReports, type ComparisonRequest } from '../store/comparison/compare.js';
import { EMPTY_PART, fullKeyOf, partBit, partKey, REPORT_ONLY, type PartRequest, type TablePart } from '../store/reports/sql.js';
import type { ReportPart, ReportView } from '../store/reports/views.js';
import type { Viewer } from './context.js';

/**
 * Batches loads keyed by (shape of statement, id): each shape runs once for all its ids. The shapes
 * are kept by key so a batch can run the statement each stands for.
 */
function shapedLoader<V>(run: (request: PartRequest, ids: number[]) => Promise<Map<number, V>>, missing: V) {
  const shapes = new Map<string, PartRequest>();
  const loader = new DataLoader<string, V>(async (keys) => {
    const groups = new Map<string, number[]>();
    for (const key of keys) {
      const at = key.lastIndexOf(':');
      const shape = key.slice(0, at);
      const ids = groups.get(shape);
      if (ids) ids.push(Number(key.slice(at + 1)));
      else groups.set(shape, [Number(key.slice(at + 1))]);
    }
    // A slim shape whose full twin is read in the same batch rides along with it: one statement, not two.
    const alias = new Map<string, string>();
    for (const [shape, ids] of groups) {
      const full = fullKeyOf(shape);
      if (full === undefined || !groups.has(full)) continue;
      groups.get(full)!.push(...ids);
      groups.delete(shape);
      alias.set(shape, full);
    }
    const found = new Map<string, V>();
    await Promise.all(
      [...groups].map(async ([shape, ids]) => {
        for (const [id, value] of await run(shapes.get(shape)!, ids)) found.set(`${shape}:${id}`, value);
      }),
    );
    return keys.map((key) => {
      const at = key.lastIndexOf(':');
      const shape = alias.get(key.slice(0, at));
      return found.get(shape === undefined ? key : `${shape}${key.slice(at)}`) ?? missing;
    });
  });
  const keyOf = (request: PartRequest, id: number) => {
    const shape = partKey(request);
    shapes.set(shape, request);
    return `${shape}:${id}`;
  };
  return {
    load: (request: PartRequest, id: number) => loader.load(keyOf(request, id)),
    prime: (request: PartRequest, id: number, value: V) => void loader.prime(keyOf(request, id), value),
  };
}

function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const byId = (views: ReportView[]) => new Map(views.map((v) => [v.id, v]));

function grouped<T>(load: (ids: readonly number[]) => Promise<Map<number, T>>, missing: T) {
  return new DataLoader<number, T>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? missing);
  });
}

export function createLoaders(pool: ReadPool, viewer: Viewer) {
  // Drafts exist only for editors: a report loaded by id, agency or year is hidden otherwise.
  const statuses: ReportStatus[] | undefined = viewer.canWrite ? undefined : ['PUBLISHED'];

  // Each loader is made on first use: most requests need one or two of them.
  const reports = once(() => shapedLoader<ReportView | null>(async (request, ids) => byId(await read.reportsById(pool, ids, request, statuses)), null));
  const parts = once(() => shapedLoader<Partial<ReportView>>((request, ids) => read.reportParts(pool, ids, request), {}));
  // One key per (agency, year): agencyId × 10⁴ + year (years are four digits), so a page whose
  // reports span several years still reads their previous years in one statement.
  const byAgencyYear = once(() =>
    shapedLoader<ReportView | null>(async (request, keys) => {
      const pairs = keys.map((key) => ({ agencyId: Math.floor(key / 10_000), year: key % 10_000 }));
      const found = await read.reportsByAgencyYear(pool, pairs, request, statuses);
      return new Map(found.map((r) => [r.agency.id * 10_000 + r.year, r]));
    }, null),
  );
  const byAgency = once(() =>
    shapedLoader<ReportView[]>(async (request, agencyIds) => {
      const lists = await read.reportsByAgency(pool, agencyIds, request, statuses);
      return new Map(agencyIds.map((id, i) => [id, lists[i]]));
    }, []),
  );
  const agency = once(
    () =>
      new DataLoader(async (ids: readonly number[]) => {
        const found = new Map((await read.agenciesById(pool, ids, statuses)).map((a) => [a.id, a]));
        return ids.map((id) => found.get(id) ?? null);
      }),
  );
  const corrections = once(() => grouped<CorrectionView[]>((ids) => correctionsByReport(pool, ids), []));
  const revisions = once(() => grouped<RevisionView[]>((ids) => revisionsByReport(pool, ids), []));
  const revisionCorrections = once(() => grouped<CorrectionView[]>((ids) => correctionsByRevision(pool, ids), []));
  const revisionContent = once(() => grouped<RevisionContent>((ids) => revisionContents(pool, ids), { sourceText: null, interchange: null }));
  const agencyAliases = once(() => grouped<string[]>((ids) => aliasesOf(pool, ids), []));
  const sourceText = once(() => grouped<string | null>((ids) => read.sourceTexts(pool, ids), null));
  const comparison = once(() => new DataLoader((requests: readonly ComparisonRequest[]) => compareReports(pool, requests, statuses), { cacheKeyFn: (q) => `${q.reportId}:${q.otherId}` }));

  return {
    /** A report by id with the parts the request asked for (null: none, or a draft the viewer may not see). */
    report: (id: number, request: PartRequest = REPORT_ONLY) => reports().load(request, id),
    /** Primes the cache with reports read by a list, so later loads of them cost nothing. */
    primeReports(views: ReportView[], request: PartRequest) {
      for (const view of views) reports().prime(request, view.id, view);
    },
    reportOfAgencyYear: (agencyId: number, year: number, request: PartRequest = REPORT_ONLY) =>
      byAgencyYear().load(request, agencyId * 10_000 + year),
    reportsOfAgency: (agencyId: number, request: PartRequest = REPORT_ONLY) => byAgency().load(request, agencyId),
    /**
     * One part of a report: from the view when its statement brought it (whole, or the rows `rows`
     * asks for), else read whole for every report of the request that needs it, in one statement,
     * and kept on the view.
     */
    part<P extends ReportPart>(view: ReportView | number, part: P, rows: readonly string[] | 'all' = 'all'): NonNullable<ReportView[P]> | Promise<NonNullable<ReportView[P]>> {
      // At hand: answered synchronously, so the resolvers above stay synchronous (src/server/fast-execution).
      if (typeof view === 'object' && view[part] !== undefined) {
        const read = view.rowsRead?.[part as TablePart];
        if (!read || (rows !== 'all' && rows.every((row) => read.includes(row)))) return view[part] as NonNullable<ReportView[P]>;
      }
      return parts()
        .load({ mask: partBit(part) }, typeof view === 'number' ? view : view.id)
        .then((loadedParts) => {
          const loaded = loadedParts[part] ?? EMPTY_PART[part];
          if (typeof view === 'object') {
            view[part] = loaded as ReportView[P];
            if (view.rowsRead) delete view.rowsRead[part as TablePart];
          }
          return loaded as NonNullable<ReportView[P]>;
        });
    },
    agency: (id: number) => agency().load(id),
    agencyAliases: (id: number) => agencyAliases().load(id),
    corrections: (reportId: number) => corrections().load(reportId),
    revisions: (reportId: number) => revisions().load(reportId),
    /** The corrections of a revision (made to a report before a merge made it the revision): every revision of the request in one statement. */
    revisionCorrections: (revisionId: number) => revisionCorrections().load(revisionId),
    /** A revision's source text and data: for every revision of the request that is asked for them, one statement. */
    revisionContent: (revisionId: number) => revisionContent().load(revisionId),
    sourceText: (reportId: number) => sourceText().load(reportId),
    /** A report compared with another (null: its agency's previous year); every comparison of a request in one statement. */
    comparison: (reportId: number, otherId: number | null) => comparison().load({ reportId, otherId }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Loads objects for Relay `node`/`nodes`: ids arrive as strings, errors surface as GraphQL errors. */
export async function loadAll<T>(load: (id: number) => Promise<T | null>, ids: readonly string[]): Promise<(T | null)[]> {
  return Promise.all(ids.map((id) => load(Number(id))));
}

/** `then(value)` now when the value is at hand, once it arrives when it is a promise: a resolver stays synchronous whenever its data is. */
export function whenReady<T, R>(value: T | Promise<T>, then: (value: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(then) : then(value);
}
