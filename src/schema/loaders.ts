/**
 * Per-request batch loaders: whatever a page asks for, each kind of child row is read in one SQL
 * statement for all reports of the page.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import * as reports from '../store/services/report-queries.js';
import type { Viewer } from './context.js';

function byId<T extends { id: number }>(load: (ids: readonly number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids): Promise<(T | null)[]> => {
    const rows = await load(ids);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

export function createLoaders(em: EntityManager, viewer: Viewer) {
  // Drafts exist only for editors: a report loaded by ID or through its agency is hidden otherwise.
  const visible = <T extends { status: string }>(report: T | null | undefined) => (report && (viewer.canWrite || report.status === 'PUBLISHED') ? report : null);
  return {
    report: byId(async (ids) => (await reports.loadReports(em, ids)).filter((r) => visible(r))),
    agency: byId((ids) => reports.loadAgencies(em, ids)),
    sections: new DataLoader((ids: readonly number[]) => reports.sectionsByReport(em, ids)),
    findings: new DataLoader((ids: readonly number[]) => reports.findingsByReport(em, ids)),
    applicationRows: new DataLoader((ids: readonly number[]) => reports.applicationRowsByReport(em, ids)),
    reviewRows: new DataLoader((ids: readonly number[]) => reports.reviewRowsByReport(em, ids)),
    disclosureCells: new DataLoader((ids: readonly number[]) => reports.disclosureCellsByReport(em, ids)),
    corrections: new DataLoader((ids: readonly number[]) => reports.correctionsByReport(em, ids)),
    sourceText: new DataLoader((ids: readonly number[]) => reports.sourceTexts(em, ids)),
    reportsByAgency: new DataLoader(async (ids: readonly number[]) => (await reports.reportsByAgency(em, ids)).map((list) => list.filter((r) => visible(r)))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Loads objects for Relay `node`/`nodes`: ids arrive as strings, errors surface as GraphQL errors. */
export async function loadAll<T>(loader: DataLoader<number, T | null>, ids: readonly string[]): Promise<(T | null)[]> {
  const results = await loader.loadMany(ids.map(Number));
  return results.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}
