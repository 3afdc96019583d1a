/**
 * Each report of a filter as one row with the requested cells as columns (c0, c1…), and the
 * measures' expressions over such rows: the shared ground of the base aggregate (statistics.ts), the
 * rollup and the cell vectors (rollup.ts). Blank cells stay NULL: a report whose cells for a measure
 * are not all printed is left out of that measure.
 */
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import type { RegionLevel } from '../entities/index.js';
import { cellsOf, type CellRef, type Measure } from './measures.js';

/**
 * Where an agency counts at a region level. An agency above that level counts under its own
 * region; see Region.prefectureCode for municipalities and province-managed counties; an agency
 * whose code is not in the table falls back to the code's digits.
 */
export const REGION_KEY: Record<RegionLevel, string> = {
  PROVINCE: `coalesce(rg.province_code, rpad(left(a.region_code, 2), 6, '0'))`,
  PREFECTURE: `coalesce(rg.prefecture_code, rg.code, rpad(left(a.region_code, 4), 6, '0'))`,
  COUNTY: `coalesce(rg.code, a.region_code)`,
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

export function cellKey(cell: CellRef): string {
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
export function baseMeasureExprs(measure: Measure, alias: (c: CellRef) => string): MeasureExprs {
  const ok = cellsOf(measure).map((c) => `${alias(c)} is not null`).join(' and ');
  const sum = (cells: CellRef[]) => (cells.length ? cells.map(alias).join(' + ') : '0');
  return {
    counted: `count(*) filter (where ${ok})`,
    num: `sum(${sum(measure.numerator)}) filter (where ${ok})`,
    den: measure.rate ? `sum((${sum(measure.denominator)}) - (${sum(measure.subtract)})) filter (where ${ok})` : 'null',
  };
}


/** Requested cells as per-report columns, with the measures' expressions over them. */
export function cellPlan(measures: Measure[]) {
  const cells = new Map<string, { ref: CellRef; alias: string }>();
  for (const m of measures) for (const ref of cellsOf(m)) if (!cells.has(cellKey(ref))) cells.set(cellKey(ref), { ref, alias: `c${cells.size}` });
  const alias = (ref: CellRef) => `b.${cells.get(cellKey(ref))!.alias}`;
  return { ...cellColumns(cells), cells, exprs: measures.map((m) => baseMeasureExprs(m, alias)) };
}

/** The cells perReportSql makes columns of, in column order (c0, c1…). */
export function perReportCells(measures: Measure[]): CellRef[] {
  return [...cellPlan(measures).cells.values()].map((c) => c.ref);
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

