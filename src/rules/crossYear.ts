/**
 * Cross-year checks for one agency: `current` is year N, `previous` is year N−1.
 * - X1 (WARNING): 二、上年结转 of year N = 四、结转下年度继续办理 of year N−1, in each of the 7 columns.
 * - X2 (INFO, both reports in the 2021 format): 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N),
 *   for 规章 and 行政规范性文件. Informational only: documents also expire without being 废止.
 * A comparison is skipped when one of its cells is blank (null) or absent: a blank is not a zero, and the previous
 * year's blank cannot be told from a real 0. Years that are not consecutive are not compared at all.
 * Cells are cited as plain paths; the message says which report each belongs to (year N first).
 */
import { formatSpec } from '../format/catalog.js';
import type { Finding, InterchangeReport } from '../format/interchange.js';
import { finding, getCell } from './cells.js';

function checkCarriedOver(current: InterchangeReport, previous: InterchangeReport): Finding[] {
  const findings: Finding[] = [];
  const v = current.formatVersion;
  for (const column of formatSpec(v).applications.applicants.map((a) => a.code)) {
    const coPath = `applications.CARRIED_OVER.${column}`;
    const cfPath = `applications.CARRIED_FORWARD.${column}`;
    const now = getCell(current, coPath);
    const before = getCell(previous, cfPath);
    if (typeof now !== 'number' || typeof before !== 'number' || now === before) continue;
    findings.push(
      finding(
        'X1',
        {
          code: 'CARRIED_OVER_MISMATCH',
          params: { formatVersion: v, previousFormatVersion: previous.formatVersion, column, year: current.year, value: now, previousYear: previous.year, previousValue: before },
        },
        [coPath, cfPath],
        { expected: before, actual: now },
      ),
    );
  }
  return findings;
}

function checkInForce(current: InterchangeReport, previous: InterchangeReport): Finding[] {
  if (current.formatVersion !== '2021' || previous.formatVersion !== '2021') return [];
  const v = current.formatVersion;
  const findings: Finding[] = [];
  for (const item of ['REGULATIONS', 'NORMATIVE_DOCUMENTS']) {
    const path = (measure: string) => `proactiveDisclosure.${item}.${measure}`;
    const inForce = getCell(current, path('IN_FORCE'));
    const issued = getCell(current, path('ISSUED'));
    const repealed = getCell(current, path('REPEALED'));
    const before = getCell(previous, path('IN_FORCE'));
    if (typeof inForce !== 'number' || typeof issued !== 'number' || typeof repealed !== 'number' || typeof before !== 'number') continue;
    const expected = before + issued - repealed;
    if (expected === inForce) continue;
    findings.push(
      finding(
        'X2',
        {
          code: 'IN_FORCE_MISMATCH',
          params: { formatVersion: v, item, year: current.year, inForce, previousYear: previous.year, previousInForce: before, issued, repealed, expected },
        },
        [path('IN_FORCE'), path('ISSUED'), path('REPEALED')],
        { expected, actual: inForce },
      ),
    );
  }
  return findings;
}

export function checkCrossYear(current: InterchangeReport, previous: InterchangeReport): Finding[] {
  if (previous.year !== current.year - 1) return [];
  return [...checkCarriedOver(current, previous), ...checkInForce(current, previous)];
}
