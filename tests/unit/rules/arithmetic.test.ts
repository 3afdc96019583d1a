import { describe, expect, it } from 'vitest';
import { english } from '../support/findings.js';
import { checkReport, getCell } from '../../../src/rules/index.js';
import { copy, corpusReport, FULL_CORPUS } from './support.js';

const R = ['R1', 'R2', 'R3', 'R4'];
const rFindings = (prefix: string) => checkReport(corpusReport(prefix)).filter((f) => R.includes(f.rule));

describe('getCell', () => {
  const r = corpusReport('11');
  it('reads numbers, blanks and missing cells apart', () => {
    expect(getCell(r, 'applications.NEW_RECEIVED.TOTAL')).toBe(34);
    expect(getCell(r, 'applications.CARRIED_FORWARD.TOTAL')).toBeNull();
    expect(getCell(r, 'applications.NO_SUCH_ROW.TOTAL')).toBeUndefined();
    expect(getCell(r, 'applications.NEW_RECEIVED')).toBeUndefined();
    expect(getCell(r, 'findings.0.rule')).toBeUndefined();
    expect(getCell(r, 'proactiveDisclosure.NORMATIVE_DOCUMENTS.IN_FORCE')).toBe(55);
    expect(getCell(r, 'reviewsAndLitigation.ADMINISTRATIVE_REVIEW.UPHELD')).toBe(1);
  });
});

describe('R1–R4 on the corpus', () => {
  it('01 passes every rule, X3 included (no sections here)', () => {
    expect(checkReport(corpusReport('01'))).toEqual([]);
  });
  it.each(FULL_CORPUS)('corpus %s has no R finding (their real defects are blanks, not sums)', (prefix) => {
    expect(rFindings(prefix)).toEqual([]);
  });
});

describe('R1–R4 on tampered reports', () => {
  it('a wrong 一、本年新收 总计 breaks R1 in the 总计 column and R2 in its row, nothing else', () => {
    const r = copy(corpusReport('01'));
    r.applications.NEW_RECEIVED.TOTAL = 35;
    const found = checkReport(r);
    expect(found.map((f) => `${f.rule} ${f.expected}/${f.actual}`)).toEqual(['R1 35/34', 'R2 34/35']);
    const [r1, r2] = found;
    expect(r1).toMatchObject({
      severity: 'ERROR',
      cells: [
        'applications.NEW_RECEIVED.TOTAL',
        'applications.CARRIED_OVER.TOTAL',
        'applications.OUTCOME_TOTAL.TOTAL',
        'applications.CARRIED_FORWARD.TOTAL',
      ],
    });
    expect(english(r1)).toContain(
      'R1 fails in column 总计 (TOTAL): 一、本年新收政府信息公开申请数量 35 + 二、上年结转政府信息公开申请数量 0 = 35, but （七）总计 33 + 四、结转下年度继续办理 1 = 34',
    );
    expect(english(r2)).toContain('R2 fails in row 一、本年新收政府信息公开申请数量 (NEW_RECEIVED): 总计 35, but 自然人 34 + 商业企业 0');
    expect(r2.cells).toHaveLength(7);
  });

  it('a wrong detail cell breaks R2 in its row and R3 in its column', () => {
    const r = copy(corpusReport('13'));
    const before = r.applications.WITHHELD_STATE_SECRET.NATURAL_PERSON as number;
    r.applications.WITHHELD_STATE_SECRET.NATURAL_PERSON = before + 5;
    const found = checkReport(r);
    expect(found.map((f) => f.rule)).toEqual(['R2', 'R3']);
    const [r2, r3] = found;
    expect(english(r2)).toContain('row （三）不予公开 1.属于国家秘密 (WITHHELD_STATE_SECRET)');
    expect(r2.actual).toBe(r.applications.WITHHELD_STATE_SECRET.TOTAL);
    expect(r2.expected).toBe((r2.actual as number) + 5);
    expect(english(r3)).toContain('R3 fails in column 自然人 (NATURAL_PERSON)');
    expect(r3.actual).toBe(r.applications.OUTCOME_TOTAL.NATURAL_PERSON);
    expect(r3.expected).toBe((r3.actual as number) + 5);
    expect(r3.cells).toContain('applications.WITHHELD_STATE_SECRET.NATURAL_PERSON');
  });

  it('a wrong 表四 total breaks R4 with the official labels', () => {
    const r = copy(corpusReport('02'));
    r.reviewsAndLitigation.LITIGATION_AFTER_REVIEW.TOTAL = 20;
    const found = checkReport(r);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'R4', severity: 'ERROR', expected: 19, actual: 20 });
    expect(english(found[0])).toContain('表四 group 行政诉讼 复议后起诉 (LITIGATION_AFTER_REVIEW): 总计 20, but 结果维持 13');
  });

  it('R1 in a single applicant column, for the 2019 format too', () => {
    const r = copy(corpusReport('08'));
    r.applications.CARRIED_FORWARD.NATURAL_PERSON = 2;
    r.applications.CARRIED_FORWARD.TOTAL = 2;
    const found = checkReport(r);
    expect(found.map((f) => `${f.rule} ${f.cells[0]}`)).toEqual(['R1 applications.NEW_RECEIVED.NATURAL_PERSON', 'R1 applications.NEW_RECEIVED.TOTAL']);
    expect(english(found[0])).toContain('column 自然人 (NATURAL_PERSON)');
  });

  it('a blank on the larger side cannot excuse a failing sum: R finding, blanks counted as 0', () => {
    const r = copy(corpusReport('01'));
    r.applications.DISCLOSED.COMMERCIAL_ENTERPRISE = null;
    r.applications.DISCLOSED.NATURAL_PERSON = 32; // TOTAL stays 30: 30 = 32 + blank + … has no non-negative solution
    const r2 = checkReport(r).filter((f) => f.rule === 'R2');
    expect(r2).toHaveLength(1);
    expect(r2[0]).toMatchObject({ expected: 32, actual: 30 });
    expect(english(r2[0])).toContain('商业企业 blank');
    expect(english(r2[0])).toContain('counted as 0');
    expect(checkReport(r).filter((f) => f.rule === 'B1')).toEqual([]);
  });

  it('missing tables (an excerpt) produce no findings at all', () => {
    const r = corpusReport('01');
    expect(checkReport({ ...r, applications: {}, reviewsAndLitigation: {}, proactiveDisclosure: {} })).toEqual([]);
    const partial = copy(r);
    delete (partial.applications as Record<string, unknown>).CARRIED_FORWARD;
    expect(checkReport(partial).filter((f) => f.rule === 'R1')).toEqual([]);
  });
});
