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
import type { FormatVersion } from '../format/catalog.js';
import type { Finding, InterchangeReport } from '../format/interchange.js';
import type { EquationSnapshot } from '../format/messages/index.js';
import { finding, getCell } from './cells.js';

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

/** The equation with the values it was evaluated on, as a finding cites it. */
export function equationSnapshot(ev: EvaluatedEquation): EquationSnapshot {
  const terms = (paths: string[], values: (number | null)[]) => paths.map((cell, i) => ({ cell, value: values[i] ?? null }));
  return { rule: ev.eq.rule, scope: ev.eq.scope, left: terms(ev.eq.left, ev.left), right: terms(ev.eq.right, ev.right) };
}

/**
 * The R finding of a failing equation. R1 compares two sums: expected is the left side (一 + 二), actual the
 * right side. R2–R4 compare a printed total (actual) with the sum of its parts (expected).
 */
export function equationFinding(ev: EvaluatedEquation, version: FormatVersion): Finding {
  const { eq, left, right } = ev;
  const lSum = sum(left);
  const rSum = sum(right);
  const params = { formatVersion: version, equation: equationSnapshot(ev), blanksCountedAsZero: ev.status === 'failsAnyway' };
  const values = eq.rule === 'R1' ? { expected: lSum, actual: rSum } : { expected: rSum, actual: lSum };
  return finding(eq.rule, { code: 'EQUATION_FAILS', params }, [...eq.left, ...eq.right], values);
}

/** R1–R4 findings: one per failing equation, in catalog order. */
export function checkArithmetic(report: InterchangeReport, evaluated = evaluateAll(report)): Finding[] {
  return evaluated
    .filter((ev) => ev.status === 'fails' || ev.status === 'failsAnyway')
    .map((ev) => equationFinding(ev, report.formatVersion));
}
