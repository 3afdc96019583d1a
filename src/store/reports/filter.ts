/**
 * ReportFilter as a raw SQL condition: the one definition of what a filter means, used by the report
 * listing, the aggregates and search alike.
 */
import type { FormatVersion } from '../../format/index.js';
import type { ReportStatus } from '../entities/index.js';
import { regionPrefix } from '../services/regions.js';

export interface ReportFilter {
  years?: number[];
  yearFrom?: number;
  yearTo?: number;
  agencyIds?: number[];
  /** GB/T 2260 code or prefix: a province (35 / 350000) selects its whole subtree. */
  regionCode?: string;
  formatVersions?: FormatVersion[];
  statuses?: ReportStatus[];
  /** Only reports with at least one finding of these rule codes. */
  withFindingRules?: string[];
}

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** How a condition refers to a value: knex's `?` (lists expanded by knex), or node-postgres's `$n`. */
interface Binder {
  value(value: unknown): string;
  /** `column` is one of `values`. */
  oneOf(column: string, values: unknown[]): string;
}

function conditions(filter: ReportFilter, r: string, reportId: string, region: (prefix: string) => string, bind: Binder): string[] {
  const parts: string[] = [];
  if (filter.years?.length) parts.push(bind.oneOf(`${r}.year`, filter.years));
  if (filter.yearFrom !== undefined) parts.push(`${r}.year >= ${bind.value(filter.yearFrom)}`);
  if (filter.yearTo !== undefined) parts.push(`${r}.year <= ${bind.value(filter.yearTo)}`);
  if (filter.agencyIds?.length) parts.push(bind.oneOf(`${r}.agency_id`, filter.agencyIds));
  if (filter.formatVersions?.length) parts.push(bind.oneOf(`${r}.format_version`, filter.formatVersions));
  if (filter.statuses?.length) parts.push(bind.oneOf(`${r}.status`, filter.statuses));
  if (filter.regionCode) parts.push(region(regionPrefix(filter.regionCode)));
  if (filter.withFindingRules?.length) parts.push(`exists (select 1 from finding f where f.report_id = ${reportId} and ${bind.oneOf('f.rule', filter.withFindingRules)})`);
  return parts;
}

/**
 * `aliases`: the relations that hold the report's and the agency's columns (the rollup and the
 * cell vectors hold both), and the column of the report's id where it is not `id`.
 */
export function reportFilterSql(filter: ReportFilter, aliases: { report: string; agency: string; reportId?: string } = { report: 'r', agency: 'a' }): SqlFragment {
  const params: unknown[] = [];
  const bind: Binder = {
    value: (value) => (params.push(value), '?'),
    // An array parameter expands to a value list: `in (?)` with [[1, 2]] becomes `in (1, 2)`.
    oneOf: (column, values) => (params.push(values), `${column} in (?)`),
  };
  const region = (prefix: string) => `${aliases.agency}.region_code like ${bind.value(`${prefix}%`)}`;
  const parts = conditions(filter, aliases.report, `${aliases.report}.${aliases.reportId ?? 'id'}`, region, bind);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/**
 * The same filter over the report table alone (alias `r`), for node-postgres prepared statements:
 * values are appended to `params` as `$n`, lists bound as arrays (`= any($n)`), so the text depends
 * only on which filters are set. A list of one value binds as that value (`= $n`): the read pool's
 * generic plans (src/store/read-connections.ts) estimate a scalar from the column's statistics, an array
 * of unknown length as a large share of the table. A region is matched on the report's own code at its level, the
 * equality its index (report_province_year_index …) answers in list order.
 */
export function reportFilterPg(filter: ReportFilter, params: unknown[]): string {
  const bind: Binder = {
    value: (value) => `$${params.push(value)}`,
    oneOf: (column, values) => oneOfPg(column, values, params),
  };
  const region = (prefix: string) => (prefix.length === 6 ? `r.region_code = ${bind.value(prefix)}` : `left(r.region_code, ${prefix.length}) = ${bind.value(prefix)}`);
  const parts = conditions(filter, 'r', 'r.id', region, bind);
  return parts.length ? parts.join(' and ') : 'true';
}

/** `column` is one of `values`: a list of one binds as that value. */
const oneOfPg = (column: string, values: readonly unknown[], params: unknown[]) =>
  values.length === 1 ? `${column} = $${params.push(values[0])}` : `${column} = any($${params.push(values)})`;

/** ` and r.status …` for the statuses a viewer may see (undefined: any, nothing added). */
export function statusConditionPg(statuses: readonly ReportStatus[] | undefined, params: unknown[]): string {
  return statuses ? ` and ${oneOfPg('r.status', statuses, params)}` : '';
}

/** The same filter widened one year back, so year-over-year changes have their base year. */
export function withPreviousYear(filter: ReportFilter): ReportFilter {
  return {
    ...filter,
    years: filter.years?.length ? [...new Set(filter.years.flatMap((y) => [y, y - 1]))] : undefined,
    yearFrom: filter.yearFrom !== undefined ? filter.yearFrom - 1 : undefined,
  };
}

/** Whether a year passes the year conditions of a filter. */
export function yearMatches(filter: ReportFilter, year: number): boolean {
  if (filter.years?.length && !filter.years.includes(year)) return false;
  if (filter.yearFrom !== undefined && year < filter.yearFrom) return false;
  if (filter.yearTo !== undefined && year > filter.yearTo) return false;
  return true;
}
