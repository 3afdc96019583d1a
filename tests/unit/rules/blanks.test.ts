import { describe, expect, it } from 'vitest';
import { english } from '../support/findings.js';
import { checkReport } from '../../../src/rules/index.js';
import { copy, corpusReport } from './support.js';

const R = ['R1', 'R2', 'R3', 'R4'];

describe('B1 on the corpus', () => {
  it('11: the blank 总计 of 四、结转下年度继续办理 is B1 with expected 1, and R1 is not reported', () => {
    const found = checkReport(corpusReport('11'));
    expect(found.filter((f) => R.includes(f.rule))).toEqual([]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'B1',
      severity: 'WARNING',
      cells: ['applications.CARRIED_FORWARD.TOTAL'],
      expected: 1,
      actual: null,
    });
    expect(english(found[0])).toContain('四、结转下年度继续办理 / 总计');
    expect(english(found[0])).toContain('R1 in column 总计 (TOTAL)');
    expect(english(found[0])).toContain('R2 in row 四、结转下年度继续办理');
  });

  it('16: every blank 总计 next to non-zero parts is B1 once, with the sum of its row; no R finding', () => {
    const report = corpusReport('16');
    const found = checkReport(report);
    expect(found.filter((f) => R.includes(f.rule))).toEqual([]);
    const b1 = found.filter((f) => f.rule === 'B1');
    const byCell = Object.fromEntries(b1.map((f) => [f.cells.join(','), f.expected]));
    expect(byCell).toEqual({
      'applications.DISCLOSED.TOTAL': 272,
      'applications.PARTIALLY_DISCLOSED.TOTAL': 3,
      'applications.WITHHELD_STATE_SECRET.TOTAL': 14,
      'applications.WITHHELD_INTERNAL_AFFAIRS.TOTAL': 5,
      'applications.WITHHELD_PROCESS_INFORMATION.TOTAL': 4,
      'applications.WITHHELD_QUERY_MATTERS.TOTAL': 12,
      'applications.UNAVAILABLE_NOT_HELD.TOTAL': 265,
      'applications.UNAVAILABLE_NEEDS_CREATION.TOTAL': 47,
      'applications.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION.TOTAL': 25,
      'applications.NOT_PROCESSED_PETITION.TOTAL': 149,
      'applications.NOT_PROCESSED_DUPLICATE.TOTAL': 9,
    });
    // the implied totals add up to the printed （七）总计: R3 on the 总计 column holds with them
    expect(Object.values(byCell).reduce((s: number, v) => s + (v as number), 0)).toBe(report.applications.OUTCOME_TOTAL.TOTAL);
    // the all-blank rows and blank detail cells next to zeros are not reported
    expect(b1.every((f) => f.cells.every((c) => c.endsWith('.TOTAL')))).toBe(true);
  });
});

describe('B1 on constructed blanks', () => {
  it('a blank part whose row total and column both say 0 is not reported', () => {
    const r = copy(corpusReport('01'));
    r.applications.DISCLOSED.RESEARCH_INSTITUTION = null;
    expect(checkReport(r)).toEqual([]);
  });

  it('a blank part that hides a figure is B1 by R2 and R3 together', () => {
    const r = copy(corpusReport('01'));
    r.applications.DISCLOSED.NATURAL_PERSON = null; // printed 30
    const found = checkReport(r);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'B1', cells: ['applications.DISCLOSED.NATURAL_PERSON'], expected: 30 });
    expect(english(found[0])).toMatch(/R2 in row （一）予以公开.*R3 in column 自然人/);
  });

  it('three blank totals, each determined exactly, are reported once each (no guess from the wider R3 sum)', () => {
    const r = copy(corpusReport('01'));
    r.applications.DISCLOSED.TOTAL = null;
    r.applications.OUTCOME_TOTAL.TOTAL = null;
    r.applications.UNAVAILABLE_NOT_HELD.TOTAL = null;
    const found = checkReport(r);
    expect(found.filter((f) => R.includes(f.rule))).toEqual([]);
    // each of the three totals follows from its own row (R2); R1 gives OUTCOME_TOTAL too; R3 then holds
    expect(Object.fromEntries(found.map((f) => [f.cells.join(','), f.expected]))).toEqual({
      'applications.DISCLOSED.TOTAL': 30,
      'applications.OUTCOME_TOTAL.TOTAL': 33,
      'applications.UNAVAILABLE_NOT_HELD.TOTAL': 2,
    });
  });

  it('equations that disagree on a blank cell say so without inventing a value', () => {
    const r = copy(corpusReport('01'));
    r.applications.CARRIED_FORWARD.TOTAL = null;
    r.applications.CARRIED_FORWARD.NATURAL_PERSON = 2; // R2 now implies 2, R1 in 总计 still implies 1
    const found = checkReport(r);
    const b1 = found.filter((f) => f.rule === 'B1');
    expect(b1).toHaveLength(1);
    expect(b1[0].expected).toBeUndefined();
    expect(english(b1[0])).toContain('disagree');
    expect(found.filter((f) => f.rule === 'R1').map((f) => f.cells[0])).toEqual(['applications.NEW_RECEIVED.NATURAL_PERSON']);
  });

  it('several blanks on the short side: B1 says what they must hold together', () => {
    const r = copy(corpusReport('01'));
    r.reviewsAndLitigation.ADMINISTRATIVE_REVIEW.OTHER = null;
    r.reviewsAndLitigation.ADMINISTRATIVE_REVIEW.UPHELD = null;
    const found = checkReport(r);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'B1', expected: 4 });
    expect(found[0].cells.sort()).toEqual([
      'reviewsAndLitigation.ADMINISTRATIVE_REVIEW.OTHER',
      'reviewsAndLitigation.ADMINISTRATIVE_REVIEW.UPHELD',
    ]);
  });
});

describe('B1 and rows that were never printed', () => {
  it('a table cut off after its first rows (excerpts 18, 23) gives no finding about the missing rows', () => {
    const r = copy(corpusReport('01'));
    for (const [row, cells] of Object.entries(r.applications)) {
      if (row === 'NEW_RECEIVED' || row === 'CARRIED_OVER') continue;
      for (const col of Object.keys(cells)) cells[col] = null;
    }
    expect(checkReport(r)).toEqual([]);
  });

  it('a blank total is not implied from its parts while a whole row of those parts is blank (a lost row is not 0)', () => {
    const r = copy(corpusReport('01'));
    // the parser lost the rows after UNAVAILABLE_NOT_HELD, 总计 and 结转 among them
    const rows = Object.keys(r.applications);
    for (const row of rows.slice(rows.indexOf('UNAVAILABLE_NEEDS_CREATION'))) for (const col of Object.keys(r.applications[row])) r.applications[row][col] = null;
    r.applications.DISCLOSED.NATURAL_PERSON = 29; // the parts no longer add up to what the lost total held
    r.applications.DISCLOSED.TOTAL = 29;
    expect(checkReport(r).filter((f) => f.code === 'BLANK_IMPLIED')).toEqual([]);
  });
});
