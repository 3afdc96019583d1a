/**
 * Portal aggregates: any measure (a cell or a rate, see measures.ts) summed over a report filter
 * and grouped by year, region, agency, agency level or format version — one SQL statement per call,
 * however many measures and groups. Blank (NULL) cells are never read as 0: a report whose cells for
 * a measure are not all printed is left out of that measure, and counted as excluded.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionLevel } from '../entities/index.js';
import type { Measure } from './measures.js';
import { cellPlan, perReportSql, type MeasureExprs } from './per-report-sql.js';
import { reportFilterSql, withPreviousYear, yearMatches, type SqlFragment } from '../reports/filter.js';
import { buildRollupSql, buildVectorSql } from './statistics-precomputed.js';
import type { ReportFilter } from '../reports/filter.js';

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
  /** false: never read the rollup (tests compare the sources). */
  useRollup?: boolean;
  /** false: never read the cell vectors (tests compare the sources). */
  useVectors?: boolean;
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

const KEY_COLUMN: Record<StatDimension, string> = {
  YEAR: 'b.year',
  REGION: 'b.region_code',
  AGENCY: 'b.agency_id',
  AGENCY_LEVEL: 'b.agency_level',
  FORMAT_VERSION: 'b.format_version',
};

function measureSql(measure: Measure, e: MeasureExprs, index: number) {
  const value = measure.rate ? `case when ${e.den} > 0 then (${e.num})::float8 / (${e.den})::float8 end` : `(${e.num})::float8`;
  return {
    select: `(${e.counted})::int as m${index}_n, (${e.num})::float8 as m${index}_num, (${e.den})::float8 as m${index}_den, ${value} as m${index}_value`,
    value,
    counted: e.counted,
  };
}

/** Grouping, ranking and the group limit, the same over every source. */
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

/**
 * What differs between the sources an aggregate can be read from — the base tables' per-report rows,
 * the rollup, the cell vectors (statistics-precomputed.ts); aggregateSql writes the rest the same way.
 */
export interface AggregateSource {
  /** The relation summed, with its joins. */
  from: string;
  /** Its rows to sum (the report filter over its columns). */
  where: SqlFragment;
  /** Each dimension's group key over those rows. */
  keyColumn: Record<StatDimension, string>;
  /** Aggregates: reports in a group, the report when there is one, reports failing X1. */
  reports: string;
  reportId: string;
  x1Reports: string;
  /** Each requested measure's counted / Σ numerator / Σ denominator. */
  exprs: MeasureExprs[];
}

/** The one aggregate statement over a source. */
export function aggregateSql(request: AggregateRequest, source: AggregateSource): { sql: string; params: unknown[] } {
  const keys = request.groupBy.map((d) => source.keyColumn[d]);
  const measures = request.measures.map((m, i) => measureSql(m, source.exprs[i], i));
  const selects = [
    ...request.groupBy.map((d) => `${source.keyColumn[d]} as ${d.toLowerCase()}`),
    `${source.reports}::int as reports`,
    `case when ${source.reports} = 1 then ${source.reportId} end as report_id`,
    `${source.x1Reports}::int as x1_reports`,
    ...measures.map((m) => m.select),
    'count(*) over ()::int as total_groups',
  ];
  const params = [...source.where.params];
  const tail = tailSql(request, keys, measures, params);
  return { sql: `select ${selects.join(', ')} from ${source.from} where ${source.where.sql} ${tail}`, params };
}

/** The aggregate statement over the base tables (exported so the bench and tests can EXPLAIN it). */
export function buildSql(request: AggregateRequest, filter: ReportFilter): { sql: string; params: unknown[] } {
  const where = reportFilterSql(filter);
  const byRegion = request.groupBy.includes('REGION');
  const inner = perReportSql(request.measures, where.sql, { regionLevel: byRegion ? (request.regionLevel ?? 'PROVINCE') : undefined, crossYear: request.crossYear });
  return aggregateSql(request, {
    // The filter is applied inside, per report; its parameters come first either way.
    from: `(${inner}) b`,
    where: { sql: 'true', params: where.params },
    keyColumn: KEY_COLUMN,
    reports: 'count(*)',
    reportId: 'min(b.id)',
    x1Reports: 'count(*) filter (where b.x1)',
    exprs: cellPlan(request.measures).exprs,
  });
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
  const { sql, params } =
    (request.useRollup !== false && buildRollupSql(request, filter)) || (request.useVectors !== false && buildVectorSql(request, filter)) || buildSql(request, filter);
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
