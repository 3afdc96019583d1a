/**
 * What a portal can aggregate: any cell of the three tables, and the derived rates, as
 * numerator / denominator over cells. Codes and labels come from the catalog (src/format).
 */
import { APPLICATION_ROW_CODES, catalog, labels, shortLabel } from '../../format/index.js';

export const MEASURE_KINDS = [
  'APPLICATION_CELL',
  'DISCLOSURE_CELL',
  'REVIEW_CELL',
  'DISCLOSURE_RATE',
  'REFUSAL_RATE',
  'REFUSAL_SHARE',
  'REVIEW_CORRECTION_RATE',
  'LITIGATION_CORRECTION_RATE',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export type CellRef =
  | { table: 'application'; row: string; column: string }
  | { table: 'review'; row: string; column: string }
  | { table: 'disclosure'; row: string; column: string };

export interface MeasureRequest {
  kind: MeasureKind;
  applicationRow?: string;
  applicantColumn?: string;
  disclosureItem?: string;
  disclosureMeasure?: string;
  reviewGroup?: string;
  reviewOutcome?: string;
}

export interface Measure {
  kind: MeasureKind;
  label: string;
  /** A few characters for a chart legend, from the short labels of src/format. */
  shortLabel: string;
  rate: boolean;
  /** value = Σ numerator, or Σ numerator / (Σ denominator − Σ subtract) for a rate. */
  numerator: CellRef[];
  denominator: CellRef[];
  subtract: CellRef[];
}

/** The refusal rows of table 三: （三）不予公开, （四）无法提供, （五）不予处理. */
export const REFUSAL_ROWS = APPLICATION_ROW_CODES.filter((c) => /^(WITHHELD|UNAVAILABLE|NOT_PROCESSED)_/.test(c));
export const LITIGATION_GROUPS = ['LITIGATION_WITHOUT_REVIEW', 'LITIGATION_AFTER_REVIEW'];

// Group headings as the catalog prints them: （三）不予公开、（四）无法提供、（五）不予处理 and 行政诉讼.
const allRows = catalog.formats.flatMap((f) => f.applications.rows);
const REFUSAL_GROUPS = [...new Set(allRows.filter((r) => REFUSAL_ROWS.includes(r.code)).map((r) => r.group))].join('、');
const LITIGATION = catalog.formats[0].reviewsAndLitigation.groups.find((g) => g.code === LITIGATION_GROUPS[0])?.parent ?? '';

export class MeasureError extends Error {}

function need<T>(value: T | undefined | null, what: string, kind: MeasureKind): T {
  if (value === undefined || value === null) throw new MeasureError(`Measure ${kind} needs \`${what}\`.`);
  return value;
}

const app = (row: string, column: string): CellRef => ({ table: 'application', row, column });
const rev = (row: string, column: string): CellRef => ({ table: 'review', row, column });

export function buildMeasure(m: MeasureRequest): Measure {
  const column = m.applicantColumn ?? 'TOTAL';
  const columnLabel = labels.applicant(column);
  // The column is named only when it is not 总计, the column every measure defaults to.
  const ofColumn = column === 'TOTAL' ? '' : `·${shortLabel('applicant', column)}`;
  const base = { kind: m.kind, denominator: [] as CellRef[], subtract: [] as CellRef[] };
  switch (m.kind) {
    case 'APPLICATION_CELL': {
      const row = need(m.applicationRow, 'applicationRow', m.kind);
      return { ...base, rate: false, label: `${labels.applicationRow(row)} × ${columnLabel}`, shortLabel: `${shortLabel('applicationRow', row)}${ofColumn}`, numerator: [app(row, column)] };
    }
    case 'DISCLOSURE_CELL': {
      const item = need(m.disclosureItem, 'disclosureItem', m.kind);
      const measure = need(m.disclosureMeasure, 'disclosureMeasure', m.kind);
      return {
        ...base,
        rate: false,
        label: `${labels.proactiveItem(item)} × ${labels.proactiveMeasure(measure)}`,
        shortLabel: `${shortLabel('proactiveItem', item)}·${shortLabel('proactiveMeasure', measure)}`,
        numerator: [{ table: 'disclosure', row: item, column: measure }] };
    }
    case 'REVIEW_CELL': {
      const group = need(m.reviewGroup, 'reviewGroup', m.kind);
      const outcome = need(m.reviewOutcome, 'reviewOutcome', m.kind);
      return { ...base, rate: false, label: `${labels.reviewGroup(group)} × ${labels.reviewOutcome(outcome)}`, shortLabel: `${shortLabel('reviewGroup', group)}·${shortLabel('reviewOutcome', outcome)}`, numerator: [rev(group, outcome)] };
    }
    case 'DISCLOSURE_RATE':
      return {
        ...base,
        rate: true,
        shortLabel: `公开率${ofColumn}`,
        label: `公开率：（${labels.applicationRow('DISCLOSED')} + ${labels.applicationRow('PARTIALLY_DISCLOSED')}）÷ ${labels.applicationRow('OUTCOME_TOTAL')}（${columnLabel}）`,
        numerator: [app('DISCLOSED', column), app('PARTIALLY_DISCLOSED', column)],
        denominator: [app('OUTCOME_TOTAL', column)],
      };
    case 'REFUSAL_RATE':
      return {
        ...base,
        rate: true,
        shortLabel: `不予公开等比率${ofColumn}`,
        label: `${REFUSAL_GROUPS} ÷ ${labels.applicationRow('OUTCOME_TOTAL')}（${columnLabel}）`,
        numerator: REFUSAL_ROWS.map((row) => app(row, column)),
        denominator: [app('OUTCOME_TOTAL', column)],
      };
    case 'REFUSAL_SHARE': {
      const row = need(m.applicationRow, 'applicationRow', m.kind);
      if (!REFUSAL_ROWS.includes(row)) throw new MeasureError(`REFUSAL_SHARE needs a refusal row (one of ${REFUSAL_ROWS.join(', ')}), not ${row}.`);
      return {
        ...base,
        rate: true,
        label: `${labels.applicationRow(row)} ÷ ${labels.applicationRow('OUTCOME_TOTAL')}（${columnLabel}）`,
        shortLabel: `${shortLabel('applicationRow', row)}占比${ofColumn}`, numerator: [app(row, column)], denominator: [app('OUTCOME_TOTAL', column)] };
    }
    case 'REVIEW_CORRECTION_RATE':
      return {
        ...base,
        rate: true,
        shortLabel: '复议纠错率',
        label: `${labels.reviewGroup('ADMINISTRATIVE_REVIEW')}纠错率：${labels.reviewOutcome('CORRECTED')} ÷（${labels.reviewOutcome('TOTAL')} − ${labels.reviewOutcome('PENDING')}）`,
        numerator: [rev('ADMINISTRATIVE_REVIEW', 'CORRECTED')],
        denominator: [rev('ADMINISTRATIVE_REVIEW', 'TOTAL')],
        subtract: [rev('ADMINISTRATIVE_REVIEW', 'PENDING')],
      };
    case 'LITIGATION_CORRECTION_RATE':
      return {
        ...base,
        rate: true,
        shortLabel: `${LITIGATION.slice(-2)}纠错率`,
        label: `${LITIGATION}纠错率（${LITIGATION_GROUPS.map((g) => labels.reviewGroup(g)).join('、')}）：${labels.reviewOutcome('CORRECTED')} ÷（${labels.reviewOutcome('TOTAL')} − ${labels.reviewOutcome('PENDING')}）`,
        numerator: LITIGATION_GROUPS.map((g) => rev(g, 'CORRECTED')),
        denominator: LITIGATION_GROUPS.map((g) => rev(g, 'TOTAL')),
        subtract: LITIGATION_GROUPS.map((g) => rev(g, 'PENDING')),
      };
  }
}

export function cellsOf(measure: Measure): CellRef[] {
  return [...measure.numerator, ...measure.denominator, ...measure.subtract];
}
