/**
 * R1–R4: the sums of the applications table (表三) and the reviews/litigation table (表四), evaluated on the
 * equations of src/format/equations.ts.
 *
 * Blank cells (null) are not zeros. An equation is classified by its printed values:
 * - `absent`: a cell of it is missing (no table, no row): nothing is reported.
 * - `ok`: it balances (an equation whose blanks can all be 0 and still balance is ok).
 * - `fails`: no blank cells, and it does not balance -> an R finding.
 * - `failsAnyway`: it has blank cells, but none on the side that falls short, so no non-negative value of the
 *   blanks can make it balance -> an R finding (the blanks are counted as 0 and the message says so).
 * - `blankDecides`: it balances only if some blank cell on the short side holds a non-zero value -> no R finding;
 *   blanks.ts reports the blank cell(s) as B1.
 */
import { consistencyEquations, type Equation } from '../format/equations.js';
import { formatSpec, labels, type FormatVersion } from '../format/catalog.js';
import type { Finding, InterchangeReport } from '../format/interchange.js';
import { columnPartLabel, finding, getCell, rowPartLabel, show } from './cells.js';

export type EquationStatus = 'absent' | 'ok' | 'fails' | 'failsAnyway' | 'blankDecides';

export interface EvaluatedEquation {
  eq: Equation;
  status: EquationStatus;
  left: (number | null)[];
  right: (number | null)[];
}

const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

export function evaluate(report: InterchangeReport, eq: Equation): EvaluatedEquation {
  const read = (p: string) => getCell(report, p);
  const leftRaw = eq.left.map(read);
  const rightRaw = eq.right.map(read);
  if ([...leftRaw, ...rightRaw].some((v) => v === undefined)) {
    return { eq, status: 'absent', left: [], right: [] };
  }
  const left = leftRaw as (number | null)[];
  const right = rightRaw as (number | null)[];
  const diff = sum(left) - sum(right);
  const blanksLeft = left.some((v) => v === null);
  const blanksRight = right.some((v) => v === null);
  let status: EquationStatus;
  if (diff === 0) status = 'ok';
  else if (!blanksLeft && !blanksRight) status = 'fails';
  else if ((diff < 0 && blanksLeft) || (diff > 0 && blanksRight)) status = 'blankDecides';
  else status = 'failsAnyway';
  return { eq, status, left, right };
}

export function evaluateAll(report: InterchangeReport): EvaluatedEquation[] {
  return consistencyEquations(report.formatVersion).map((eq) => evaluate(report, eq));
}

/** `column 总计 (TOTAL)`, `row 一、本年新收政府信息公开申请数量 (NEW_RECEIVED)`, `表四 group 行政复议 (ADMINISTRATIVE_REVIEW)`. */
export function scopeLabel(eq: Equation, version: FormatVersion): string {
  const [kind, code] = eq.scope.split(' ');
  if (kind === 'column') return `column ${labels.applicant(code, version) ?? code} (${code})`;
  if (kind === 'row') return `row ${rowPartLabel('applications', code, version)} (${code})`;
  if (kind === 'group') return `表四 group ${rowPartLabel('reviewsAndLitigation', code, version)} (${code})`;
  return eq.scope;
}

/** The label of a term inside its equation: the part of the path that varies along the equation. */
export function termLabel(eq: Equation, path: string, version: FormatVersion): string {
  const [table, row, column] = path.split('.');
  const kind = eq.scope.split(' ')[0];
  return kind === 'column' ? rowPartLabel(table, row, version) : columnPartLabel(table, column, version);
}

/** `A 34 + B 2 = 36`; long sums (R3) list only the non-zero terms and count the rest. */
export function describeSide(eq: Equation, paths: string[], values: (number | null)[], version: FormatVersion): string {
  if (paths.length === 1) return `${termLabel(eq, paths[0], version)} ${show(values[0])}`;
  const long = paths.length > 7;
  const shown = paths
    .map((p, i) => ({ p, v: values[i] }))
    .filter(({ v }) => !long || v !== 0);
  const omitted = paths.length - shown.length;
  const terms = shown.map(({ p, v }) => `${termLabel(eq, p, version)} ${show(v)}`);
  if (terms.length === 0) terms.push('0');
  const rest = omitted > 0 ? ` (the other ${omitted} rows are 0)` : '';
  return `${terms.join(' + ')} = ${sum(values)}${rest}`;
}

function why(eq: Equation, version: FormatVersion): string {
  const spec = formatSpec(version);
  const total = labels.applicant('TOTAL', version);
  switch (eq.rule) {
    case 'R1':
      return `the form prints the rule for every column: ${spec.applications.note}`;
    case 'R2':
      return `${total} must be the sum of the six applicant columns`;
    case 'R3':
      return `${labels.applicationRow('OUTCOME_TOTAL', version)} must be the sum of the outcome rows`;
    case 'R4':
      return `${total} must be ${spec.reviewsAndLitigation.outcomes
        .filter((o) => o.code !== 'TOTAL')
        .map((o) => o.label)
        .join(' + ')}`;
  }
}

/**
 * The R finding of a failing equation. R1 compares two sums: expected is the left side (一 + 二), actual the
 * right side. R2–R4 compare a printed total (actual) with the sum of its parts (expected).
 */
export function equationFinding(ev: EvaluatedEquation, version: FormatVersion): Finding {
  const { eq, left, right } = ev;
  const l = describeSide(eq, eq.left, left, version);
  const r = describeSide(eq, eq.right, right, version);
  const lSum = sum(left);
  const rSum = sum(right);
  const blanks = ev.status === 'failsAnyway'
    ? ' The blank cells are counted as 0 here; no value of them can make the sides equal, since they sit on the larger side.'
    : '';
  const message = `${eq.rule} fails in ${scopeLabel(eq, version)}: ${l}, but ${r}; ${why(eq, version)}.${blanks}`;
  const values = eq.rule === 'R1' ? { expected: lSum, actual: rSum } : { expected: rSum, actual: lSum };
  return finding(eq.rule, message, [...eq.left, ...eq.right], values);
}

/** R1–R4 findings: one per failing equation, in catalog order. */
export function checkArithmetic(report: InterchangeReport, evaluated = evaluateAll(report)): Finding[] {
  return evaluated
    .filter((ev) => ev.status === 'fails' || ev.status === 'failsAnyway')
    .map((ev) => equationFinding(ev, report.formatVersion));
}
