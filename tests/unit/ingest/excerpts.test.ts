import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { english } from '../support/findings.js';
import { parseReport } from '../../../src/ingest/index.js';

const dir = join(__dirname, '../../fixtures/corpus');
const file = (prefix: string) => readdirSync(dir).find((f) => f.startsWith(prefix) && /\.(txt|html)$/.test(f))!;
const parse = (prefix: string) => parseReport(readFileSync(join(dir, file(prefix)), 'utf8'), { fileName: file(prefix) });

// Values below were read by eye from the excerpt texts.
describe('truncated excerpts yield what they contain', () => {
  it('17: "/" for 规章 is blank with a finding; blank 表三 cells stay null, the printed 0 is kept', () => {
    const r = parse('17_');
    expect(r.proactiveDisclosure.REGULATIONS).toEqual({ ISSUED: null, REPEALED: null, IN_FORCE: null });
    expect(r.findings.some((f) => f.cells.includes('proactiveDisclosure.REGULATIONS.ISSUED') && english(f).includes('"/"'))).toBe(true);
    expect(r.applications.NEW_RECEIVED).toMatchObject({ NATURAL_PERSON: null, TOTAL: 0 });
    expect(r.applications.CARRIED_FORWARD.TOTAL).toBeNull(); // truncated before it
  });
  it('18: pipe rows with filler cells', () => {
    const r = parse('18_');
    expect(r.formatVersion).toBe('2021');
    expect(r.year).toBe(2023);
    expect(r.applications.NEW_RECEIVED).toMatchObject({ NATURAL_PERSON: 3, TOTAL: 3 });
  });
  it('19: 规范性文件 in a 2021 table, one cell per line', () => {
    const r = parse('19_');
    expect(r.formatVersion).toBe('2021');
    expect(r.proactiveDisclosure.NORMATIVE_DOCUMENTS).toEqual({ ISSUED: 0, REPEALED: 0, IN_FORCE: 0 });
  });
  it('22: a 2023 report in the 2019 format is 2019', () => {
    const r = parse('22_');
    expect(r.formatVersion).toBe('2019');
    expect(r.year).toBe(2023);
    expect(r.agencyName).toBe('西咸新区底张街道办事处');
  });
  it('23: 行政处罚 1472, group label as an extra cell', () => {
    const r = parse('23_');
    expect(r.proactiveDisclosure.ADMINISTRATIVE_PUNISHMENT.DECISIONS).toBe(1472);
    expect(r.applications.NEW_RECEIVED.TOTAL).toBe(1);
    expect(r.applications.DISCLOSED.TOTAL).toBe(0);
  });
  it('25: 增10 is +10; 1276.5534万元 in a column without unit is null with the raw text kept', () => {
    const r = parse('25_');
    expect(r.formatVersion).toBe('2019');
    expect(r.proactiveDisclosure.ADMINISTRATIVE_LICENSING).toEqual({ PREVIOUS_YEAR_ITEMS: 8, CHANGE: 10, DECISIONS: 18 });
    expect(r.proactiveDisclosure.CENTRALIZED_PROCUREMENT).toEqual({ PROCUREMENT_ITEMS: 16, PROCUREMENT_AMOUNT: null });
    expect(r.findings.some((f) => english(f).includes('1276.5534万元'))).toBe(true);
  });
  it('26: negative change -35', () => {
    const r = parse('26_');
    expect(r.proactiveDisclosure.ADMINISTRATIVE_LICENSING.PREVIOUS_YEAR_ITEMS).toBe(1215);
    expect(r.proactiveDisclosure.ADMINISTRATIVE_LICENSING.CHANGE).toBe(-35);
  });
  it('15: space-separated fragment rows', () => {
    const r = parse('15_');
    expect(r.applications.NEW_RECEIVED).toEqual({ NATURAL_PERSON: 3001, COMMERCIAL_ENTERPRISE: 53, RESEARCH_INSTITUTION: 0, SOCIAL_WELFARE_ORGANIZATION: 0, LEGAL_SERVICE_INSTITUTION: 61, OTHER_ORGANIZATION: 4, TOTAL: 3119 });
    expect(r.applications.UNAVAILABLE_NOT_HELD.TOTAL).toBe(769);
    expect(r.proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT).toBe(96171.6);
  });
});
