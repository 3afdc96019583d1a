/**
 * The statistics rollup (entity ReportRollup): for every (year, agency region code, agency level,
 * format version, report status) and every rolled-up measure, the reports, the reports counted (no
 * blank cell in the measure), Σ numerator and Σ denominator — computed by the same per-report SQL as
 * the base aggregate, so summing rollup rows gives exactly the base answer. National questions then
 * read a few thousand rows instead of every report's cells.
 *
 * Maintained in the transaction of every write: storeReport (and so correctReport and imports),
 * publishReport and deleteReport call refreshRollup() for the (region code, year) keys they touch, which
 * recomputes those keys from the base tables (a county's year is a few dozen reports). An advisory
 * lock per key serialises concurrent writers, so the last one to commit recomputes with the other's
 * rows visible. Bulk loads that bypass storeReport run rebuildRollupStatements().
 *
 * The same refresh keeps the per-report cell vectors (entity CellVector): each report's cells of
 * the rolled-up measures, for the questions the rollup cannot answer (by agency, filtered by agency
 * or finding rule, X1 counts). Both are computed by the same per-report SQL.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { APPLICANT_CODES, APPLICATION_ROW_CODES, FORMAT_VERSIONS, proactiveCells, REVIEW_GROUP_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import { buildMeasure, cellsOf, REFUSAL_ROWS, type CellRef, type Measure, type MeasureRequest } from './measures.js';
import { cellKey, measureExprs, perReportCells, perReportSql } from './per-report-sql.js';
import type { AggregateRequest } from './statistics.js';
import type { ReportFilter } from '../reports/filter.js';

/** Every cell of table 二 (proactive disclosure) in any format version, once. */
const PROACTIVE_CELLS: MeasureRequest[] = [
  ...new Map(
    FORMAT_VERSIONS.flatMap((v) => proactiveCells(v)).map((c): [string, MeasureRequest] => [
      `${c.item.code}:${c.measure.code}`,
      { kind: 'DISCLOSURE_CELL', disclosureItem: c.item.code, disclosureMeasure: c.measure.code },
    ]),
  ).values(),
];

/**
 * What the rollup keeps: the 总计 column of every row of table 三 and who applied (本年新收 by applicant
 * column), the portal's rates, and every cell of tables 二 and 四.
 */
const ROLLED_UP: MeasureRequest[] = [
  ...APPLICATION_ROW_CODES.map((row): MeasureRequest => ({ kind: 'APPLICATION_CELL', applicationRow: row })),
  { kind: 'DISCLOSURE_RATE' },
  { kind: 'REFUSAL_RATE' },
  ...REFUSAL_ROWS.map((row): MeasureRequest => ({ kind: 'REFUSAL_SHARE', applicationRow: row })),
  { kind: 'REVIEW_CORRECTION_RATE' },
  { kind: 'LITIGATION_CORRECTION_RATE' },
  ...PROACTIVE_CELLS,
  ...APPLICANT_CODES.filter((c) => c !== 'TOTAL').map((column): MeasureRequest => ({ kind: 'APPLICATION_CELL', applicationRow: 'NEW_RECEIVED', applicantColumn: column })),
  ...REVIEW_GROUP_CODES.flatMap((group) => REVIEW_OUTCOME_CODES.map((outcome): MeasureRequest => ({ kind: 'REVIEW_CELL', reviewGroup: group, reviewOutcome: outcome }))),
];

const cells = (refs: CellRef[]) => refs.map(cellKey).join(',');
/** A measure's identity for the rollup: what it sums, not what it is called. */
const structuralKey = (m: Measure) => `${m.rate ? 'rate' : 'sum'}|${cells(m.numerator)}|${cells(m.denominator)}|${cells(m.subtract)}`;

export const ROLLUP_MEASURES: Measure[] = ROLLED_UP.map(buildMeasure);
const KEYS = new Set(ROLLUP_MEASURES.map(structuralKey));
/** The rolled-up measures over integer cells (tables 三 and 四; table 二 holds decimals): the ones the cell vectors answer. */
const VECTOR_MEASURES = ROLLUP_MEASURES.filter((m) => cellsOf(m).every((c) => c.table !== 'disclosure'));
/** The cells of those measures, in the order of the per-report cell vectors. */
export const VECTOR_CELLS: CellRef[] = perReportCells(VECTOR_MEASURES);
const POSITIONS = new Map(VECTOR_CELLS.map((c, i) => [cellKey(c), i + 1]));

/**
 * What the stored rows were computed for: the rolled-up measures and the vector cells. A migration
 * that changes either must rebuild both (rebuildRollupStatements, rebuildVectorStatements); a test
 * compares this with the layout the last such migration stored.
 */
export const ROLLUP_LAYOUT = [...ROLLUP_MEASURES.map(structuralKey), ...VECTOR_CELLS.map(cellKey)];

/** The cell's 1-based position in the cell vectors, or null when the vectors do not hold it. */
export function vectorPosition(cell: CellRef): number | null {
  return POSITIONS.get(cellKey(cell)) ?? null;
}

/** The measure's key in the rollup, or null when it is not rolled up. */
export function measureKey(measure: Measure): string | null {
  const key = structuralKey(measure);
  return KEYS.has(key) ? key : null;
}

/** Whether the rollup answers the request exactly (see buildRollupSql). */
export function rollupAnswers(request: AggregateRequest, filter: ReportFilter): boolean {
  return (
    request.measures.length > 0 &&
    request.measures.every((m) => measureKey(m) !== null) &&
    !request.crossYear &&
    !request.groupBy.includes('AGENCY') &&
    !filter.agencyIds?.length &&
    !filter.withFindingRules?.length
  );
}

/**
 * The rolled-up measures grouped by the tables they read. The per-report SQL joins a report's rows of
 * every table it needs, so one statement for all measures would multiply each report's 25 table-三
 * rows by its table-四 and table-二 rows; one statement per group reads each table's rows once.
 */
const ROLLUP_GROUPS: Measure[][] = (() => {
  const groups = new Map<string, Measure[]>();
  for (const m of ROLLUP_MEASURES) {
    const tables = [...new Set(cellsOf(m).map((c) => c.table))].sort().join('+');
    groups.set(tables, [...(groups.get(tables) ?? []), m]);
  }
  return [...groups.values()];
})();

/** INSERT … SELECT of the rollup rows of `measures` for the reports matching `where` (over `report r join agency a`). */
function insertSql(where: string, measures: Measure[]): string {
  const { sql: base, exprs } = rollupSelect(where, measures);
  const values = measures.map((m, i) => `('${structuralKey(m)}', g.m${i}_n, g.m${i}_num, g.m${i}_den)`);
  return `insert into report_rollup (year, region_code, agency_level, format_version, status, measure, reports, counted, numerator, denominator, min_report_id)
    select g.year, g.agency_region_code, g.agency_level, g.format_version, g.status, v.measure, g.reports, v.counted, v.num, v.den, g.min_id
    from (select b.year, b.agency_region_code, b.agency_level, b.format_version, b.status, count(*)::int as reports, min(b.id) as min_id, ${exprs}
      from (${base}) b group by 1, 2, 3, 4, 5) g
    cross join lateral (values ${values.join(', ')}) v(measure, counted, num, den)`;
}

function rollupSelect(where: string, measures: Measure[]) {
  const sql = perReportSql(measures, where, {});
  const exprs = measureExprs(measures).map((e, i) => `(${e.counted})::int as m${i}_n, (${e.num})::numeric as m${i}_num, (${e.den})::numeric as m${i}_den`);
  return { sql, exprs: exprs.join(', ') };
}

/** INSERT … SELECT of the cell vectors of the reports matching `where` (over `report r join agency a`). */
function vectorInsertSql(where: string): string {
  const cells = VECTOR_CELLS.map((_, i) => `b.c${i}`).join(', ');
  return `insert into report_cell_vector (report_id, year, agency_id, region_code, agency_level, format_version, status, cells)
    select b.id, b.year, b.agency_id, b.agency_region_code, b.agency_level, b.format_version, b.status, array[${cells}]::int[]
    from (${perReportSql(VECTOR_MEASURES, where, {})}) b`;
}

export interface RollupKey {
  regionCode: string | null;
  year: number;
}

/**
 * A condition selecting these keys on `region` and `year` columns, with the values written in (each
 * checked: six digits, an integer year), so a batch of keys is one statement whatever its size.
 */
function keysCondition(keys: RollupKey[], region: string, year: string): string {
  const byRegion = new Map<string | null, number[]>();
  for (const k of keys) {
    if (k.regionCode !== null && !/^\d{6}$/.test(k.regionCode)) throw new RangeError(`not a region code: ${k.regionCode}`);
    byRegion.set(k.regionCode, [...(byRegion.get(k.regionCode) ?? []), Math.trunc(k.year)]);
  }
  const named = keys.filter((k) => k.regionCode !== null).map((k) => `('${k.regionCode}', ${Math.trunc(k.year)})`);
  const parts = named.length ? [`(${region}, ${year}) in (${named.join(', ')})`] : [];
  const unnamed = byRegion.get(null);
  if (unnamed) parts.push(`(${region} is null and ${year} in (${unnamed.join(', ')}))`);
  return `(${parts.join(' or ')})`;
}

/**
 * Recomputes the rollup rows and cell vectors of these (agency region code, year) keys from the base
 * tables, in the caller's transaction: a handful of statements for any number of keys (a bulk import
 * refreshes its whole batch at once).
 */
export async function refreshRollup(em: EntityManager, keys: RollupKey[]): Promise<void> {
  if (!keys.length) return;
  const connection = em.getConnection();
  const ctx = em.getTransactionContext();
  const names = [...new Set(keys.map((k) => `${k.regionCode ?? ''}:${k.year}`))].sort(); // one lock order for every writer
  await connection.execute(`select pg_advisory_xact_lock(872301, hashtext(k)) from jsonb_array_elements_text(?::jsonb) k order by k`, [JSON.stringify(names)], 'all', ctx);
  const onKeys = keysCondition(keys, 'a.region_code', 'r.year');
  await connection.execute(`delete from report_rollup where ${keysCondition(keys, 'region_code', 'year')}`, [], 'run', ctx);
  for (const group of ROLLUP_GROUPS) await connection.execute(insertSql(onKeys, group), [], 'run', ctx);
  // The keys' vectors as stored (a deleted report's too) and their reports as they are now (an agency moved in).
  await connection.execute(
    `delete from report_cell_vector where ${keysCondition(keys, 'region_code', 'year')} or report_id in (select r.id from report r join agency a on a.id = r.agency_id where ${onKeys})`,
    [],
    'run',
    ctx,
  );
  await connection.execute(vectorInsertSql(onKeys), [], 'run', ctx);
}

/** The statements that recompute every cell vector (after a bulk load, or when ROLLED_UP changes); run them in one transaction. */
export function rebuildVectorStatements(years?: number[]): string[] {
  return ['delete from report_cell_vector', ...(years ? years.map((y) => vectorInsertSql(`r.year = ${Math.trunc(y)}`)) : [vectorInsertSql('true')])];
}

/**
 * The statements that recompute the whole rollup (after a bulk load that bypassed storeReport, or when
 * ROLLED_UP changes), one year per statement; run them in one transaction.
 */
export function rebuildRollupStatements(years?: number[]): string[] {
  const wheres = years ? years.map((y) => `r.year = ${Math.trunc(y)}`) : ['true'];
  return ['delete from report_rollup', ...wheres.flatMap((where) => ROLLUP_GROUPS.map((group) => insertSql(where, group)))];
}
