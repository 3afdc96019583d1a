/**
 * The arithmetic of the format's consistency rules R1–R4 (catalog.json "rules"), as equations over
 * interchange cell paths. Both the parser (to choose between possible splits of glued digits) and
 * the rule checks (to report violations) use them, so the two can never disagree.
 */
import { cellPath, formatSpec, type FormatVersion } from './catalog.js';

export interface Equation {
  rule: 'R1' | 'R2' | 'R3' | 'R4';
  /** Human description of where the equation applies, e.g. `column NATURAL_PERSON`. */
  scope: string;
  /** sum(left) must equal sum(right) */
  left: string[];
  right: string[];
}

const TOTAL = 'TOTAL';

export function consistencyEquations(version: FormatVersion): Equation[] {
  const spec = formatSpec(version);
  const rows = spec.applications.rows.map((r) => r.code);
  const columns = spec.applications.applicants.map((a) => a.code);
  const parts = columns.filter((c) => c !== TOTAL);
  const app = (row: string, col: string) => cellPath('applications', row, col);
  // Outcome rows sit between the two intake rows and the OUTCOME_TOTAL row, in every version.
  const outcomeStart = rows.indexOf('CARRIED_OVER') + 1;
  const outcomeEnd = rows.indexOf('OUTCOME_TOTAL');
  const outcomeRows = rows.slice(outcomeStart, outcomeEnd);

  const equations: Equation[] = [];
  for (const col of columns) {
    equations.push({
      rule: 'R1',
      scope: `column ${col}`,
      left: [app('NEW_RECEIVED', col), app('CARRIED_OVER', col)],
      right: [app('OUTCOME_TOTAL', col), app('CARRIED_FORWARD', col)],
    });
  }
  for (const row of rows) {
    equations.push({ rule: 'R2', scope: `row ${row}`, left: [app(row, TOTAL)], right: parts.map((c) => app(row, c)) });
  }
  for (const col of columns) {
    equations.push({
      rule: 'R3',
      scope: `column ${col}`,
      left: [app('OUTCOME_TOTAL', col)],
      right: outcomeRows.map((r) => app(r, col)),
    });
  }
  const outcomes = spec.reviewsAndLitigation.outcomes.map((o) => o.code);
  for (const group of spec.reviewsAndLitigation.groups) {
    equations.push({
      rule: 'R4',
      scope: `group ${group.code}`,
      left: [cellPath('reviewsAndLitigation', group.code, TOTAL)],
      right: outcomes.filter((o) => o !== TOTAL).map((o) => cellPath('reviewsAndLitigation', group.code, o)),
    });
  }
  return equations;
}
