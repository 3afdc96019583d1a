/**
 * A report compared with another (by default the same agency's previous year): both reports with
 * their tables and sections in ONE statement, then the pure comparison of src/format/comparison.
 */
import { compareCells, compareSections, type CellChange, type SectionComparison } from '../../format/index.js';
import type { ReportStatus } from '../entities/index.js';
import { statement, type ReadPool } from '../read-pool.js';
import { statusConditionPg } from '../reports/filter.js';
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

/** A report and the one to compare it with (null: the same agency's previous year). */
export interface ComparisonRequest {
  reportId: number;
  otherId: number | null;
}

/**
 * Each request's comparison, all in ONE statement whatever their number; null where either report
 * is missing or not visible with `statuses`.
 */
export async function compareReports(pool: ReadPool, requests: readonly ComparisonRequest[], statuses: ReportStatus[] | undefined): Promise<(ReportComparison | null)[]> {
  const params: unknown[] = [requests.map((q) => q.reportId), requests.map((q) => q.otherId)];
  const visible = statusConditionPg(statuses, params);
  // The reports wanted as one list of ids first: conditions or-ed on the report table walked all of it.
  const text = `with pairs as (select * from unnest($1::int[], $2::int[]) as q(id, other)),
    wanted as (select id from pairs union select other from pairs where other is not null
      union select previous.id from pairs q join report p on p.id = q.id join report previous on previous.agency_id = p.agency_id and previous.year = p.year - 1 where q.other is null)
    select ${reportColumns(PARTS, params)} from wanted w join report r on r.id = w.id join agency a on a.id = r.agency_id${readModelJoin(PARTS)}
    where true${visible}`;
  const views = (await pool.rows<{ v: ReportView }>(statement(text, 'generic'), params)).map((row) => viewFromRow(row, PARTS));
  const byId = new Map(views.map((v) => [v.id, v]));
  const byAgencyYear = new Map(views.map((v) => [`${v.agency.id}:${v.year}`, v]));
  return requests.map(({ reportId, otherId }) => {
    const current = byId.get(reportId);
    const compared = otherId === null ? current && byAgencyYear.get(`${current.agency.id}:${current.year - 1}`) : byId.get(otherId);
    return current && compared && compared.id !== current.id ? comparison(current, compared) : null;
  });
}

function comparison(current: ReportView, compared: ReportView): ReportComparison {
  // The earlier statistical year is "before"; for the same year, the report asked about is "after".
  const [before, after] = compared.year <= current.year ? [compared, current] : [current, compared];
  const tables = (v: ReportView) => reportInterchange({ ...v, sections: v.sections ?? [], applications: v.applications ?? {}, reviews: v.reviews ?? {}, disclosure: v.disclosure ?? {}, findings: [] });
  const [b, a] = [tables(before), tables(after)];
  return { before, after, cells: compareCells(b, a), sections: compareSections(b.sections, a.sections) };
}
