/**
 * Reading reports: a page of a filtered, ordered list, or reports by id, each in ONE prepared
 * statement that brings the parts the request asked for, whatever the page size; the count is a
 * second one. Every function takes the statuses the viewer may see (undefined: any).
 */
import type { ReportStatus } from '../entities/index.js';
import { statement, type ReadPool } from '../read-pool.js';
import { reportFilterPg, statusConditionPg, type ReportFilter } from './filter.js';
import { AGENCY_JSON, partColumns, readModelJoin, reportColumns, viewFromRow, type PartRequest } from './sql.js';
import type { AgencyView, ReportView } from './views.js';

export const REPORT_ORDERS = ['YEAR_DESC', 'YEAR_ASC', 'AGENCY_NAME_ASC', 'UPDATED_AT_DESC'] as const;
export type ReportOrder = (typeof REPORT_ORDERS)[number];

interface OrderSpec {
  column: string;
  /** The column's type, so a cursor's key binds as that type. */
  cast: string;
  direction: 'asc' | 'desc';
  read: (report: ReportView) => string | number;
  /**
   * The column has an index over all reports (report_updated_index). A region's or agencies'
   * reports are better sorted than found along it: walking every report's change time backwards
   * reads them all when the region's were imported long ago (27 ms for a province of 310 reports
   * on the bench data, against 0.6 ms sorting them).
   */
  globalIndex?: boolean;
}

const ORDERS: Record<ReportOrder, OrderSpec> = {
  YEAR_DESC: { column: 'r.year', cast: 'smallint', direction: 'desc', read: (r) => r.year },
  YEAR_ASC: { column: 'r.year', cast: 'smallint', direction: 'asc', read: (r) => r.year },
  AGENCY_NAME_ASC: { column: 'a.name', cast: 'text', direction: 'asc', read: (r) => r.agency.name },
  UPDATED_AT_DESC: { column: 'r.updated_at', cast: 'timestamptz', direction: 'desc', read: (r) => r.updatedAt, globalIndex: true },
};

/** A position in an ordered list: the sort key and the id that breaks ties. */
export interface ReportCursor {
  key: string | number;
  id: number;
}

export function reportCursor(report: ReportView, order: ReportOrder): ReportCursor {
  return { key: ORDERS[order].read(report), id: report.id };
}

export interface ReportPageRequest {
  filter: ReportFilter;
  order: ReportOrder;
  after?: ReportCursor;
  before?: ReportCursor;
  limit: number;
  /** true when paging backwards (`last`/`before`): rows come in reverse order. */
  inverted: boolean;
}

const FROM = 'from report r join agency a on a.id = r.agency_id';
/** FROM, with report_read when the parts need it. */
const from = (parts: PartRequest) => `${FROM}${readModelJoin(parts)}`;

type Row = { v?: ReportView; id?: number; total?: number };
const views = (rows: Row[], parts: PartRequest) => rows.map((row) => viewFromRow(row, parts));

export interface ReportPage {
  reports: ReportView[];
  /** Reports matching the filter over all pages, when asked for and the page is not empty. */
  total?: number;
}

/**
 * One page of a list, in one statement; with `count`, the number of matching reports comes in the
 * same statement (an uncorrelated subquery, computed once). An empty page carries no count.
 */
export async function listReports(pool: ReadPool, request: ReportPageRequest, parts: PartRequest, count = false): Promise<ReportPage> {
  const { column, cast, direction, globalIndex } = ORDERS[request.order];
  const forward = request.inverted ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  const params: unknown[] = [];
  const filter = reportFilterPg(request.filter, params);
  const where = [filter];
  const keyset = (cursor: ReportCursor, after: boolean) => {
    const op = after === (direction === 'asc') ? '>' : '<';
    where.push(`(${column}, r.id) ${op} ($${params.push(cursor.key)}::${cast}, $${params.push(cursor.id)}::int)`);
  };
  if (request.after) keyset(request.after, true);
  if (request.before) keyset(request.before, false);
  const total = count ? `, (${countSql(filter)}) as total` : '';
  // The same values, as an expression no index matches: PostgreSQL sorts the filtered reports.
  const sortKey = globalIndex && narrowsToFew(request.filter) ? `(${column} + interval '0 s')` : column;
  const text = `select ${reportColumns(parts, params)}${total} ${from(parts)} where ${where.join(' and ')} order by ${sortKey} ${forward}, r.id ${forward} limit $${params.push(request.limit)}`;
  const rows = await pool.rows<Row>(statement(text, genericPlanFits(request.filter, request.order) ? 'generic' : 'planned'), params);
  return { reports: views(rows, parts), total: rows[0]?.total };
}

/**
 * Whether one generic plan suits every statement of this shape (src/store/read-connections.ts): the
 * reports of a region or of agencies — counted, or listed in year order — which the report's region
 * and agency indexes find whatever the values. Orderings by name or update time, and finding
 * filters, need the values to be planned well (docs/plans/generic-plans.md: forced generic, 5–50× slower).
 */
function genericPlanFits(filter: ReportFilter, order?: ReportOrder): boolean {
  return (order === undefined || order === 'YEAR_DESC' || order === 'YEAR_ASC') && narrowsToFew(filter) && !filter.withFindingRules?.length;
}

/** A region or agencies: at most a province's reports, which their indexes find directly. */
const narrowsToFew = (filter: ReportFilter) => Boolean(filter.regionCode || filter.agencyIds?.length);

/** Reports matching a filter condition. No filter needs the agency: the region is matched on the report's own code. */
const countSql = (where: string) => `select count(*)::int as n from report r where ${where}`;

export async function countReports(pool: ReadPool, filter: ReportFilter): Promise<number> {
  const params: unknown[] = [];
  const text = countSql(reportFilterPg(filter, params));
  return (await pool.rows<{ n: number }>(statement(text, genericPlanFits(filter) ? 'generic' : 'planned'), params))[0].n;
}


export async function reportsById(pool: ReadPool, ids: readonly number[], parts: PartRequest, statuses: ReportStatus[] | undefined): Promise<ReportView[]> {
  const params: unknown[] = [ids];
  const text = `select ${reportColumns(parts, params)} ${from(parts)} where r.id = any($1::int[])${statusConditionPg(statuses, params)}`;
  return views(await pool.rows<Row>(statement(text, 'generic'), params), parts);
}

/** The report of each (agency, year) pair that has one. */
export async function reportsByAgencyYear(pool: ReadPool, keys: readonly { agencyId: number; year: number }[], parts: PartRequest, statuses: ReportStatus[] | undefined): Promise<ReportView[]> {
  const params: unknown[] = [keys.map((k) => k.agencyId), keys.map((k) => k.year)];
  const text = `select ${reportColumns(parts, params)} ${from(parts)}
    join unnest($1::int[], $2::int[]) as k(agency_id, year) on r.agency_id = k.agency_id and r.year = k.year
    where true${statusConditionPg(statuses, params)}`;
  return views(await pool.rows<Row>(statement(text, 'generic'), params), parts);
}

/** Every report of each agency, oldest year first. */
export async function reportsByAgency(pool: ReadPool, agencyIds: readonly number[], parts: PartRequest, statuses: ReportStatus[] | undefined): Promise<ReportView[][]> {
  const params: unknown[] = [agencyIds];
  const text = `select ${reportColumns(parts, params)} ${from(parts)} where r.agency_id = any($1::int[])${statusConditionPg(statuses, params)} order by r.year, r.id`;
  const groups = new Map<number, ReportView[]>(agencyIds.map((id) => [id, []]));
  for (const view of views(await pool.rows<Row>(statement(text, 'generic'), params), parts)) groups.get(view.agency.id)?.push(view);
  return agencyIds.map((id) => groups.get(id) ?? []);
}

/** Parts of reports already read (a part a nested field asks for that the first statement did not bring). */
export async function reportParts(pool: ReadPool, ids: readonly number[], parts: PartRequest): Promise<Map<number, Partial<ReportView>>> {
  const params: unknown[] = [ids];
  const text = `select r.id as id${partColumns(parts, params)} from report r${readModelJoin(parts)} where r.id = any($1::int[])`;
  return new Map(views(await pool.rows<Row>(statement(text, 'generic'), params), parts).map((v) => [v.id, v]));
}

/**
 * Agencies by id. An agency is public once it has a report the viewer may see: one created by a
 * draft import stays as hidden as the draft (agency ids are sequential, so guessing must reveal nothing).
 */
export async function agenciesById(pool: ReadPool, ids: readonly number[], statuses: ReportStatus[] | undefined): Promise<AgencyView[]> {
  const params: unknown[] = [ids];
  const visible = statuses ? ` and exists (select 1 from report r where r.agency_id = a.id${statusConditionPg(statuses, params)})` : '';
  const rows = await pool.rows<{ v: AgencyView }>(statement(`select ${AGENCY_JSON} as v from agency a where a.id = any($1::int[])${visible}`, 'generic'), params);
  return rows.map((row) => row.v);
}

/** The verbatim originals (read only when asked for: they can be megabytes). */
export async function sourceTexts(pool: ReadPool, ids: readonly number[]): Promise<Map<number, string | null>> {
  const rows = await pool.rows<{ id: number; text: string | null }>(statement('select r.id, r.source_text as text from report r where r.id = any($1::int[])', 'generic'), [ids]);
  return new Map(rows.map((r) => [r.id, r.text]));
}
