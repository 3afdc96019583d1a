/**
 * A row whose label is there but whose values are not is a loss, named in a WARNING with its cells
 * (a blank is not a zero); a row the report printed with empty cells lost nothing and is not flagged.
 * Made from the 01 report as Markdown pipe tables (tests/fixtures/ingest/01_markdown.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/ingest/index.js';

const source = readFileSync(join(__dirname, '../../fixtures/ingest/01_markdown.md'), 'utf8');
const T4_VALUES = '| 0 | 0 | 4 | 0 | 4 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
const T3_ROW = '| （三）不予公开 |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';

function parse(edit: (s: string) => string) {
  const text = edit(source);
  expect(text).not.toBe(source);
  const r = parseReport(text, { fileName: '01.md' });
  const lost = r.findings.filter((f) => f.severity !== 'INFO' && f.rule === 'PARSE');
  return { r, lost };
}

describe('表二 rows without values', () => {
  it('a label with no value after it is a WARNING naming its cells', () => {
    const { r, lost } = parse((s) => s.replace('| 行政许可 | 14285 |', '| 行政许可 |'));
    expect(r.proactiveDisclosure.ADMINISTRATIVE_LICENSING.DECISIONS).toBeNull();
    expect(lost).toMatchObject([{ severity: 'WARNING', code: 'ROWS_WITHOUT_VALUES', params: { table: '表二', rows: ['ADMINISTRATIVE_LICENSING'] }, cells: ['proactiveDisclosure.ADMINISTRATIVE_LICENSING.DECISIONS'] }]);
  });

  it('a label not found at all is named too', () => {
    const { r, lost } = parse((s) => s.replace('| 规章 | 0 | 0 | 0 |\n', ''));
    expect(r.proactiveDisclosure.REGULATIONS.ISSUED).toBeNull();
    expect(lost).toMatchObject([{ code: 'DISCLOSURE_ITEMS_NOT_FOUND', params: { items: ['REGULATIONS'] } }]);
    expect(lost[0].cells).toEqual(['proactiveDisclosure.REGULATIONS.ISSUED', 'proactiveDisclosure.REGULATIONS.REPEALED', 'proactiveDisclosure.REGULATIONS.IN_FORCE']);
  });

  it('a row printed with empty cells is blank, and not flagged', () => {
    const { r, lost } = parse((s) => s.replace('| 规章 | 0 | 0 | 0 |', '| 规章 |  |  |  |').replace('| 行政许可 | 14285 |', '| 行政许可 |  |'));
    expect(r.proactiveDisclosure.REGULATIONS).toEqual({ ISSUED: null, REPEALED: null, IN_FORCE: null });
    expect(r.proactiveDisclosure.ADMINISTRATIVE_LICENSING.DECISIONS).toBeNull();
    expect(lost).toEqual([]);
  });

  it('a label that ran into the next table\'s heading still reads the value after the heading', () => {
    const { r, lost } = parse((s) => s.replace('| 行政事业性收费 | 1421 |', '| 行政事业性收费（本列数据的勾稽关系为：第一 | 1421 |'));
    expect(r.proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT).toBe(1421);
    expect(lost).toEqual([]);
  });
});

describe('表三 rows without values', () => {
  it('a label followed straight by the next row is a WARNING naming its cells', () => {
    const { r, lost } = parse((s) => s.replace(T3_ROW, '| （三）不予公开 |  | 2.其他法律行政法规禁止公开 |'));
    expect(r.applications.WITHHELD_PROHIBITED_BY_LAW.TOTAL).toBeNull();
    expect(lost).toMatchObject([{ code: 'ROWS_WITHOUT_VALUES', params: { table: '表三', rows: ['WITHHELD_PROHIBITED_BY_LAW'] } }]);
    expect(lost[0].cells).toHaveLength(7);
  });

  it('a label alone on its line among rows of cells (a blank row rebuilt from a PDF) is blank, not flagged', () => {
    const { r, lost } = parse((s) => s.replace(T3_ROW, '2.其他法律行政法规禁止公开\n'));
    expect(r.applications.WITHHELD_PROHIBITED_BY_LAW.TOTAL).toBeNull();
    expect(lost).toEqual([]);
  });
});

describe('表四 without cells', () => {
  it('a heading with no cell after it (the text ends there) is a WARNING naming all 15 cells', () => {
    const { r, lost } = parse((s) => s.slice(0, s.indexOf(T4_VALUES)));
    expect(r.reviewsAndLitigation.ADMINISTRATIVE_REVIEW.TOTAL).toBeNull();
    expect(lost).toMatchObject([{ code: 'REVIEWS_CELLS_MISSING', params: { found: 0, total: 15 } }]);
    expect(lost[0].cells).toHaveLength(15);
  });

  it('no cell before part 五: no number of part 五\'s prose is read as a cell, and all 15 are named', () => {
    const { r, lost } = parse((s) => s.replace(T4_VALUES, ''));
    expect(r.reviewsAndLitigation.ADMINISTRATIVE_REVIEW).toEqual({ UPHELD: null, CORRECTED: null, OTHER: null, PENDING: null, TOTAL: null });
    expect(lost).toMatchObject([{ code: 'REVIEWS_CELLS_MISSING', params: { found: 0, total: 15 } }]);
  });

  it('cells printed empty are blank, not flagged', () => {
    const { r, lost } = parse((s) => s.replace(T4_VALUES, T4_VALUES.replace(/\d/g, ' ')));
    expect(r.reviewsAndLitigation.ADMINISTRATIVE_REVIEW).toEqual({ UPHELD: null, CORRECTED: null, OTHER: null, PENDING: null, TOTAL: null });
    expect(lost).toEqual([]);
  });
});

describe('a label whose tail is printed elsewhere', () => {
  const WHOLE = '| （三）不予公开 |  | 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
  const CUT = '| （三）不予公开 |  | 3.危及“三安全一稳 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |';

  it('is read by the start no other row shares, in its place in the table, and said so', () => {
    const { r, lost } = parse((s) => s.replace(WHOLE, CUT));
    expect(r.applications.WITHHELD_SECURITY_STABILITY).toMatchObject({ NATURAL_PERSON: 3, COMMERCIAL_ENTERPRISE: 0, TOTAL: 3 });
    expect(lost).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'LABEL_TRUNCATED')).toMatchObject([{ severity: 'INFO', params: { table: '表三', row: 'WITHHELD_SECURITY_STABILITY', printed: '3.危及“三安全一稳' } }]);
  });

  it('out of its place (after rows that follow it), it is not taken for that row', () => {
    const { r, lost } = parse((s) => s.replace(WHOLE + '\n', '').replace('| （三）不予公开 |  | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', (row) => `${row}\n${CUT}`));
    expect(r.applications.WITHHELD_SECURITY_STABILITY.NATURAL_PERSON).toBeNull();
    expect(lost.map((f) => f.code)).toContain('APPLICATIONS_ROWS_NOT_FOUND');
    expect(r.findings.some((f) => f.code === 'LABEL_TRUNCATED')).toBe(false);
  });
});
