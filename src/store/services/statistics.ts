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

function measureSql(measure: Measure, alias: (c: CellRef) => string, index: number) {
  const all = cellsOf(measure);
  const ok = all.map((c) => `${alias(c)} is not null`).join(' and ');
  const sum = (cells: CellRef[]) => (cells.length ? cells.map(alias).join(' + ') : '0');
  const num = `sum(${sum(measure.numerator)}) filter (where ${ok})`;
  const den = measure.rate ? `sum((${sum(measure.denominator)}) - (${sum(measure.subtract)})) filter (where ${ok})` : 'null';
  const value = measure.rate ? `case when ${den} > 0 then (${num})::float8 / ${den} end` : `(${num})::float8`;
  return {
    select: `count(*) filter (where ${ok})::int as m${index}_n, (${num})::float8 as m${index}_num, (${den})::float8 as m${index}_den, ${value} as m${index}_value`,
    value,
    counted: `count(*) filter (where ${ok})`,
  };
}

/** The aggregate statement (exported so the bench and tests can EXPLAIN it). */
export function buildSql(request: AggregateRequest, filter: ReportFilter): { sql: string; params: unknown[] } {
  const cells = new Map<string, { ref: CellRef; alias: string }>();
  for (const m of request.measures) for (const ref of cellsOf(m)) if (!cells.has(cellKey(ref))) cells.set(cellKey(ref), { ref, alias: `c${cells.size}` });
  const { selects: cellSelects, joins } = cellColumns(cells);
  const alias = (ref: CellRef) => `b.${cells.get(cellKey(ref))!.alias}`;
  const where = reportFilterSql(filter);
  const byRegion = request.groupBy.includes('REGION');
  const perReport = [
    'r.id, r.year, r.agency_id, r.format_version::text as format_version, a.level::text as agency_level',
    byRegion ? `${REGION_KEY[request.regionLevel ?? 'PROVINCE']} as region_code` : 'null::text as region_code',
    request.crossYear ? `exists (select 1 from finding f where f.report_id = r.id and f.rule = 'X1') as x1` : 'false as x1',
    ...cellSelects,
  ];
  const keys = request.groupBy.map((d) => KEY_COLUMN[d]);
  const measures = request.measures.map((m, i) => measureSql(m, alias, i));
  const selects = [
    ...request.groupBy.map((d) => `${KEY_COLUMN[d]} as ${d.toLowerCase()}`),
    'count(*)::int as reports',
    'case when count(*) = 1 then min(b.id) end as report_id',
    'count(*) filter (where b.x1)::int as x1_reports',
    ...measures.map((m) => m.select),
    'count(*) over ()::int as total_groups',
  ];
  const params = [...where.params];
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
  const sql = `select ${selects.join(', ')} from (
      select ${perReport.join(', ')} from report r join agency a on a.id = r.agency_id ${byRegion ? 'left join region rg on rg.code = a.region_code' : ''}
        ${joins.join(' ')}
      where ${where.sql} group by r.id, a.id${byRegion ? ', rg.code' : ''}) b ${tail}`;
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
  const { sql, params } = buildSql(request, filter);
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
