/**
 * Broken, hostile and odd PDFs and Word files: each gives a report or a refusal with a clear code,
 * never another exception, within bounded work; and no report carries a number that is not printed
 * in the text that was read from the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InterchangeReport } from '../../../src/format/index.js';
import { ImportRefused, readReport } from '../../../src/store/services/read-report.js';
import { buildPdf } from '../../support/pdf.js';
import { WORD_LAYOUTS } from '../../support/word-layouts.js';
import { docxOf, documentXml, wordReport } from '../../support/word-report.js';

const dir = join(__dirname, '../../fixtures/documents');
const fixture = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const KNOWN_CODES = ['NO_TEXT_LAYER', 'ENCRYPTED', 'DAMAGED_DOCUMENT', 'TOO_MANY_PAGES', 'TOO_LARGE', 'UNSUPPORTED_FORMAT', 'BINARY_INPUT', 'NO_REPORT_FOUND', 'NO_YEAR', 'EMPTY_INPUT', 'INVALID_INPUT', 'PRE_2019_FORMAT', 'UNDECODABLE'];

/** Every number of the report's tables, as printed digits. */
function numbers(report: InterchangeReport): string[] {
  const out: string[] = [];
  for (const table of [report.proactiveDisclosure, report.applications, report.reviewsAndLitigation]) {
    for (const row of Object.values(table ?? {})) for (const v of Object.values(row as Record<string, number | null>)) if (v !== null) out.push(String(v));
  }
  return out;
}

/** A report, or a refusal with a known code and a message; a report's numbers all appear in the text read. */
async function readsOrRefuses(content: Uint8Array, fileName: string): Promise<'report' | string> {
  try {
    const { interchange, text } = await readReport({ content, fileName, maxBytes: 50 * 1024 * 1024 });
    const digits = text.normalize('NFKC').replace(/[\s|,]/g, '');
    for (const n of numbers(interchange)) expect(digits, `${fileName}: ${n} is not printed`).toContain(n.replace(/\.0+$/, ''));
    return 'report';
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(ImportRefused);
    expect(KNOWN_CODES).toContain((error as ImportRefused).code);
    expect((error as Error).message.length).toBeGreaterThan(20);
    return (error as ImportRefused).code;
  }
}

/** A deterministic byte generator (no Math.random: a failure must replay). */
function* lcg(seed: number) {
  let s = seed >>> 0;
  for (;;) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield s;
  }
}

/** `rounds` copies of `bytes`, each with `count` bytes overwritten at seeded random places. */
function* flipped(bytes: Uint8Array, seed: number, rounds: number, count: number) {
  const random = lcg(seed);
  for (let round = 0; round < rounds; round++) {
    const broken = bytes.slice();
    for (let k = 0; k < count; k++) broken[random.next().value! % broken.length] = random.next().value! & 0xff;
    yield broken;
  }
}

describe('PDF fuzz', () => {
  const pdf = fixture('05_pingtan_2022.libreoffice.pdf');

  it('truncated anywhere: a report from what is left, or DAMAGED_DOCUMENT', async () => {
    const results = new Set<string>();
    for (const fraction of [0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) results.add(await readsOrRefuses(pdf.slice(0, Math.floor(pdf.length * fraction)), `cut_${fraction}_2022.pdf`));
    expect(results.has('DAMAGED_DOCUMENT') || results.has('NO_TEXT_LAYER')).toBe(true);
  }, 60_000);

  it('bytes flipped at random places: a report or a refusal, and no number that is not in the text read', async () => {
    let round = 0;
    for (const broken of flipped(pdf, 11, 8, 20)) await readsOrRefuses(broken, `flipped_${round++}_2022.pdf`);
  }, 120_000);

  it('password-protected: ENCRYPTED, saying what to do', async () => {
    await expect(readReport({ content: fixture('encrypted.pdf'), fileName: 'e.pdf' })).rejects.toMatchObject({ code: 'ENCRYPTED', message: expect.stringMatching(/password/) });
  });

  it('a scan (pages with drawings, no text): NO_TEXT_LAYER with a plain message', async () => {
    const scan = buildPdf([{ drawing: '0 0 m 500 700 l S 10 10 200 300 re f' }, { drawing: '1 w 5 5 m 100 100 l S' }]);
    await expect(readReport({ content: scan, fileName: 'scan.pdf' })).rejects.toMatchObject({ code: 'NO_TEXT_LAYER', message: expect.stringMatching(/OCR/) });
  });

  it('more pages than a report has: TOO_MANY_PAGES before the pages are read; a page tree that lies about its count is no exception', async () => {
    const many = buildPdf(Array.from({ length: 250 }, () => ({ texts: [{ x: 72, y: 700, text: 'x' }] })));
    await expect(readReport({ content: many, fileName: 'many.pdf' })).rejects.toMatchObject({ code: 'TOO_MANY_PAGES', message: expect.stringMatching(/250 pages; the limit is 200/) });
    const lying = buildPdf([{ texts: [{ x: 72, y: 700, text: 'page one' }] }], { claimedPageCount: 1_000_000 });
    expect(KNOWN_CODES).toContain(await readsOrRefuses(lying, 'lying.pdf'));
  });

  it('a text PDF that is not a report: NO_REPORT_FOUND; garbage after the magic: DAMAGED_DOCUMENT', async () => {
    const letter = buildPdf([{ texts: [{ x: 72, y: 700, text: 'Dear reader, this letter of 2024 has 12 lines and no tables at all.' }] }]);
    expect(await readsOrRefuses(letter, 'letter.pdf')).toBe('NO_REPORT_FOUND');
    const random = lcg(5);
    const junk = new Uint8Array(4096).map(() => random.next().value! & 0xff);
    junk.set(new TextEncoder().encode('%PDF-1.7\n'));
    expect(await readsOrRefuses(junk, 'junk.pdf')).toBe('DAMAGED_DOCUMENT');
  });

  it('many pages of text: read within the page limit', async () => {
    const pages = Array.from({ length: 150 }, (_, i) => ({ texts: [{ x: 72, y: 700, text: `line ${i} of a long annex` }] }));
    expect(await readsOrRefuses(buildPdf(pages), 'annex.pdf')).toBe('NO_REPORT_FOUND');
  }, 60_000);
});

describe('.docx fuzz', () => {
  const docx = fixture('28_pingtan_2023_site.libreoffice.docx');

  it('truncated: DAMAGED_DOCUMENT (or a report from an intact directory), never an exception', async () => {
    for (const fraction of [0.05, 0.3, 0.6, 0.95, 0.999]) await readsOrRefuses(docx.slice(0, Math.floor(docx.length * fraction)), `cut_${fraction}_2023.docx`);
  }, 60_000);

  it('bytes flipped: a report or a refusal, no number that is not in the text read', async () => {
    let round = 0;
    for (const broken of flipped(docx, 7, 8, 10)) await readsOrRefuses(broken, `flipped_${round++}_2023.docx`);
  }, 60_000);

  it('document.xml cut short or with characters changed, in a sound ZIP (Word layouts with merges, fields, text boxes): a report or a refusal, no number not printed', async () => {
    const expected = JSON.parse(readFileSync(join(__dirname, '../../fixtures/corpus/02_pingtan_2024.expected.json'), 'utf8'));
    const random = lcg(3);
    for (const [what, layout] of WORD_LAYOUTS.filter(([name]) => /hMerge|fields|text box|content controls/.test(name))) {
      const xml = documentXml(wordReport(expected, layout).body);
      for (const fraction of [0.2, 0.45, 0.6, 0.75, 0.9]) await readsOrRefuses(docxOf('', xml.slice(0, Math.floor(xml.length * fraction))), `cut_${fraction}_${what}_2024.docx`);
      for (let round = 0; round < 4; round++) {
        const chars = [...xml];
        for (let k = 0; k < 30; k++) chars[random.next().value! % chars.length] = '<>/"=w:t 0123456789'[random.next().value! % 19];
        await readsOrRefuses(docxOf('', chars.join('')), `changed_${round}_${what}_2024.docx`);
      }
    }
  }, 60_000);

  it('a document.xml declared far larger than a report (a ZIP bomb): TOO_LARGE before unpacking', async () => {
    const bomb = docx.slice();
    const view = new DataView(bomb.buffer);
    // raise every central-directory entry's uncompressed size
    for (let i = 0; i + 46 < bomb.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0x7fffffff, true);
    await expect(readReport({ content: bomb, fileName: 'bomb.docx' })).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});
