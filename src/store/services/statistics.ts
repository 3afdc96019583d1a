/**
 * Portal aggregates: any measure (a cell or a rate, see measures.ts) summed over a report filter
 * and grouped by year, region, agency, agency level or format version — one SQL statement per call,
 * however many measures and groups. Blank (NULL) cells are never read as 0: a report whose cells for
 * a measure are not all printed is left out of that measure, and counted as excluded.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import type { RegionLevel } from '../entities/index.js';
import { cellsOf, type CellRef, type Measure } from './measures.js';
import { reportFilterSql, withPreviousYear, yearMatches } from './report-filter-sql.js';
import { measureKey, rollupAnswers } from './rollup.js';
import type { ReportFilter } from './report-queries.js';

export const STAT_DIMENSIONS = ['YEAR', 'REGION', 'AGENCY', 'AGENCY_LEVEL', 'FORMAT_VERSION'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** Beyond this many groups a portal should rank (Query.ranking) or narrow the filter. */
export const MAX_GROUPS = 5000;

export class TooManyGroupsError extends RangeError {}

export interface AggregateRequest {
  filter: ReportFilter;
  measures: Measure[];
  groupBy: StatDimension[];
  /** Level of the REGION dimension. */
  regionLevel?: RegionLevel;
  /** Rank the groups by one measure's value (nulls last) and keep the first `limit`. */
  rankBy?: { measure: number; direction: 'ASC' | 'DESC'; limit: number; minReportsCounted: number };
  /** Also count, per group, the reports with a failed cross-year check X1. */
  crossYear?: boolean;
  /** Refuse more groups than this (default MAX_GROUPS). */
  maxGroups?: number;
  /** false: always read the base tables, never the rollup (tests compare the two). */
  useRollup?: boolean;
}

export interface MeasureResult {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  counted: number;
  excluded: number;
  /** The same group one year earlier (when grouped by year and not ranked). */
  previous: MeasureResult | null;
}

export interface GroupResult {
  year: number | null;
  regionCode: string | null;
  agencyId: number | null;
  agencyLevel: string | null;
  formatVersion: string | null;
  reports: number;
  /** The one report of the group, when it has exactly one (a single agency's year). */
  reportId: number | null;
  crossYearFailures: number | null;
  values: MeasureResult[];
}

export interface AggregateResult {
  groups: GroupResult[];
  /** How many groups there are before ranking's limit. */
  totalGroups: number;
}

/**
 * Where an agency counts at a region level. An agency above that level counts under its own
 * region; see Region.prefectureCode for municipalities and province-managed counties; an agency
 * whose code is not in the table falls back to the code's digits.
 */
const REGION_KEY: Record<RegionLevel, string> = {
  PROVINCE: `coalesce(rg.province_code, rpad(left(a.region_code, 2), 6, '0'))`,
  PREFECTURE: `coalesce(rg.prefecture_code, rg.code, rpad(left(a.region_code, 4), 6, '0'))`,
  COUNTY: `coalesce(rg.code, a.region_code)`,
};

const KEY_COLUMN: Record<StatDimension, string> = {
  YEAR: 'b.year',
  REGION: 'b.region_code',
  AGENCY: 'b.agency_id',
  AGENCY_LEVEL: 'b.agency_level',
  FORMAT_VERSION: 'b.format_version',
};

const TABLES = {
  application: { table: 'application_row', rowColumn: 'row_code', columns: APPLICANT_CODES },
  review: { table: 'review_row', rowColumn: 'group_code', columns: REVIEW_OUTCOME_CODES },
} as const;

/** Codes are inlined as literals, so they are checked to be catalog-style identifiers first. */
function code(value: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(value)) throw new Error(`Not a format code: ${value}`);
  return `'${value}'`;
}

function cellKey(cell: CellRef): string {
  return `${cell.table}:${cell.row}:${cell.column}`;
}

/**
 * The requested cells of each report as columns (c0, c1…): every table joined on the report, each cell
 * picked with max() FILTER. Joining several tables multiplies a report's rows, which max() ignores;
 * one flat join keeps the planner's estimates sane (a CTE per table made it expect millions of rows,
 * and JIT compilation then cost more than the query).
 */
function cellColumns(cells: Map<string, { ref: CellRef; alias: string }>): { selects: string[]; joins: string[] } {
  const selects: string[] = [];
  const joins: string[] = [];
  for (const table of ['application', 'review', 'disclosure'] as const) {
    const mine = [...cells.values()].filter((c) => c.ref.table === table);
    if (!mine.length) continue;
    const t = `t_${table}`;
    const rows = [...new Set(mine.map((c) => code(c.ref.row)))].join(', ');
    if (table === 'disclosure') {
      selects.push(...mine.map((c) => `max(${t}.value) filter (where ${t}.item_code = ${code(c.ref.row)} and ${t}.measure_code = ${code(c.ref.column)}) as ${c.alias}`));
      joins.push(`left join disclosure_cell ${t} on ${t}.report_id = r.id and ${t}.item_code in (${rows})`);
    } else {
      const spec = TABLES[table];
      for (const c of mine) {
        if (!spec.columns.includes(c.ref.column)) throw new Error(`Unknown column ${c.ref.column}`);
        selects.push(`max(${t}.${c.ref.column.toLowerCase()}) filter (where ${t}.${spec.rowColumn} = ${code(c.ref.row)}) as ${c.alias}`);
      }
      joins.push(`left join ${spec.table} ${t} on ${t}.report_id = r.id and ${t}.${spec.rowColumn} in (${rows})`);
    }
  }
  return { selects, joins };
}

/** A measure's aggregate expressions: counted reports, Σ numerator, Σ denominator (null unless a rate). */
export interface MeasureExprs {
  counted: string;
  num: string;
  den: string;
}

/** Over per-report cell columns: a report counts for a measure only when none of its cells is blank. */
function baseMeasureExprs(measure: Measure, alias: (c: CellRef) => string): MeasureExprs {
  const ok = cellsOf(measure).map((c) => `${alias(c)} is not null`).join(' and ');
  const sum = (cells: CellRef[]) => (cells.length ? cells.map(alias).join(' + ') : '0');
  return {
    counted: `count(*) filter (where ${ok})`,
    num: `sum(${sum(measure.numerator)}) filter (where ${ok})`,
    den: measure.rate ? `sum((${sum(measure.denominator)}) - (${sum(measure.subtract)})) filter (where ${ok})` : 'null',
  };
}

function measureSql(measure: Measure, e: MeasureExprs, index: number) {
  const value = measure.rate ? `case when ${e.den} > 0 then (${e.num})::float8 / (${e.den})::float8 end` : `(${e.num})::float8`;
  return {
    select: `(${e.counted})::int as m${index}_n, (${e.num})::float8 as m${index}_num, (${e.den})::float8 as m${index}_den, ${value} as m${index}_value`,
    value,
    counted: e.counted,
  };
}

/** Requested cells as per-report columns, with the measures' expressions over them. */
function cellPlan(measures: Measure[]) {
  const cells = new Map<string, { ref: CellRef; alias: string }>();
  for (const m of measures) for (const ref of cellsOf(m)) if (!cells.has(cellKey(ref))) cells.set(cellKey(ref), { ref, alias: `c${cells.size}` });
  const alias = (ref: CellRef) => `b.${cells.get(cellKey(ref))!.alias}`;
  return { ...cellColumns(cells), exprs: measures.map((m) => baseMeasureExprs(m, alias)) };
}

/** The measures' aggregate expressions over perReportSql's cell columns. */
export function measureExprs(measures: Measure[]): MeasureExprs[] {
  return cellPlan(measures).exprs;
}

/** One row per report of the filter (`b`): keys, the X1 flag and the requested cells as columns. */
export function perReportSql(measures: Measure[], where: string, options: { regionLevel?: RegionLevel; crossYear?: boolean }): string {
  const { selects: cellSelects, joins } = cellPlan(measures);
  const byRegion = options.regionLevel !== undefined;
  const perReport = [
    'r.id, r.year, r.agency_id, r.format_version::text as format_version, a.level::text as agency_level, r.status::text as status, a.region_code as agency_region_code',
    byRegion ? `${REGION_KEY[options.regionLevel!]} as region_code` : 'null::text as region_code',
    options.crossYear ? `exists (select 1 from finding f where f.report_id = r.id and f.rule = 'X1') as x1` : 'false as x1',
    ...cellSelects,
  ];
  return `select ${perReport.join(', ')} from report r join agency a on a.id = r.agency_id ${byRegion ? 'left join region rg on rg.code = a.region_code' : ''}
        ${joins.join(' ')}
      where ${where} group by r.id, a.id${byRegion ? ', rg.code' : ''}`;
}

/** Grouping, ranking and the group limit, the same over the base tables and the rollup. */
function tailSql(request: AggregateRequest, keys: string[], measures: ReturnType<typeof measureSql>[], params: unknown[]): string {
  let tail = keys.length ? `group by ${keys.join(', ')}` : '';
  if (request.rankBy) {
    const ranked = measures[request.rankBy.measure];
    if (!ranked) throw new Error(`No measure #${request.rankBy.measure}`);
    tail += ` having ${ranked.counted} >= ?`;
    params.push(request.rankBy.minReportsCounted);
    tail += ` order by ${ranked.value} ${request.rankBy.direction} nulls last${keys.length ? `, ${keys.join(', ')}` : ''} limit ?`;
    params.push(request.rankBy.limit);
  } else if (keys.length) {
    // One more than allowed, to tell "too many" from "exactly the maximum" (year-over-year reads two years).
    tail += ` order by ${keys.join(', ')} limit ${(request.maxGroups ?? MAX_GROUPS) * 2 + 1}`;
  }
  return tail;
}

/** The aggregate statement over the base tables (exported so the bench and tests can EXPLAIN it). */
export function buildSql(request: AggregateRequest, filter: ReportFilter): { sql: string; params: unknown[] } {
  const { exprs } = cellPlan(request.measures);
  const where = reportFilterSql(filter);
  const byRegion = request.groupBy.includes('REGION');
  const keys = request.groupBy.map((d) => KEY_COLUMN[d]);
  const measures = request.measures.map((m, i) => measureSql(m, exprs[i], i));
  const selects = [
    ...request.groupBy.map((d) => `${KEY_COLUMN[d]} as ${d.toLowerCase()}`),
    'count(*)::int as reports',
    'case when count(*) = 1 then min(b.id) end as report_id',
    'count(*) filter (where b.x1)::int as x1_reports',
    ...measures.map((m) => m.select),
    'count(*) over ()::int as total_groups',
  ];
  const params = [...where.params];
  const tail = tailSql(request, keys, measures, params);
  const inner = perReportSql(request.measures, where.sql, { regionLevel: byRegion ? (request.regionLevel ?? 'PROVINCE') : undefined, crossYear: request.crossYear });
  const sql = `select ${selects.join(', ')} from (
      ${inner}) b ${tail}`;
  return { sql, params };
}

/**
 * The same statement over the rollup (rollup.ts), when it answers the request exactly: every measure
 * rolled up, grouped and filtered only by what the rollup keeps (year, region code, agency level,
 * format version, status), no cross-year counts. Null otherwise.
 */
export function buildRollupSql(request: AggregateRequest, filter: ReportFilter): { sql: string; params: unknown[] } | null {
  if (!rollupAnswers(request, filter)) return null;
  const keysOf = request.measures.map((m) => measureKey(m)!);
  const lit = (k: string) => `'${k.replace(/'/g, "''")}'`;
  const of = (i: number) => `ru.measure = ${lit(keysOf[i])}`;
  const byRegion = request.groupBy.includes('REGION');
  const keyColumn: Record<StatDimension, string> = {
    YEAR: 'ru.year',
    REGION: REGION_KEY[request.regionLevel ?? 'PROVINCE'].replaceAll('a.region_code', 'ru.region_code'),
    AGENCY: 'null',
    AGENCY_LEVEL: 'ru.agency_level',
    FORMAT_VERSION: 'ru.format_version',
  };
  const keys = request.groupBy.map((d) => keyColumn[d]);
  const measures = request.measures.map((m, i) =>
    measureSql(m, { counted: `coalesce(sum(ru.counted) filter (where ${of(i)}), 0)`, num: `sum(ru.numerator) filter (where ${of(i)})`, den: m.rate ? `sum(ru.denominator) filter (where ${of(i)})` : 'null' }, i),
  );
  const reports = `coalesce(sum(ru.reports) filter (where ${of(0)}), 0)`;
  const selects = [
    ...request.groupBy.map((d) => `${keyColumn[d]} as ${d.toLowerCase()}`),
    `${reports}::int as reports`,
    `case when ${reports} = 1 then min(ru.min_report_id) filter (where ${of(0)}) end as report_id`,
    '0 as x1_reports',
    ...measures.map((m) => m.select),
    'count(*) over ()::int as total_groups',
  ];
  const where = reportFilterSql(filter, { report: 'ru', agency: 'ru' });
  const params = [...where.params];
  const tail = tailSql(request, keys, measures, params);
  const sql = `select ${selects.join(', ')} from report_rollup ru ${byRegion ? 'left join region rg on rg.code = ru.region_code' : ''}
      where ru.measure in (${[...new Set(keysOf)].map(lit).join(', ')}) and ${where.sql} ${tail}`;
  return { sql, params };
}

type Row = Record<string, string | number | boolean | null>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function readRow(row: Row, request: AggregateRequest): GroupResult {
  const reports = Number(row.reports);
  return {
    year: num(row.year),
    regionCode: (row.region as string | undefined) ?? null,
    agencyId: num(row.agency),
    agencyLevel: (row.agency_level as string | undefined) ?? null,
    formatVersion: (row.format_version as string | undefined) ?? null,
    reports,
    reportId: num(row.report_id),
    crossYearFailures: request.crossYear ? Number(row.x1_reports) : null,
    values: request.measures.map((_, i) => {
      const counted = Number(row[`m${i}_n`]);
      return { numerator: num(row[`m${i}_num`]), denominator: num(row[`m${i}_den`]), value: num(row[`m${i}_value`]), counted, excluded: reports - counted, previous: null };
    }),
  };
}

export async function aggregate(em: EntityManager, request: AggregateRequest): Promise<AggregateResult> {
  // Year-over-year: read one more year back in the same statement, then pair each group with it.
  const yoy = request.groupBy.includes('YEAR') && !request.rankBy;
  const filter = yoy ? withPreviousYear(request.filter) : request.filter;
  const { sql, params } = (request.useRollup !== false && buildRollupSql(request, filter)) || buildSql(request, filter);
  const raw = await em.getConnection().execute<Row[]>(sql, params);
  const rows = raw.map((row) => readRow(row, request));
  const wanted = yoy ? rows.filter((g) => g.year !== null && yearMatches(request.filter, g.year)).length : rows.length;
  const max = request.maxGroups ?? MAX_GROUPS;
  if (!request.rankBy && (wanted > max || raw.length > max * 2)) {
    throw new TooManyGroupsError(`More than ${max} groups: narrow the filter, group by fewer dimensions, or use ranking(first:) for the top ones.`);
  }
  if (!yoy) return { groups: rows, totalGroups: raw.length ? Number(raw[0].total_groups) : 0 };
  const keyOf = (g: GroupResult, year: number | null) => JSON.stringify([year, g.regionCode, g.agencyId, g.agencyLevel, g.formatVersion]);
  const byKey = new Map(rows.map((g) => [keyOf(g, g.year), g]));
  const groups = rows.filter((g) => g.year !== null && yearMatches(request.filter, g.year));
  for (const g of groups) {
    const before = byKey.get(keyOf(g, g.year! - 1));
    if (before) g.values.forEach((v, i) => (v.previous = before.values[i]));
  }
  return { groups, totalGroups: groups.length };
}
