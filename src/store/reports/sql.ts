/**
 * The read statements' SQL: one row per report with its agency, and each part the request asked
 * for as JSON that PostgreSQL builds from the normalized tables (one index range per part). The
 * column and key names come from the catalog codes, never retyped.
 */
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import { REPORT_PARTS, type ReportPart, type ReportView } from './views.js';

/** A set of parts as a bit mask (a statement's shape, and part of its name). */
export type PartMask = number;
export const NO_PARTS: PartMask = 0;
export const ALL_PARTS: PartMask = (1 << REPORT_PARTS.length) - 1;
export const partBit = (part: ReportPart): PartMask => 1 << REPORT_PARTS.indexOf(part);
export const hasPart = (mask: PartMask, part: ReportPart) => (mask & partBit(part)) !== 0;

/** The parts whose rows can be read a few at a time (a page that prints 4 cells needs 4 rows, not 3 tables). */
export type TablePart = 'applications' | 'disclosure' | 'reviews';
export const TABLE_PARTS: readonly TablePart[] = ['applications', 'disclosure', 'reviews'];

/** Which parts a statement brings, and of each table the rows, when not all of them are asked for. */
export interface PartRequest {
  mask: PartMask;
  /** Row codes (table 三 rows, table 二 items, table 四 groups) per table read in part; absent: the whole table. */
  rows?: Partial<Record<TablePart, readonly string[]>>;
}

export const WHOLE_REPORT: PartRequest = { mask: ALL_PARTS };
export const REPORT_ONLY: PartRequest = { mask: NO_PARTS };

/** A stable key of a request, for batching loads of the same shape together. */
export function partKey(request: PartRequest): string {
  const rows = TABLE_PARTS.map((part) => request.rows?.[part]?.join(',') ?? '*').join('|');
  return `${request.mask}|${rows}`;
}

/** Count columns are named after their codes (NATURAL_PERSON → natural_person), as the entities map them. */
const countObject = (alias: string, codes: string[]) => `json_build_object(${codes.map((code) => `'${code}', ${alias}.${code.toLowerCase()}`).join(', ')})`;

/** Each part's subquery; `rowsOnly` is a condition on the table's row code column, or empty for all rows. An empty part is {} or [], never null. */
const PART_SQL: Record<ReportPart, (rowsOnly: (column: string) => string) => string> = {
  applications: (only) =>
    `coalesce((select json_object_agg(x.row_code, ${countObject('x', APPLICANT_CODES)}) from application_row x where x.report_id = r.id${only('x.row_code')}), '{}')`,
  disclosure: (only) =>
    `coalesce((select json_object_agg(t.item_code, t.measures) from (select d.item_code, json_object_agg(d.measure_code, d.value::text) as measures from disclosure_cell d where d.report_id = r.id${only('d.item_code')} group by d.item_code) t), '{}')`,
  reviews: (only) =>
    `coalesce((select json_object_agg(v.group_code, ${countObject('v', REVIEW_OUTCOME_CODES)}) from review_row v where v.report_id = r.id${only('v.group_code')}), '{}')`,
  sections: () =>
    `coalesce((select json_agg(json_build_object('number', s.number, 'code', s.code, 'title', s.title, 'body', s.body) order by s.number) from report_section s where s.report_id = r.id), '[]')`,
  findings: () =>
    `coalesce((select json_agg(json_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'message', f.message, 'cells', f.cells, 'expected', f.expected::text, 'actual', f.actual::text) order by f.id) from finding f where f.report_id = r.id), '[]')`,
};

const isWhole = (request: PartRequest, part: ReportPart) => !(TABLE_PARTS as readonly string[]).includes(part) || !request.rows?.[part as TablePart];

/**
 * The requested parts as `'name', value` pairs of a json_build_object: a whole part from
 * report_read (`rr`, see readModelJoin), assembled from the rows when a report has no row there; a
 * table read in part from its rows. Row subsets are appended to `params`.
 */
function partPairs(request: PartRequest, params: unknown[]): string {
  return REPORT_PARTS.filter((part) => hasPart(request.mask, part))
    .map((part) => {
      if (isWhole(request, part)) return `, '${part}', coalesce(rr."${part}", ${PART_SQL[part](() => '')})`;
      const rows = request.rows![part as TablePart]!;
      return `, '${part}', ${PART_SQL[part]((column) => ` and ${column} = any($${params.push(rows)}::text[])`)}`;
    })
    .join('');
}

/** The join to report_read that partPairs needs, when any part is asked for whole. */
export function readModelJoin(request: PartRequest): string {
  return REPORT_PARTS.some((part) => hasPart(request.mask, part) && isWhole(request, part)) ? ' left join report_read rr on rr.report_id = r.id' : '';
}

/** The parts of the reports of `report r`, whole, as the columns of report_read (src/store/reports/read-model.ts). */
export const READ_MODEL_COLUMNS = REPORT_PARTS.map((part) => ({ part, sql: PART_SQL[part](() => '') }));

/** A moment as JavaScript's toISOString() writes it (what the DateTime scalar serves). */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An agency of `agency a` as the AgencyView JSON. */
export const AGENCY_JSON = `json_build_object('id', a.id, 'name', a.name, 'regionCode', a.region_code, 'regionName', a.region_name, 'level', a.level,
  'kind', a.kind, 'parentId', a.parent_id, 'address', a.address, 'postcode', a.postcode, 'phone', a.phone, 'fax', a.fax, 'email', a.email, 'website', a.website)`;

/**
 * A report of `report r join agency a` as the ReportView JSON, with the parts asked for: one value
 * per report, parsed once (a row of two dozen typed columns costs more to read than its JSON).
 * The verbatim source is never included: megabytes, read only when asked for.
 */
export function reportJson(request: PartRequest, params: unknown[]): string {
  return `json_build_object('id', r.id, 'year', r.year, 'formatVersion', r.format_version, 'title', r.title, 'publishedOn', r.published_on, 'version', r.version,
  'sourceUrl', r.source_url, 'status', r.status, 'sourceKind', r.source_kind, 'createdAt', ${iso('r.created_at')}, 'updatedAt', ${iso('r.updated_at')},
  'agency', ${AGENCY_JSON}${partPairs(request, params)})`;
}

/** Only the parts asked for (for reports already read). */
export function partsJson(request: PartRequest, params: unknown[]): string {
  return `json_build_object('id', r.id${partPairs(request, params)})`;
}

/** Marks the tables read in part, so a field that needs more of one reads the rest. */
export function markRowsRead<T extends { rowsRead?: ReportView['rowsRead'] }>(view: T, request: PartRequest): T {
  if (request.rows) view.rowsRead = { ...view.rowsRead, ...request.rows };
  return view;
}

export const EMPTY_PART: { readonly [P in ReportPart]: NonNullable<ReportView[P]> } = { applications: {}, disclosure: {}, reviews: {}, sections: [], findings: [] };
