/**
 * Per-request batch loaders: whatever a page asks for, each kind of child row is read in one SQL
 * statement for all reports of the page.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import * as reports from '../store/services/report-queries.js';

function byId<T extends { id: number }>(load: (ids: readonly number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids): Promise<(T | null)[]> => {
    const rows = await load(ids);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

export function createLoaders(em: EntityManager) {
  return {
    report: byId((ids) => reports.loadReports(em, ids)),
    agency: byId((ids) => reports.loadAgencies(em, ids)),
    sections: new DataLoader((ids: readonly number[]) => reports.sectionsByReport(em, ids)),
    findings: new DataLoader((ids: readonly number[]) => reports.findingsByReport(em, ids)),
    applicationRows: new DataLoader((ids: readonly number[]) => reports.applicationRowsByReport(em, ids)),
    reviewRows: new DataLoader((ids: readonly number[]) => reports.reviewRowsByReport(em, ids)),
    disclosureCells: new DataLoader((ids: readonly number[]) => reports.disclosureCellsByReport(em, ids)),
    sourceText: new DataLoader((ids: readonly number[]) => reports.sourceTexts(em, ids)),
    reportsByAgency: new DataLoader((ids: readonly number[]) => reports.reportsByAgency(em, ids)),
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
