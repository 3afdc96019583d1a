/**
 * Tables as PDF-to-Markdown converters leave them: labels torn into pieces set between the rows, a row
 * printed with fewer cells than its table has, notes inside a table's header. Made from the 01 report as
 * Markdown pipe tables (tests/fixtures/ingest/01_markdown.md); every value kept is one the text printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/ingest/index.js';

const source = readFileSync(join(__dirname, '../../fixtures/ingest/01_markdown.md'), 'utf8');
const expected = JSON.parse(readFileSync(join(__dirname, '../../fixtures/corpus/01_shanting_zaozhuang_2024.expected.json'), 'utf8'));
const ROW = (label: string) => new RegExp(`^\\| （六）其他处理 \\|  \\| ${label}[^|]* \\| (.*) \\|$`, 'm');

function parse(edit: (s: string) => string) {
  const text = edit(source);
  expect(text).not.toBe(source);
  const r = parseReport(text, { fileName: '01.md' });
  return { r, lost: r.findings.filter((f) => f.severity !== 'INFO' && f.rule === 'PARSE') };
}

/** 01's (六) rows, with the 1. and 2. rows given values of their own so a misplaced row shows. */
const withValues = (s: string) =>
  s.replace(ROW('1\\.申请人无正当理由'), (row) => row.replace(/\| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|$/, '| 3 | 0 | 0 | 0 | 1 | 0 | 4 |')).replace(ROW('2\\.申请人逾期'), (row) => row.replace(/\| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|$/, '| 2 | 0 | 0 | 0 | 0 | 0 | 2 |'));

describe('labels torn into pieces between the rows', () => {
  const torn = (s: string) =>
    withValues(s)
      .replace(ROW('1\\.申请人无正当理由'), (_, values: string) => `1.申请人无正当理由逾期不补正、\n开申请\n| 行政机关不再处理其政府信息公 | ${values} |`)
      .replace(ROW('2\\.申请人逾期'), (_, values: string) => `（六）其\n2.申请人逾期未按收费通知要求\n他处理\n府信息公开申请\n| 缴纳费用、 | 行政机关不再处理其政 | ${values} |`);

  it('a row after a piece of its label goes to the row, in catalog order, whose label holds that piece', () => {
    const { r, lost } = parse(torn);
    expect(r.applications.OTHER_NO_CORRECTION).toMatchObject({ NATURAL_PERSON: 3, LEGAL_SERVICE_INSTITUTION: 1, TOTAL: 4 });
    expect(r.applications.OTHER_FEE_UNPAID).toMatchObject({ NATURAL_PERSON: 2, TOTAL: 2 });
    expect(r.applications.OTHER_HANDLING).toEqual(expected.applications.OTHER_HANDLING);
    expect(lost).toEqual([]);
  });

  it('a piece no free row’s label holds places nothing: the rows stay blank and are named', () => {
    const { r, lost } = parse((s) => torn(s).replace('| 缴纳费用、 | 行政机关不再处理其政 |', '| 要求行政机关确认或重新出具 |'));
    expect(r.applications.OTHER_FEE_UNPAID.NATURAL_PERSON).toBeNull();
    expect(r.applications.OTHER_NO_CORRECTION.NATURAL_PERSON).toBeNull();
    expect(lost.map((f) => f.code)).toContain('APPLICATIONS_UNLABELLED_ROWS');
    expect(lost.flatMap((f) => f.cells)).toEqual(expect.arrayContaining(['applications.OTHER_FEE_UNPAID.NATURAL_PERSON', 'applications.OTHER_NO_CORRECTION.TOTAL']));
  });
});

describe('a row printed with fewer cells than its table has', () => {
  it('is blank and named, never cut as glued digits (| 规章 | 22 | 235 | under three headers is not 22|2|35)', () => {
    const { r, lost } = parse((s) => s.replace('| 规章 | 0 | 0 | 0 |', '| 规章 | 22 | 235 |'));
    expect(r.proactiveDisclosure.REGULATIONS).toEqual({ ISSUED: null, REPEALED: null, IN_FORCE: null });
    expect(lost).toMatchObject([{ code: 'DISCLOSURE_ROW_SHORT', params: { item: 'REGULATIONS', found: 2, columns: 3, printed: '22 235' } }]);
  });

  it('one cell holding the digits of all three is still cut where the rules decide', () => {
    const { r } = parse((s) => s.replace('| 规章 | 0 | 0 | 0 |', '| 规章 | 000 |'));
    expect(r.proactiveDisclosure.REGULATIONS).toEqual({ ISSUED: 0, REPEALED: 0, IN_FORCE: 0 });
  });
});

describe('表四 with its header as lines of text', () => {
  it('a note inside the header ("注：…") does not end the table: all 15 values on one line are read', () => {
    const { r, lost } = parse((s) =>
      s.replace(/## 四、政府信息公开行政复议、行政诉讼情况\n[\s\S]*?(\| 0 \| 0 \| 4 \| 0 \| 4 \|[^\n]*)/, (_, values: string) =>
        ['## 四、政府信息公开行政复议、行政诉讼情况', '行政复议行政诉讼', '未经复议直接起诉复议后起诉', '结果结果其他尚未总计', '维持纠正结果审结', '注：行政复议、行政诉讼数量含上年度结转数量。', values].join('\n'),
      ),
    );
    expect(r.reviewsAndLitigation).toEqual(expected.reviewsAndLitigation);
    expect(lost).toEqual([]);
  });
});

describe('a row whose label is printed on the lines above its values', () => {
  it('the empty label cell before the values is no value (a Word table row under its wrapped label)', () => {
    const { r, lost } = parse((s) =>
      s.replace(/^\| 三、本年度办理结果 \|  \| （二）部分公开（区分处理的，只计这一情形，不计其他情形） \| .* \|$/m, '（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n|  | 5 | 0 | 0 | 0 | 0 | 0 | 5 |'),
    );
    expect(r.applications.PARTIALLY_DISCLOSED).toEqual({ ...expected.applications.PARTIALLY_DISCLOSED, NATURAL_PERSON: 5, TOTAL: 5 });
    expect(lost).toEqual([]);
  });
});

describe('values beyond a row\'s columns', () => {
  it('beside a blank cell of the row, they are in no known cell: blank and named, never dropped unsaid', () => {
    const { r, lost } = parse((s) => s.replace(/^\| 行政事业性收费 \| [^|]+ \|$/m, '| 行政事业性收费 |  | 12.5 |  |'));
    expect(r.proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT).toBeNull();
    expect(lost).toMatchObject([{ code: 'DISCLOSURE_ROW_SHORT', params: { item: 'ADMINISTRATIVE_FEES', printed: '12.5' }, cells: ['proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT'] }]);
  });
});
