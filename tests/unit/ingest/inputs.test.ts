import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { english } from '../support/findings.js';
import { decodeSource, parseReport, ReportParseError } from '../../../src/ingest/index.js';

const fixtures = join(__dirname, '../../fixtures');
const shanting = readFileSync(join(fixtures, 'corpus/01_shanting_zaozhuang_2024.txt'), 'utf8');

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ReportParseError);
    return (e as ReportParseError).code;
  }
  return undefined;
}

describe('decoding', () => {
  it('GB18030 bytes (made once with iconv) decode and parse like the UTF-8 original', () => {
    const bytes = new Uint8Array(readFileSync(join(fixtures, 'gbk/01_shanting_zaozhuang_2024.gb18030.txt')));
    const { text, encoding } = decodeSource(bytes);
    expect(encoding).toBe('gb18030');
    expect(text).toBe(shanting);
    expect(parseReport(bytes)).toEqual(parseReport(shanting));
  });
  it('UTF-8 with a BOM', () => {
    const body = new TextEncoder().encode(shanting);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    expect(decodeSource(bytes)).toEqual({ text: shanting, encoding: 'utf-8' });
  });
  it('<meta charset=gbk> is honoured', () => {
    const gbk = new Uint8Array(readFileSync(join(fixtures, 'gbk/01_shanting_zaozhuang_2024.gb18030.txt')));
    const head = new TextEncoder().encode('<html><head><meta charset="gbk"></head><body><pre>');
    expect(decodeSource(new Uint8Array([...head, ...gbk])).encoding).toBe('gb18030');
  });
});

describe('refusals', () => {
  it('empty input', () => {
    expect(code(() => parseReport(new Uint8Array()))).toBe('EMPTY_INPUT');
    expect(code(() => parseReport('  \n\t '))).toBe('EMPTY_INPUT');
  });
  it('binary junk', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(code(() => parseReport(junk))).toBe('BINARY_INPUT');
    const noNul = new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x81, 0xff, 0xff, 0x80, 0x7f, 0xff]);
    expect(code(() => decodeSource(noNul))).toBe('BINARY_INPUT');
  });
  it('text with no report in it', () => {
    expect(code(() => parseReport('今天天气很好。我们去公园散步，看到了很多花。'))).toBe('NO_REPORT_FOUND');
    expect(code(() => parseReport('<html><body><div><p>首页</p><p>新闻</p><p>联系我们</p><table><tr><td>a</td></tr></table></div></body></html>'))).toBe('NO_REPORT_FOUND');
  });
});

describe('a deliberately broken cell', () => {
  it('is null with a finding that names the cell and quotes what was printed', () => {
    // 表三 予以公开 / 自然人 printed "30" in the original; make it unreadable.
    const broken = shanting.replace('\t（一）予以公开\n\t30\n', '\t（一）予以公开\n\t3O\n');
    expect(broken).not.toBe(shanting);
    const r = parseReport(broken);
    expect(r.applications.DISCLOSED.NATURAL_PERSON).toBeNull();
    expect(r.applications.DISCLOSED.TOTAL).toBe(30);
    const f = r.findings.find((x) => x.cells.includes('applications.DISCLOSED.NATURAL_PERSON'));
    expect(f?.rule).toBe('PARSE');
    expect(english(f!)).toContain('"3O"');
  });
  it('a blank cell is null, never 0', () => {
    const blanked = shanting.replace('\t（一）予以公开\n\t30\n', '\t（一）予以公开\n\t\n');
    const r = parseReport(blanked);
    expect(r.applications.DISCLOSED.NATURAL_PERSON).toBeNull();
  });
});

describe('glued digits', () => {
  it('02: splits chosen by R1–R4 reproduce the table, ambiguous 表二 cut is flagged', () => {
    const r = parseReport(readFileSync(join(fixtures, 'corpus/02_pingtan_2024.txt'), 'utf8'));
    expect(r.reviewsAndLitigation.LITIGATION_AFTER_REVIEW).toEqual({ UPHELD: 13, CORRECTED: 2, OTHER: 4, PENDING: 0, TOTAL: 19 });
    expect(r.findings.some((f) => f.rule === 'SPLIT' && f.cells.includes('proactiveDisclosure.NORMATIVE_DOCUMENTS.ISSUED'))).toBe(true);
  });
  it('08: 2019 表二 rows with a signed column are not guessed', () => {
    const r = parseReport(readFileSync(join(fixtures, 'corpus/08_pingtan_2019.txt'), 'utf8'));
    expect(r.proactiveDisclosure.ADMINISTRATIVE_LICENSING).toEqual({ PREVIOUS_YEAR_ITEMS: null, CHANGE: null, DECISIONS: null });
    expect(r.findings.some((f) => f.rule === 'SPLIT' && english(f).includes('3960181'))).toBe(true);
  });
});
