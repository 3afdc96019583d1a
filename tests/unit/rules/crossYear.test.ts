import { describe, expect, it } from 'vitest';
import { english } from '../support/findings.js';
import { checkAcrossYears } from '../../../src/rules/index.js';
import { copy, corpusReport } from './support.js';

const pingtan = { 2024: '02', 2023: '04', 2022: '05', 2021: '06' } as const;
const p = (year: keyof typeof pingtan) => corpusReport(pingtan[year]);

describe('X1: 二、上年结转 (N) = 四、结转下年度继续办理 (N−1)', () => {
  it.each([
    [2024, 2023],
    [2023, 2022],
    [2022, 2021],
  ] as const)('holds for Pingtan %i vs %i', (n, prev) => {
    expect(checkAcrossYears(p(n), p(prev)).filter((f) => f.rule === 'X1')).toEqual([]);
  });

  it('2022 carries over the 1 application that 2021 carried forward (the pair is not trivially zero)', () => {
    expect(p(2022).applications.CARRIED_OVER.NATURAL_PERSON).toBe(1);
    expect(p(2021).applications.CARRIED_FORWARD.NATURAL_PERSON).toBe(1);
  });

  it('fails per column on a tampered pair, with expected = last year and actual = this year', () => {
    const current = copy(p(2022));
    current.applications.CARRIED_OVER.NATURAL_PERSON = 3;
    current.applications.CARRIED_OVER.TOTAL = 3;
    const found = checkAcrossYears(current, p(2021)).filter((f) => f.rule === 'X1');
    expect(found.map((f) => [f.cells, f.expected, f.actual, f.severity])).toEqual([
      [['applications.CARRIED_OVER.NATURAL_PERSON', 'applications.CARRIED_FORWARD.NATURAL_PERSON'], 1, 3, 'WARNING'],
      [['applications.CARRIED_OVER.TOTAL', 'applications.CARRIED_FORWARD.TOTAL'], 1, 3, 'WARNING'],
    ]);
    expect(english(found[0])).toContain('二、上年结转政府信息公开申请数量 of 2022 is 3, but 四、结转下年度继续办理 of 2021 was 1');
    expect(english(found[0])).toContain('column 自然人 (NATURAL_PERSON)');
  });

  it('skips blank cells on either side', () => {
    const current = copy(p(2022));
    current.applications.CARRIED_OVER.TOTAL = null;
    const previous = copy(p(2021));
    previous.applications.CARRIED_FORWARD.NATURAL_PERSON = null;
    current.applications.CARRIED_OVER.NATURAL_PERSON = 7;
    expect(checkAcrossYears(current, previous)).toEqual([]);
  });

  it('compares nothing when the years are not consecutive', () => {
    const current = copy(p(2022));
    current.applications.CARRIED_OVER.TOTAL = 9;
    expect(checkAcrossYears(current, p(2023))).toEqual([]);
    expect(checkAcrossYears(p(2024), p(2022))).toEqual([]);
  });

  it('works across the 2019 → 2021 format change (same rows and columns)', () => {
    const y2020 = copy(corpusReport('08')); // a 2019-format report, relabelled as 2020 for the test
    y2020.year = 2020;
    y2020.applications.CARRIED_FORWARD.TOTAL = 5;
    const found = checkAcrossYears(p(2021), y2020);
    expect(found.map((f) => f.rule)).toEqual(['X1']);
    expect(found[0]).toMatchObject({ expected: 5, actual: 0 });
  });
});

describe('X2: 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N)', () => {
  it('holds for Pingtan 2022 vs 2021 (698 = 665 + 88 − 55)', () => {
    expect(checkAcrossYears(p(2022), p(2021))).toEqual([]);
  });

  it('fails, as INFO, for 2024 vs 2023 (470 + 62 − 33 = 499 ≠ 440)', () => {
    const found = checkAcrossYears(p(2024), p(2023));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'X2',
      severity: 'INFO',
      expected: 499,
      actual: 440,
      cells: [
        'proactiveDisclosure.NORMATIVE_DOCUMENTS.IN_FORCE',
        'proactiveDisclosure.NORMATIVE_DOCUMENTS.ISSUED',
        'proactiveDisclosure.NORMATIVE_DOCUMENTS.REPEALED',
      ],
    });
    expect(english(found[0])).toContain('行政规范性文件 现行有效件数 of 2024 is 440');
    expect(english(found[0])).toContain('470 + 本年制发件数 62 − 本年废止件数 33 = 499');
  });

  it('is not checked when a year is in the 2019 format, nor with a blank cell', () => {
    const y2020 = copy(corpusReport('08'));
    y2020.year = 2020;
    expect(checkAcrossYears(p(2021), y2020).filter((f) => f.rule === 'X2')).toEqual([]);
    const current = copy(p(2024));
    current.proactiveDisclosure.NORMATIVE_DOCUMENTS.REPEALED = null;
    expect(checkAcrossYears(current, p(2023))).toEqual([]);
  });
});
