/**
 * A report compared with another (by default the same agency's previous year): both reports with
 * their tables and sections in ONE statement, then the pure comparison of src/format/comparison.
 */
import { compareCells, compareSections, type CellChange, type SectionComparison } from '../../format/index.js';
import type { ReportStatus } from '../entities/index.js';
import { statement, type ReadPool } from '../read-pool.js';
import { reportInterchange } from '../reports/interchange.js';
import { partBit, readModelJoin, reportColumns, viewFromRow, type PartRequest } from '../reports/sql.js';
import type { ReportView } from '../reports/views.js';

export interface ReportComparison {
  /** The earlier report (the one compared against). */
  before: ReportView;
  after: ReportView;
  cells: CellChange[];
  sections: SectionComparison[];
}

const PARTS: PartRequest = { mask: partBit('applications') | partBit('disclosure') | partBit('reviews') | partBit('sections') };

/**
 * `reportId` compared with `otherId`, or with the same agency's report of the year before when
 * `otherId` is null. Null when either is missing or not visible with `statuses`.
 */
export async function compareReports(pool: ReadPool, reportId: number, otherId: number | null, statuses: ReportStatus[] | undefined): Promise<ReportComparison | null> {
  const params: unknown[] = [reportId];
  const other = otherId === null ? `(r.agency_id, r.year) = (select p.agency_id, p.year - 1 from report p where p.id = $1)` : `r.id = $${params.push(otherId)}::int`;
  const visible = statuses ? ` and r.status = any($${params.push(statuses)})` : '';
  const text = `select ${reportColumns(PARTS, params)} from report r join agency a on a.id = r.agency_id${readModelJoin(PARTS)}
    where (r.id = $1::int or ${other})${visible}`;
  const views = (await pool.rows<{ v: ReportView }>(statement(text), params)).map((row) => viewFromRow(row, PARTS));
  const current = views.find((v) => v.id === reportId);
  const compared = views.find((v) => v.id !== reportId);
  if (!current || !compared) return null;
  // The earlier statistical year is "before"; for the same year, the report asked about is "after".
  const [before, after] = compared.year <= current.year ? [compared, current] : [current, compared];
  const tables = (v: ReportView) => reportInterchange({ ...v, sections: v.sections ?? [], applications: v.applications ?? {}, reviews: v.reviews ?? {}, disclosure: v.disclosure ?? {}, findings: [] });
  const [b, a] = [tables(before), tables(after)];
  return { before, after, cells: compareCells(b, a), sections: compareSections(b.sections, a.sections) };
}
