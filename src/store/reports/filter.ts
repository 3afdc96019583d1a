/**
 * ReportFilter as a raw SQL condition over `report r join agency a`: the one definition of what a
 * filter means, used by the report listing, the aggregates and search alike.
 */
import { regionPrefix } from './regions.js';
import type { ReportFilter } from './report-queries.js';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * `aliases`: the relations that hold the report's and the agency's columns (the rollup and the
 * cell vectors hold both), and the column of the report's id where it is not `id`.
 */
export function reportFilterSql(filter: ReportFilter, aliases: { report: string; agency: string; reportId?: string } = { report: 'r', agency: 'a' }): SqlFragment {
  const r = aliases.report;
  const a = aliases.agency;
  const reportId = `${r}.${aliases.reportId ?? 'id'}`;
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  // An array parameter expands to a value list: `in (?)` with [[1, 2]] becomes `in (1, 2)`.
  if (filter.years?.length) add(`${r}.year in (?)`, filter.years);
  if (filter.yearFrom !== undefined) add(`${r}.year >= ?`, filter.yearFrom);
  if (filter.yearTo !== undefined) add(`${r}.year <= ?`, filter.yearTo);
  if (filter.agencyIds?.length) add(`${r}.agency_id in (?)`, filter.agencyIds);
  if (filter.formatVersions?.length) add(`${r}.format_version in (?)`, filter.formatVersions);
  if (filter.statuses?.length) add(`${r}.status in (?)`, filter.statuses);
  if (filter.regionCode) add(`${a}.region_code like ?`, `${regionPrefix(filter.regionCode)}%`);
  if (filter.withFindingRules?.length) add(`exists (select 1 from finding f where f.report_id = ${reportId} and f.rule in (?))`, filter.withFindingRules);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
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
