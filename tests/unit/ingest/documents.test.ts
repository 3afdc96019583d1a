/**
 * PDF and Word files as agencies publish them, and `pdftotext -layout` of such PDFs: each fixture
 * (made from corpus reports, see tests/fixtures/documents/make-fixtures.ts) reads with every cell
 * right or, when blank, named by a finding; never a number that differs from the corpus's
 * hand-checked value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellPath, type InterchangeReport, type TableName } from '../../../src/format/index.js';
import { detectBinaryFormat, documentSource } from '../../../src/ingest/index.js';
import { fontsReadForTextOnly } from '../../../src/ingest/pdf/text-only.js';
import { readPdfText, withPdf } from '../../../src/ingest/pdf/runs.js';
import { readReport } from '../../../src/store/services/read-report.js';
import { buildPdf } from '../../support/pdf.js';

const dir = join(__dirname, '../../fixtures/documents');
const documents = readdirSync(dir).filter((f) => /\.(pdf|docx|layout\.txt)$/.test(f) && !f.startsWith('encrypted')).sort();
/**
 * Fixtures not read whole (every other one reads every cell right): at least `right` cells right,
 * the others blank and named by a finding. pdftotext -layout keeps no cell borders: 16's 表三 has
 * two columns blank in every row and no row printed full, and its header cells stand tens of
 * columns away from the numbers under them, so nothing tells which columns its numbers are in
 * (its PDF is read whole by the ruling lines).
 */
const READ_IN_PART: Record<string, { right: number }> = {
  '16_shanghai_govoffice_2019.libreoffice.layout.txt': { right: 135 },
};
const TABLES: TableName[] = ['proactiveDisclosure', 'applications', 'reviewsAndLitigation'];

type Table = Record<string, Record<string, number | null>>;

/** Cells that differ from the expected values: wrong numbers, and blanks no finding names. */
function compare(report: InterchangeReport, expected: Record<string, unknown>) {
  const wrong: string[] = [];
  const unflagged: string[] = [];
  const flagged: string[] = [];
  let right = 0;
  const flags = report.findings.filter((f) => f.severity !== 'INFO');
  for (const table of TABLES) {
    const want = expected[table] as Table | undefined;
    if (!want) continue;
    const got = report[table] as unknown as Table;
    for (const [row, cells] of Object.entries(want)) {
      for (const [column, value] of Object.entries(cells)) {
        const actual = got[row]?.[column] ?? null;
        if (actual === value) {
          right++;
          continue;
        }
        const path = cellPath(table, row, column);
        if (actual !== null) wrong.push(`${path}: printed ${value}, read ${actual}`);
        else if (!flags.some((f) => f.cells.includes(path) || f.message.includes(row))) unflagged.push(path);
        else flagged.push(path);
      }
    }
  }
  return { wrong, unflagged, flagged, right };
}

describe('PDF and .docx fixtures', () => {
  for (const file of documents) {
    it(`${file}: every cell right (or as READ_IN_PART says), no wrong number`, async () => {
      const expected = JSON.parse(readFileSync(join(dir, file.replace(/(\.(libreoffice|chromium))?(\.(fixed\d+|nopgbrk))?\.(pdf|docx|layout\.txt)$/, '.expected.json')), 'utf8'));
      const { interchange, kind } = await readReport({ content: new Uint8Array(readFileSync(join(dir, file))), fileName: file });
      expect(kind).toBe(file.endsWith('.docx') ? 'HTML' : 'TEXT');
      expect(interchange.formatVersion).toBe(expected.formatVersion);
      expect(interchange.year).toBe(expected.year);
      const { wrong, unflagged, flagged, right } = compare(interchange, expected);
      expect(wrong).toEqual([]);
      const part = READ_IN_PART[file];
      if (part) {
        expect(right).toBeGreaterThanOrEqual(part.right);
        expect(unflagged).toEqual([]);
      } else {
        expect(unflagged).toEqual([]);
        expect(flagged).toEqual([]);
      }
    });
  }
});

describe('reading a PDF inside the service process', () => {
  it('leaves the engine built-ins alone (the pdfjs legacy build polyfills push and JSON process-wide; the reader bounds pdfjs own streams, not the runtime DecompressionStream)', async () => {
    const before = [Array.prototype.push, JSON.parse, JSON.stringify, Function.prototype.toString];
    const decompression = globalThis.DecompressionStream;
    await readReport({ content: new Uint8Array(readFileSync(join(dir, '05_pingtan_2022.libreoffice.pdf'))), fileName: '05_2022.pdf' });
    expect([Array.prototype.push, JSON.parse, JSON.stringify, Function.prototype.toString]).toEqual(before);
    for (const builtIn of before) expect(Function.prototype.toString.call(builtIn)).toMatch(/native code/);
    expect(globalThis.DecompressionStream).toBe(decompression);
    // the setters that found pdfjs's classes (pdfjs-internals.ts) are gone once they did
    for (const trap of ['_rawMinBufferLength', '_xrefStms', 'type3Dependencies', 'charstrings']) expect(Object.hasOwn(Object.prototype, trap)).toBe(false);
    // LibreOffice embeds Type1 fonts: never compiled for drawing (text-only.ts)
    expect(fontsReadForTextOnly().type1).toBe(true);
  });
});

describe('text set in Type3 fonts (Chromium prints CJK so)', () => {
  it('reads from the fonts\' dictionaries, their glyph programs never run (a fifth of the CPU of a Chromium print)', async () => {
    // Chromium's print of a small page: a heading and 表四's five cells (tests/fixtures/ingest)
    const pdf = new Uint8Array(readFileSync(join(__dirname, '../../fixtures/ingest/type3-fonts.chromium.pdf')));
    expect(new TextDecoder('latin1').decode(pdf)).toContain('/Type3');
    const source = await documentSource(pdf, { fileName: 'type3.pdf' });
    expect(source.source).toContain('四、政府信息公开行政复议、行政诉讼情况');
    expect(source.source).toContain('| 3 | 1 | 0 | 2 | 6 |');
    expect(fontsReadForTextOnly().type3).toBe(true);
  });
});

describe('Chinese in a font left out of the PDF', () => {
  it('reads through the predefined CMap the font names (UniGB-UCS2-H), not as a PDF without text', async () => {
    const pdf = buildPdf([{ texts: [{ x: 72, y: 700, text: '中华人民共和国政府信息公开' }, { x: 72, y: 680, text: '2024' }] }]);
    const { runs } = await withPdf(pdf, '', (doc) => readPdfText(doc));
    expect(runs.map((r) => r.text)).toEqual(['中华人民共和国政府信息公开', '2024']);
  });
});

describe('formats detected by content, not by name', () => {
  const zipWith = (name: string) => {
    // a stored (uncompressed) one-entry ZIP: local header, data, central directory, end record
    const enc = new TextEncoder();
    const n = enc.encode(name);
    const local = new Uint8Array(30 + n.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const central = new Uint8Array(46 + n.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(28, n.length, true);
    central.set(n, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, 1, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length, true);
    return new Uint8Array([...local, ...central, ...end]);
  };

  it('PDF magic, also after a few junk bytes; .docx is a ZIP with word/document.xml; other ZIPs and OLE files are not', () => {
    expect(detectBinaryFormat(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(detectBinaryFormat(new TextEncoder().encode('\r\n  %PDF-1.4\n'))).toBe('pdf');
    expect(detectBinaryFormat(zipWith('word/document.xml'))).toBe('docx');
    expect(detectBinaryFormat(zipWith('xl/workbook.xml'))).toBe('zip');
    expect(detectBinaryFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('ole');
    expect(detectBinaryFormat(new TextEncoder().encode('<html>%PDF-</html>'.padStart(2000, ' ')))).toBeNull();
  });

  it('a ZIP that is not a Word file and an old .doc are refused with what to do', async () => {
    await expect(readReport({ content: zipWith('xl/workbook.xml'), fileName: 'x.docx' })).rejects.toMatchObject({ code: 'BINARY_INPUT', message: expect.stringMatching(/not a Word \.docx/) });
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readReport({ content: ole, fileName: 'x.doc' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/\.docx/) });
  });
});
