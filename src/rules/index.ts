/**
 * The format's rule checks (catalog.json "rules") as pure functions over the interchange JSON.
 * No DB, no GraphQL, no Node-only APIs: safe to run in the parser, the server and a browser.
 *
 * - R1–R4 (arithmetic.ts): one ERROR finding per failing equation; equations with a missing cell are skipped,
 *   equations that only a blank cell could balance are left to B1.
 * - B1 (blanks.ts): a blank cell whose value the equations determine, once per cell, with the implied value.
 * - X3 (narrative.ts): figures quoted in the sections' text against the tables.
 * - X1, X2 (crossYear.ts): year N against year N−1 of the same agency.
 */
import type { Finding, InterchangeReport } from '../format/interchange.js';
import { checkArithmetic, evaluateAll } from './arithmetic.js';
import { analyseBlanks } from './blanks.js';
import { checkCrossYear } from './crossYear.js';
import { checkNarrative } from './narrative.js';

export { getCell } from './cells.js';

/** R1, R2, R3, R4, B1 and X3 on one report, in that order. */
export function checkReport(report: InterchangeReport): Finding[] {
  const evaluated = evaluateAll(report);
  const blanks = analyseBlanks(report, evaluated);
  return [...checkArithmetic(report, evaluated), ...blanks.findings, ...checkNarrative(report, blanks.inferred)];
}

/** X1 (and X2 as INFO when both are in the 2021 format); `previous` is the same agency's year N−1. */
export function checkAcrossYears(current: InterchangeReport, previous: InterchangeReport): Finding[] {
  return checkCrossYear(current, previous);
}
