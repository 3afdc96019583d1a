/** Reading the corrections made to reports (writing them: src/store/services/corrections.ts). */
import { statement, type ReadPool } from '../read-pool.js';

export interface CorrectionView {
  cell: string;
  previous: string | null;
  value: string | null;
  note: string | null;
  createdAt: Date;
}

/**
 * Each report's corrections, oldest first: its own, not those of a report merged into it (they are
 * its revision's, correctionsByRevision).
 */
export const correctionsByReport = (pool: ReadPool, ids: readonly number[]) => correctionsOf(pool, 'report', ids);

/** The corrections of each revision, oldest first: those made to a report before a merge made it this revision. */
export const correctionsByRevision = (pool: ReadPool, ids: readonly number[]) => correctionsOf(pool, 'revision', ids);

/** One statement for any number of reports or revisions. */
async function correctionsOf(pool: ReadPool, owner: 'report' | 'revision', ids: readonly number[]): Promise<Map<number, CorrectionView[]>> {
  const where = owner === 'report' ? 'c.report_id = any($1::int[]) and c.revision_id is null' : 'c.revision_id = any($1::int[])';
  const rows = await pool.rows<CorrectionView & { reportId: number }>(
    statement(`select c.${owner}_id as "reportId", c.cell, c.previous::text as previous, c.value::text as value, c.note, c.created_at as "createdAt"
      from report_correction c where ${where} order by c.${owner}_id, c.id`, 'generic'),
    [ids],
  );
  return groupByReport(rows);
}

/** Rows of many reports (in the order wanted), as each report's list. */
export function groupByReport<T extends { reportId: number }>(rows: T[]): Map<number, Omit<T, 'reportId'>[]> {
  const groups = new Map<number, Omit<T, 'reportId'>[]>();
  for (const { reportId, ...row } of rows) {
    const list = groups.get(reportId);
    if (list) list.push(row);
    else groups.set(reportId, [row]);
  }
  return groups;
}
