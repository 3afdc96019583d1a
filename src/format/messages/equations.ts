/** Printing an equation of R1–R4 with its values, in the words of one language. */
import { labels, type FormatVersion } from '../catalog.js';
import { columnPartLabel, rowPartLabel } from '../cell-labels.js';
import type { EquationSnapshot, EquationTerm } from './codes.js';

/** The few words an equation needs, per language. */
export interface EquationWords {
  blank: string;
  scope: { column: (label: string, code: string) => string; row: (label: string, code: string) => string; group: (label: string, code: string) => string };
  otherRowsZero: (count: number) => string;
}

const sum = (terms: EquationTerm[]) => terms.reduce((s, t) => s + (t.value ?? 0), 0);


/** A value as printed in messages: blank cells say so. */
export const shown = (words: EquationWords, value: number | null) => (value === null ? words.blank : String(value));

/** `column 总计 (TOTAL)`, `row 一、本年新收政府信息公开申请数量 (NEW_RECEIVED)`, `表四 group 行政复议 (ADMINISTRATIVE_REVIEW)`. */
export function scopeText(words: EquationWords, scope: string, version: FormatVersion): string {
  const [kind, code] = scope.split(' ');
  if (kind === 'column') return words.scope.column(labels.applicant(code, version) ?? code, code);
  if (kind === 'row') return words.scope.row(rowPartLabel('applications', code, version), code);
  if (kind === 'group') return words.scope.group(rowPartLabel('reviewsAndLitigation', code, version), code);
  return scope;
}

/** The label of a term inside its equation: the part of the path that varies along the equation. */
function termLabel(scope: string, path: string, version: FormatVersion): string {
  const [table, row, column] = path.split('.');
  return scope.startsWith('column') ? rowPartLabel(table, row, version) : columnPartLabel(table, column, version);
}

/** `A 34 + B 2 = 36`; long sums (R3) list only the non-zero terms and count the rest. */
export function sideText(words: EquationWords, eq: EquationSnapshot, terms: EquationTerm[], version: FormatVersion): string {
  if (terms.length === 1) return `${termLabel(eq.scope, terms[0].cell, version)} ${shown(words, terms[0].value)}`;
  const long = terms.length > 7;
  const kept = terms.filter((t) => !long || t.value !== 0);
  const text = kept.map((t) => `${termLabel(eq.scope, t.cell, version)} ${shown(words, t.value)}`);
  if (text.length === 0) text.push('0');
  const omitted = terms.length - kept.length;
  return `${text.join(' + ')} = ${sum(terms)}${omitted > 0 ? words.otherRowsZero(omitted) : ''}`;
}
