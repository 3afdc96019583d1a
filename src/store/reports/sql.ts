/**
 * The read statements' SQL: one row per report with its agency, and each part the request asked
 * for as JSON that PostgreSQL builds from the normalized tables (one index range per part). The
 * column and key names come from the catalog codes, never retyped.
 */
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import { REPORT_PARTS, type ReportPart, type ReportView } from './views.js';

/** A set of parts as a bit mask (a statement's shape, and part of its name). */
export type PartMask = number;
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
  /** Only the report columns of SLIM_REPORT_COLUMNS and the agency's of SLIM_AGENCY_COLUMNS (a list that prints a few of them). */
  slim?: boolean;
}

/** The report and its agency, no parts. */
export const REPORT_ONLY: PartRequest = { mask: 0 };

/** A stable key of a request, for batching loads of the same shape together. */
export function partKey(request: PartRequest): string {
  const rows = TABLE_PARTS.map((part) => request.rows?.[part]?.join(',') ?? '*').join('|');
  return `${request.slim ? SLIM_KEY_PREFIX : ''}${request.mask}|${rows}`;
}

const SLIM_KEY_PREFIX = 'slim|';
/** The key of the same request with the full head, for a slim key (a full view answers a slim request too). */
export const fullKeyOf = (key: string): string | undefined => (key.startsWith(SLIM_KEY_PREFIX) ? key.slice(SLIM_KEY_PREFIX.length) : undefined);

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
    `coalesce((select json_agg(json_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'code', f.code, 'params', f.params, 'message', f.message, 'cells', f.cells, 'expected', f.expected::text, 'actual', f.actual::text) order by f.id) from finding f where f.report_id = r.id), '[]')`,
};

const isWhole = (request: PartRequest, part: ReportPart) => !(TABLE_PARTS as readonly string[]).includes(part) || !request.rows?.[part as TablePart];

/**
 * The requested parts as columns named after them, each a JSON value the driver parses: a whole
 * part from report_read (`rr`, see readModelJoin), assembled from the rows when a report has no row
 * there; a table read in part from its rows. Row subsets are appended to `params`. (Columns, not
 * members of the report's JSON: wrapping kilobytes of stored JSON in json_build_object copies them.)
 */
export function partColumns(request: PartRequest, params: unknown[]): string {
  return REPORT_PARTS.filter((part) => hasPart(request.mask, part))
    .map((part) => {
      if (isWhole(request, part)) return `, coalesce(rr."${part}", ${PART_SQL[part](() => '')}) as "${part}"`;
      const rows = request.rows![part as TablePart]!;
      return `, ${PART_SQL[part]((column) => ` and ${column} = any($${params.push(rows)}::text[])`)} as "${part}"`;
    })
    .join('');
}

/** The join to report_read that partColumns needs, when any part is asked for whole. */
export function readModelJoin(request: PartRequest): string {
  return REPORT_PARTS.some((part) => hasPart(request.mask, part) && isWhole(request, part)) ? ' left join report_read rr on rr.report_id = r.id' : '';
}

/** The parts of the reports of `report r`, whole, as the columns of report_read (src/store/reports/read-model.ts). */
export const READ_MODEL_COLUMNS = REPORT_PARTS.map((part) => ({ part, sql: PART_SQL[part](() => '') }));

/** An agency of `agency a` as the AgencyView JSON. */
export const AGENCY_JSON = `json_build_object('id', a.id, 'name', a.name, 'regionCode', a.region_code, 'regionName', a.region_name, 'level', a.level,
  'kind', a.kind, 'parentId', a.parent_id, 'address', a.address, 'postcode', a.postcode, 'phone', a.phone, 'fax', a.fax, 'email', a.email, 'website', a.website)`;

/**
 * The report fields a slim head carries (those a list page prints, orders and pages by, and those
 * that need only the id), and its agency's. A view read slim has no other fields.
 */
export const SLIM_REPORT_FIELDS = ['id', 'year', 'formatVersion', 'status', 'updatedAt', 'agency'] as const;
export const SLIM_AGENCY_FIELDS = ['id', 'name', 'regionCode'] as const;
const SLIM_HEAD = `json_build_object('id', r.id, 'year', r.year, 'formatVersion', r.format_version, 'status', r.status, 'updatedAt', r.updated_at,
  'agency', json_build_object('id', a.id, 'name', a.name, 'regionCode', a.region_code))`;

/**
 * A report of `report r join agency a` as the ReportView JSON (column `v`), then the parts asked
 * for as columns: one row per report, each value parsed once. Moments come as PostgreSQL writes
 * them in JSON (ISO 8601 with an offset; the DateTime scalar serves them in UTC). The verbatim
 * source is never included: megabytes, read only when asked for.
 */
export function reportColumns(request: PartRequest, params: unknown[]): string {
  if (request.slim) return `${SLIM_HEAD} as v${partColumns(request, params)}`;
  return `json_build_object('id', r.id, 'year', r.year, 'formatVersion', r.format_version, 'title', r.title, 'publishedOn', r.published_on, 'version', r.version,
  'sourceUrl', r.source_url, 'status', r.status, 'sourceKind', r.source_kind, 'createdAt', r.created_at, 'updatedAt', r.updated_at,
  'agency', ${AGENCY_JSON}) as v${partColumns(request, params)}`;
}

/** A row of reportColumns (or of `r.id as id` and partColumns) as the view. */
export function viewFromRow(row: { v?: ReportView; id?: number } & Partial<Record<ReportPart, unknown>>, request: PartRequest): ReportView {
  const view = (row.v ?? { id: row.id }) as ReportView;
  for (const part of REPORT_PARTS) if (hasPart(request.mask, part)) (view as unknown as Record<string, unknown>)[part] = row[part];
  return markRowsRead(view, request);
}

/** Marks the tables read in part, so a field that needs more of one reads the rest. */
export function markRowsRead<T extends { rowsRead?: ReportView['rowsRead'] }>(view: T, request: PartRequest): T {
  if (request.rows) view.rowsRead = { ...view.rowsRead, ...request.rows };
  return view;
}

export const EMPTY_PART: { readonly [P in ReportPart]: NonNullable<ReportView[P]> } = { applications: {}, disclosure: {}, reviews: {}, sections: [], findings: [] };
