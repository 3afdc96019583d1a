/**
 * Decompression bombs in every place pdfjs unpacks a stream: refused as TOO_LARGE with what and
 * why, never unpacked. Bounded work is asserted on memory, not time: each of these PDFs, read by
 * pdfjs unbounded, grew the process by 0.9–1.4 GB over 8–13 s; here the process's peak memory grows
 * by a fraction of that (by nothing when an earlier test already peaked higher).
 */
import { describe, expect, it } from 'vitest';
import { documentSource, type DocumentSource } from '../../../src/ingest/index.js';
import { pdfjsBounded } from '../../../src/ingest/pdf/bounds.js';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from '../../../src/ingest/pdf/runs.js';
import { readReport } from '../../../src/store/services/read-report.js';
import { lzwOf, objectStreamBomb, pdfWithContents, xrefStreamBomb, xrefStreamDeclaring, zlibOf } from '../../support/pdf-bombs.js';

const MB = 1024 * 1024;
const BOMB = 600 * MB;
const spaces = (count: number) => zlibOf([{ byte: 0x20, count }]);
const peakMemory = () => process.resourceUsage().maxRSS * 1024;

/** The refusal (code and message) of reading `pdf`, and how much the process's peak memory grew meanwhile. */
async function refusalOf(pdf: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<{ code: string; message: string; grown: number }> {
  const before = peakMemory();
  let read: DocumentSource | undefined;
  try {
    read = await documentSource(new Uint8Array(pdf), { fileName: 'bomb.pdf', pdfLimits: limits });
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message, grown: peakMemory() - before };
  }
  throw new Error(`read, not refused: ${String(read.source).slice(0, 100)}`);
}

describe('a PDF whose compressed streams unpack to far more than a report (decompression bombs)', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['an object stream (read synchronously, to its end)', () => objectStreamBomb(BOMB), /an object stream \(\/ObjStm, FlateDecode\) unpacks to more than 128 MB/],
    ['a cross-reference stream (read synchronously)', () => xrefStreamBomb(BOMB), /a cross-reference stream \(\/XRef, FlateDecode\) unpacks to more than 128 MB/],
    ['a page content in LZWDecode (pdfjs own decoder)', () => pdfWithContents('/LZWDecode', [lzwOf(BOMB)]), /a stream \(LZWDecode\) unpacks to more than 128 MB/],
    ['a page content in FlateDecode (unpacked at once)', () => pdfWithContents('/FlateDecode', [spaces(BOMB)]), /a stream \(FlateDecode\) unpacks to more than 128 MB/],
    ['a page content compressed twice (2 KB of PDF)', () => pdfWithContents('[/FlateDecode /FlateDecode]', [zlibOf([spaces(BOMB)])]), /a stream \(FlateDecode \+ FlateDecode\) unpacks to more than 128 MB/],
  ];
  for (const [what, build, reason] of cases) {
    it(`${what}: TOO_LARGE, saying which stream and why, without unpacking it`, async () => {
      const pdf = build();
      expect(pdf.length).toBeLessThan(700_000);
      const { code, message, grown } = await refusalOf(pdf);
      expect(code).toBe('TOO_LARGE');
      expect(message).toMatch(reason);
      expect(message).toMatch(/The PDF bomb\.pdf cannot be read: .*decompression bomb/);
      expect(grown).toBeLessThan(450 * MB);
      expect(pdfjsBounded()).toBe(true);
    }, 60_000);
  }

  it('many streams each within the bound per stream, together beyond the bound per document: TOO_LARGE', async () => {
    const limits = { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 16 * MB, maxDocumentBytes: 40 * MB };
    const pdf = pdfWithContents('/FlateDecode', Array.from({ length: 6 }, () => spaces(10 * MB)));
    const { code, message } = await refusalOf(pdf, limits);
    expect(code).toBe('TOO_LARGE');
    expect(message).toMatch(/its compressed streams together unpack to more than 40 MB \(the last one read: a stream \(FlateDecode\)\)/);
    await expect(documentSource(new Uint8Array(pdf), { pdfLimits: { ...limits, maxDocumentBytes: 100 * MB } })).rejects.toMatchObject({ code: 'NO_TEXT_LAYER' });
  }, 60_000);

  it('a cross-reference stream that declares millions of entries and holds no byte of them (/W [0 0 0], 300 bytes): TOO_LARGE before pdfjs builds them', async () => {
    const { code, message, grown } = await refusalOf(xrefStreamDeclaring(10_000_000));
    expect(code).toBe('TOO_LARGE');
    expect(message).toMatch(/its cross-reference streams declare 10000000 objects \(the limit is 1000000; the last one read: a cross-reference stream \(\/XRef\)\)/);
    expect(grown).toBeLessThan(200 * MB);
  });

  it('the same structures unpacked within the bounds are read (here: a page with no text)', async () => {
    for (const pdf of [objectStreamBomb(MB), xrefStreamBomb(MB), pdfWithContents('/LZWDecode', [lzwOf(MB)]), pdfWithContents('[/FlateDecode /FlateDecode]', [zlibOf([spaces(MB)])])]) {
      await expect(readReport({ content: new Uint8Array(pdf), fileName: 'blank.pdf' })).rejects.toMatchObject({ code: 'NO_TEXT_LAYER' });
    }
  });

  it('refuses only the document that holds the bomb, not one read at the same time', async () => {
    const bomb = refusalOf(objectStreamBomb(BOMB));
    const blank = documentSource(new Uint8Array(objectStreamBomb(MB)));
    await expect(blank).rejects.toMatchObject({ code: 'NO_TEXT_LAYER' });
    expect((await bomb).code).toBe('TOO_LARGE');
  }, 60_000);
});
