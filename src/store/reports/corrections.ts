/** Reading the corrections made to reports (writing them: src/store/services/corrections.ts). */
import { statement, type ReadPool } from '../read-pool.js';

export interface CorrectionView {
  cell: string;
  previous: string | null;
  value: string | null;
  note: string | null;
  createdAt: Date;
}

/** Each report's corrections, oldest first. */
export async function correctionsByReport(pool: ReadPool, ids: readonly number[]): Promise<Map<number, CorrectionView[]>> {
  const rows = await pool.rows<CorrectionView & { reportId: number }>(
    statement(`select c.report_id as "reportId", c.cell, c.previous::text as previous, c.value::text as value, c.note, c.created_at as "createdAt"
      from report_correction c where c.report_id = any($1::int[]) order by c.report_id, c.id`),
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
