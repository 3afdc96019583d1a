/**
 * The aggregate statement over precomputed data, when that answers exactly what the base tables
 * would (statistics.ts buildSql): the rollup (a few rows per region and year) first, else the
 * per-report cell vectors (one row per report). Both hold only the rolled-up measures.
 */
import { reportFilterSql } from '../reports/filter.js';
import type { ReportFilter } from '../reports/filter.js';
import { measureKey, rollupAnswers, vectorPosition } from './rollup.js';
import { cellsOf } from './measures.js';
import { baseMeasureExprs, REGION_KEY } from './per-report-sql.js';
import { aggregateSql, type AggregateRequest, type StatDimension } from './statistics.js';

/** Group keys over a relation holding both the report's and the agency's columns (the rollup has no agency). */
function keyColumns(alias: 'ru' | 'v', request: AggregateRequest): Record<StatDimension, string> {
  return {
    YEAR: `${alias}.year`,
    REGION: REGION_KEY[request.regionLevel ?? 'PROVINCE'].replaceAll('a.region_code', `${alias}.region_code`),
    AGENCY: alias === 'v' ? 'v.agency_id' : 'null',
    AGENCY_LEVEL: `${alias}.agency_level`,
    FORMAT_VERSION: `${alias}.format_version`,
  };
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
  const where = reportFilterSql(filter, { report: 'ru', agency: 'ru' });
  const reports = `coalesce(sum(ru.reports) filter (where ${of(0)}), 0)`;
  return aggregateSql(request, {
    from: `report_rollup ru ${request.groupBy.includes('REGION') ? 'left join region rg on rg.code = ru.region_code' : ''}`,
    where: { sql: `ru.measure in (${[...new Set(keysOf)].map(lit).join(', ')}) and ${where.sql}`, params: where.params },
    keyColumn: keyColumns('ru', request),
    reports,
    reportId: `min(ru.min_report_id) filter (where ${of(0)})`,
    x1Reports: '0',
    exprs: request.measures.map((m, i) => ({
      counted: `coalesce(sum(ru.counted) filter (where ${of(i)}), 0)`,
      num: `sum(ru.numerator) filter (where ${of(i)})`,
      den: m.rate ? `sum(ru.denominator) filter (where ${of(i)})` : 'null',
    })),
  });
}

/**
 * The same statement over the per-report cell vectors, when they hold every cell of every measure
 * (every 总计 of table 三, 本年新收 by applicant, table 四; so every rate): any grouping (agency too),
 * any filter (agency, finding rule), X1 counts. Null otherwise.
 */
export function buildVectorSql(request: AggregateRequest, filter: ReportFilter): { sql: string; params: unknown[] } | null {
  if (!request.measures.length || !request.measures.every((m) => cellsOf(m).every((c) => vectorPosition(c) !== null))) return null;
  return aggregateSql(request, {
    from: `report_cell_vector v ${request.groupBy.includes('REGION') ? 'left join region rg on rg.code = v.region_code' : ''}`,
    where: reportFilterSql(filter, { report: 'v', agency: 'v', reportId: 'report_id' }),
    keyColumn: keyColumns('v', request),
    reports: 'count(*)',
    reportId: 'min(v.report_id)',
    x1Reports: request.crossYear ? `count(*) filter (where exists (select 1 from finding f where f.report_id = v.report_id and f.rule = 'X1'))` : '0',
    // The same expressions as over the base tables' per-report columns: a blank cell leaves the report out.
    exprs: request.measures.map((m) => baseMeasureExprs(m, (c) => `v.cells[${vectorPosition(c)}]`)),
  });
}
