/**
 * Columns from geometry, on positioned runs made here (the PDF reader's input) and on
 * `pdftotext -layout` text: a column blank in every row keeps its place when the header says where
 * it is, is never guessed when the header does not line up, and one reader serves both inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/format/index.js';
import { classifyCell, quoted, UNPLACED } from '../../../src/ingest/cells.js';
import { parseReport, ReportParseError } from '../../../src/ingest/index.js';
import { tokenValue } from '../../../src/ingest/values.js';
import { layoutTables, layoutText } from '../../../src/ingest/pdf/layout.js';
import type { PageBox, TextRun } from '../../../src/ingest/pdf/runs.js';
import { isSpacedLayout, spacedRuns } from '../../../src/ingest/pdf/text-runs.js';

const SIZE = 10;
const PAGE: PageBox[] = [{ top: 0, height: 2000 }];
const width = (text: string) => [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1) * SIZE, 0);
const run = (text: string, x: number, y: number): TextRun => ({ text, x, width: width(text), y, size: SIZE, page: 0 });

const HEADER = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
/** Column centres of the 7 applicant columns, 80 apart. */
const COLUMN = (i: number) => 300 + 80 * i;
const ROWS = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '四、结转下年度继续办理'];

/** A 表三 whose columns 2 and 5 are blank in every row; the header shifted by `shift` points. */
function table(shift: number): TextRun[] {
  const runs = HEADER.map((h, i) => run(h, COLUMN(i) + shift - width(h) / 2, 200));
  const printed = [
    ['3', '1', '', '2', '1', '', '7'],
    ['4', '', '', '', '1', '', '5'],
    ['1', '1', '', '', '', '', '2'],
  ];
  ROWS.forEach((label, r) => {
    const y = 230 + 30 * r;
    runs.push(run(label, 40, y));
    printed[r].forEach((v, i) => v && runs.push(run(v, COLUMN(i) - width(v) / 2, y)));
  });
  return runs;
}

const rowOf = (text: string, label: string) => text.split('\n').find((l) => l.includes(label));

describe('value columns from geometry', () => {
  it('a column blank in every row keeps its place under its header cell', () => {
    const text = layoutText(table(0), PAGE);
    expect(rowOf(text, ROWS[0])).toBe(`| ${ROWS[0]} | 3 | 1 |  | 2 | 1 |  | 7 |`);
    expect(rowOf(text, ROWS[1])).toBe(`| ${ROWS[1]} | 4 |  |  |  | 1 |  | 5 |`);
    expect(rowOf(text, ROWS[2])).toBe(`| ${ROWS[2]} | 1 | 1 |  |  |  |  | 2 |`);
  });

  it('a header that does not line up with the numbers places nothing: every cell of the row is marked unplaced', () => {
    const text = layoutText(table(30), PAGE);
    const row = rowOf(text, ROWS[0])!;
    const cells = row.split('|').slice(2, -1).map((c) => c.trim());
    expect(cells).toHaveLength(7);
    for (const c of cells) expect(c).toBe(`${UNPLACED}3 1 2 1 7`);
  });

  it('a number wrapped in its narrow cell ("85" over "9") is read whole, on its row', () => {
    const runs = HEADER.map((h, i) => run(h, COLUMN(i) - width(h) / 2, 200));
    runs.push(run(ROWS[0], 40, 240), run(ROWS[1], 40, 280));
    ['821', '35', '0', '2', '1', '0'].forEach((v, i) => runs.push(run(v, COLUMN(i) - width(v) / 2, 240)));
    runs.push(run('85', COLUMN(6) - 5, 234), run('9', COLUMN(6) - 5, 246));
    ['18', '0', '0', '0', '0', '0', '18'].forEach((v, i) => runs.push(run(v, COLUMN(i) - width(v) / 2, 280)));
    const text = layoutText(runs, PAGE);
    expect(rowOf(text, ROWS[0])).toBe(`| ${ROWS[0]} | 821 | 35 | 0 | 2 | 1 | 0 | 859 |`);
    expect(text).not.toMatch(/\|\s*85\s*\|/);
  });

  it('a numbered heading printed under a table starts no label of the row above it', () => {
    const runs = table(0);
    runs.push(run('四、政府信息公开行政复议、行政诉讼情况', 40, 320));
    const text = layoutText(runs, PAGE);
    expect(rowOf(text, ROWS[2])).toBe(`| ${ROWS[2]} | 1 | 1 |  |  |  |  | 2 |`);
  });
});

describe('pages whose cell borders are worth reading', () => {
  it('are the pages of rows short of values, not those of rows printed full', () => {
    const pages: PageBox[] = [{ top: 0, height: 1000 }, { top: 1000, height: 1000 }];
    const runs = HEADER.map((h, i) => run(h, COLUMN(i) - width(h) / 2, 200));
    const printed = [['3', '1', '0', '2', '1', '0', '7'], ['4', '0', '0', '0', '1', '0', '5'], ['1', '1', '', '', '', '', '2']];
    ROWS.forEach((label, r) => {
      // the last row is carried over to the second page
      const y = r < 2 ? 230 + 30 * r : 1100;
      const page = r < 2 ? 0 : 1;
      runs.push({ ...run(label, 40, y), page });
      printed[r].forEach((v, i) => v && runs.push({ ...run(v, COLUMN(i) - width(v) / 2, y), page }));
    });
    const { text, shortRowPages } = layoutTables(runs, pages);
    expect(rowOf(text, ROWS[2])).toBe(`| ${ROWS[2]} | 1 | 1 |  |  |  |  | 2 |`);
    expect([...shortRowPages]).toEqual([1]);
    expect([...layoutTables(table(0), PAGE).shortRowPages]).toEqual([0]);
  });
});

describe('pdftotext -layout text read by the same geometry', () => {
  /** A line with each text centred on its character column (pdftotext: one column a character). */
  const line = (cells: [centre: number, text: string][]) => {
    let out = '';
    for (const [centre, text] of cells) out = out.padEnd(Math.max(out.length + 1, centre - Math.floor(text.length / 2))) + text;
    return out;
  };
  const col = (i: number) => 24 + 9 * i;
  const printed = [
    ['3', '1', '', '2', '1', '', '7'],
    ['4', '', '', '', '1', '', '5'],
    ['1', '1', '', '', '', '', '2'],
  ];
  const layout = [
    line(HEADER.map((h, i) => [col(i), h])),
    '',
    ...ROWS.flatMap((label, r) => [line([[Math.floor(label.length / 2), label], ...printed[r].flatMap((v, i) => (v ? [[col(i), v] as [number, string]] : []))]), '']),
  ].join('\n');

  it('is told from pipe tables and prose', () => {
    const many = (s: string) => Array.from({ length: 10 }, () => s).join('\n');
    expect(isSpacedLayout(many(layout))).toBe(true);
    expect(isSpacedLayout(many('| 一、本年新收政府信息公开申请数量 | 3 | 1 |  | 2 | 1 |  | 7 |'))).toBe(false);
    expect(isSpacedLayout(many('全市共受理政府信息公开申请 3119 件，答复 3050 件。'))).toBe(false);
  });

  it('a blank cell (wider whitespace) stays blank in its column; words one space apart stay apart when both are numbers', () => {
    const text = layoutText(...spacedRuns(layout));
    expect(rowOf(text, ROWS[0])).toBe(`| ${ROWS[0]} | 3 | 1 |  | 2 | 1 |  | 7 |`);
    expect(rowOf(text, ROWS[1])).toBe(`| ${ROWS[1]} | 4 |  |  |  | 1 |  | 5 |`);
    expect(rowOf(text, ROWS[2])).toBe(`| ${ROWS[2]} | 1 | 1 |  |  |  |  | 2 |`);
    const [runs] = spacedRuns('申请 3119 件答复    0 1');
    expect(runs.map((r) => r.text)).toEqual(['申请 3119 件答复', '0', '1']);
  });

  it('a line of 200,000 numbers is read without overflowing the stack (no spread of long arrays)', () => {
    const text = [layout, layout, `行 ${'1 '.repeat(200_000)}`, layout].join('\n');
    let outcome: unknown;
    try {
      outcome = parseReport(text);
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(ReportParseError);
  });
});

describe('pdftotext -layout: labels wrapped around their row (from the 28 site print)', () => {
  const HEAD = [
    '                        自然人 法人或其他组织       总计',
    '                            商业 科研 社会 法律',
    '                                  公益 服务 其他',
    '                            企业 机构 组织 机构',
    '',
    '        1.属于国家秘密       0    0   0   0   0   0   0',
    '',
  ];
  const read = (lines: string[]) => layoutText(...spacedRuns([...HEAD, ...lines, '', '        3.危及“三安全一稳定”   0    0   0   0   0   0   0'].join('\n')));

  it('the first value set one space after the label\'s first line is the cell of the one blank column left of the row\'s values; the number set apart beside the label\'s middle leads it', () => {
    const text = read(['         其他法律行政法规禁 0', '        2.', '        止公开                 0   0   0   0   0   0']);
    expect(rowOf(text, '止公开')).toBe('| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  });

  it('a row printed full keeps its values, and a number ending its label stays in the label', () => {
    const text = read(['         其他法律行政法规禁 5', '        2.', '        止公开              0   0   0   0   0   0   0']);
    expect(rowOf(text, '止公开')).toBe('| 2.其他法律行政法规禁 5止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  });

  it('a group label one space before a numbered row label is a cell of its own', () => {
    const text = read(['   （四） 1.本机关不掌握相关政 31', '   无法提 府信息                  0   0   0   0   0   31', '', '   供']);
    expect(rowOf(text, '本机关')).toMatch(/^\| [(（]四[)）]无法提供 \| 1\.本机关不掌握相关政府信息 \| 31 \| 0 \| 0 \| 0 \| 0 \| 0 \| 31 \|$/);
  });
});

describe('pdftotext -layout: a numbered label line over its row (the 28 grid print)', () => {
  it('joins the row below although that row\'s first value, cut off its label, starts left of where the values do', () => {
    const source = readFileSync(join(__dirname, '../../fixtures/documents/28_pingtan_2023_grid.libreoffice.layout.txt'), 'utf8');
    const t3 = source.slice(source.indexOf('三、收到和处理政府信息公开申请情况'), source.indexOf('四、结转下年度继续办理'));
    const text = layoutText(...spacedRuns(t3));
    expect(rowOf(text, '行政机关不再处理其政府信息公开申请 |')).toBe('| (六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
  });
});

describe('the unplaced-cell marker', () => {
  it('is no character a report prints: a printed "?3" is a misprinted value, not a column the layout could not place', () => {
    const findings: Finding[] = [];
    const token = classifyCell('?3');
    expect(token).not.toBe('text');
    expect(tokenValue(token as Exclude<typeof token, 'text'>, 'applications.NEW_RECEIVED.TOTAL', null, null, findings)).toBeNull();
    expect(findings.map((f) => (f.params as { reason?: string } | undefined)?.reason)).toEqual(['MALFORMED_NUMBER']);
    const unplaced: Finding[] = [];
    tokenValue(classifyCell(`${UNPLACED}3 1`) as Exclude<ReturnType<typeof classifyCell>, 'text'>, 'applications.NEW_RECEIVED.TOTAL', null, null, unplaced);
    expect(unplaced.map((f) => (f.params as { reason?: string } | undefined)?.reason)).toEqual(['COLUMN_UNKNOWN']);
  });

  it('is never quoted to the reader: a finding quotes what was printed', () => {
    const tokens = [`${UNPLACED}723000075`, '12'].map((cell) => classifyCell(cell) as Exclude<ReturnType<typeof classifyCell>, 'text'>);
    expect(quoted(tokens)).toBe('723000075 12');
  });
});

describe('a number with thousands separators alone in its cell', () => {
  it('is one value ("4,529", "18,651.06"); groups not of three digits stay a misprint, never a number', () => {
    expect(classifyCell('4,529')).toEqual({ kind: 'num', raw: '4529' });
    expect(classifyCell('18,651.06')).toEqual({ kind: 'num', raw: '18651.06' });
    expect(classifyCell('1,234,567')).toEqual({ kind: 'num', raw: '1234567' });
    for (const misprint of ['1,23', '12,3456', '1,234,56', ',123']) expect(classifyCell(misprint)).toMatchObject({ kind: 'raw' });
  });
});
