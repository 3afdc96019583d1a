/**
 * Keeping report_read (see its entity) in step: every write that changes a report's tables,
 * sections or findings rebuilds that report's row in the same transaction, from the same SQL the
 * read path uses for the parts it assembles live.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { READ_MODEL_COLUMNS } from './sql.js';

const columns = READ_MODEL_COLUMNS.map((c) => `"${c.part}"`).join(', ');

/** One statement that (re)builds the rows of the reports `where` selects (a condition on `report r`). */
export function rebuildReportReadSql(where: string): string {
  return `insert into report_read (report_id, ${columns})
    select r.id, ${READ_MODEL_COLUMNS.map((c) => c.sql).join(', ')} from report r where ${where}
    on conflict (report_id) do update set ${READ_MODEL_COLUMNS.map((c) => `"${c.part}" = excluded."${c.part}"`).join(', ')}`;
}

/** The rows of an agency's reports of these years (a write changes its year's and, through X1/X2, the next's). */
export async function refreshReportRead(em: EntityManager, agencyId: number, years: readonly number[]): Promise<void> {
  // em.execute runs in the caller's transaction (getConnection().execute would take another connection).
  await em.execute(rebuildReportReadSql('r.agency_id = ? and r.year in (?)'), [agencyId, [...years]], 'run');
}

/** The rows of many (agency, year) pairs in one statement (a bulk import's batch). */
export async function refreshReportReads(em: EntityManager, pairs: readonly { agencyId: number; year: number }[]): Promise<void> {
  if (!pairs.length) return;
  const list = [...new Set(pairs.map((p) => `(${Math.trunc(p.agencyId)}, ${Math.trunc(p.year)})`))].join(', ');
  await em.execute(rebuildReportReadSql(`(r.agency_id, r.year) in (${list})`), [], 'run');
}
