/**
 * A PDF's text layer as positioned runs, read with pdfjs-dist (no worker thread, no external
 * binary). Coordinates are turned top-down and stacked page after page, so a table that crosses a
 * page break is one sequence of rows.
 */
import { ReportParseError } from '../errors.js';
import { isOwnNfkc } from '../printed.js';
import { boundPdfjs, closeLedger, DEFAULT_UNPACK_LIMITS, openLedger, type UnpackLimits } from './bounds.js';
import { nodeBuiltin } from './node-builtins.js';
import { readFontsForTextOnly } from './text-only.js';

export interface TextRun {
  text: string;
  /** Left edge and width, in PDF points. */
  x: number;
  width: number;
  /** Baseline, top-down, pages stacked (page n starts at the sum of the heights before it). */
  y: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
  page: number;
}

export interface PageBox {
  top: number;
  height: number;
}

export interface PdfText {
  runs: TextRun[];
  pages: PageBox[];
}

export interface PdfLimits extends UnpackLimits {
  maxPages: number;
  /** Text runs over the whole document: a report has a few thousand. */
  maxRuns: number;
  /** Wall-clock budget for reading the text layer. */
  maxMillis: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 200, maxRuns: 200_000, maxMillis: 20_000, ...DEFAULT_UNPACK_LIMITS };

/** Radicals that PDF fonts map common simplified characters to and that NFKC leaves alone. */
const RADICALS: Record<string, string> = {
  '⺠': '民', '⻅': '见', '⻛': '风', '⻓': '长', '⻔': '门', '⻆': '角', '⻉': '贝', '⻋': '车', '⻢': '马', '⻚': '页',
  '⻜': '飞', '⻦': '鸟', '⻥': '鱼', '⻄': '西', '⻩': '黄', '⻬': '齐', '⻮': '齿', '⻘': '青', '⻣': '骨', '⻨': '麦',
  '⻰': '龙', '⻤': '鬼', '⻧': '卤', '⻙': '韦', '⻑': '長', '⻝': '食', '⻊': '足',
};
const RADICAL_RE = /[\u2e80-\u2eff]/g;

/**
 * Full-width punctuation the report prints (，（一）：；): kept, so section text reads as published;
 * the parser matches labels on its own NFKC copy. Everything else NFKC turns into what it prints.
 */
const PRINTED_PUNCTUATION = /[，（）：；！？]/;

/**
 * Kangxi radicals and compatibility ideographs become the ideographs they print (NFKC), plus the
 * radicals NFKC keeps; full-width digits and letters become ASCII (geometry reads values by them).
 */
export function normalizeRunText(text: string): string {
  if (ownNormalForm(text)) return text;
  const normal = PRINTED_PUNCTUATION.test(text)
    ? text.split(PRINTED_PUNCTUATION_SPLIT).map((piece) => (PRINTED_PUNCTUATION.test(piece) ? piece : piece.normalize('NFKC'))).join('')
    : text.normalize('NFKC');
  return normal.replace(RADICAL_RE, (ch) => RADICALS[ch] ?? ch);
}
const PRINTED_PUNCTUATION_SPLIT = /([，（）：；！？])/;

/** Text of ASCII and CJK ideographs only: what most runs are, and their own normal form. */
function ownNormalForm(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isOwnNfkc(text.charCodeAt(i))) return false;
  return true;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/**
 * Built-ins the legacy build's core-js polyfills replace process-wide with slower JavaScript
 * (Array.prototype.push, JSON.parse/stringify, Function.prototype.toString: every request of the
 * service would pay for them). The engine's own are put back once pdfjs is loaded; what the build
 * only adds (Promise.withResolvers, Set methods …) stays.
 */
const NATIVE_BUILT_INS: [object, string][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

async function importKeepingBuiltIns(): Promise<PdfJs> {
  const saved = NATIVE_BUILT_INS.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)!] as const);
  try {
    // The "fake worker" (same thread) loads the worker module on first use: load it here, inside
    // the guard, and hand it over the way pdfjs looks for it.
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    boundPdfjs();
    readFontsForTextOnly();
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    for (const [owner, key, descriptor] of saved) Object.defineProperty(owner, key, descriptor);
  }
}

export const loadPdfJs = () => (pdfjs ??= importKeepingBuiltIns());

function refusal(error: unknown, where: string): ReportParseError {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (name === 'PasswordException') {
    return new ReportParseError('ENCRYPTED', `The PDF${where} is password-protected: its text cannot be read without the password. Save an unprotected copy and import that.`);
  }
  return new ReportParseError('DAMAGED_DOCUMENT', `The PDF${where} cannot be read (${name || 'error'}: ${message}). It may be truncated or damaged: download it again.`);
}

/**
 * The predefined CJK CMaps pdfjs-dist ships (UniGB-UCS2-H, GBK-EUC-H …): text in a font that is not
 * embedded and names one (宋体 left out of a PDF made by Word or Acrobat) has no characters without
 * them. pdfjs reads one from the package only when a PDF names it (in Node, from disk; a browser
 * build would give their URL). The standard fonts' data stays unread (their metrics and encodings
 * are built in: enough for text).
 */
const CMAP_URL = nodeBuiltin<typeof import('node:module')>('node:module')
  ?.createRequire(import.meta.url)
  .resolve('pdfjs-dist/package.json')
  .replace(/package\.json$/, 'cmaps/');

/**
 * Reading options: no fonts handed to a renderer, no eval, every readable page read (a damaged object
 * is skipped), no image decoded (text and ruling lines need none, and the image decoders allocate
 * what the image's header says: bounds.ts).
 */
const DOCUMENT_OPTIONS = { maxImageSize: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0, cMapUrl: CMAP_URL, cMapPacked: true } as const;

export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/**
 * Opens the PDF once for all its readers (text, then ruling lines if needed): pdfjs translates each
 * embedded font once per document, the largest part of the reading's CPU, so a second opening
 * would pay for every font again. The document is freed however `read` ends. Refused as TOO_LARGE
 * when it unpacks to more than `limits` allow, whatever pdfjs made of the stream cut (bounds.ts).
 */
export async function withPdf<T>(bytes: Uint8Array, where: string, read: (doc: PdfDocument) => Promise<T>, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): Promise<T> {
  const { getDocument } = await loadPdfJs();
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: bytes.slice(), ...DOCUMENT_OPTIONS });
  const ledger = openLedger(task.docId, limits);
  const tooLarge = () => new ReportParseError('TOO_LARGE', `The PDF${where} cannot be read: ${ledger.refusal}. That is far more than an annual report holds (a decompression bomb?).`);
  let result: T;
  try {
    result = await readDocument(task, where, read);
  } catch (error) {
    throw ledger.refusal ? tooLarge() : error;
  } finally {
    closeLedger(task.docId);
  }
  if (ledger.refusal) throw tooLarge();
  return result;
}

async function readDocument<T>(task: ReturnType<PdfJs['getDocument']>, where: string, read: (doc: PdfDocument) => Promise<T>): Promise<T> {
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw refusal(error, where);
  }
  try {
    return await read(doc);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

export async function readPdfText(doc: PdfDocument, where = '', limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PdfText> {
  const started = performance.now();
  if (doc.numPages > limits.maxPages) {
    throw new ReportParseError('TOO_MANY_PAGES', `The PDF${where} has ${doc.numPages} pages; the limit is ${limits.maxPages}. An annual report has a few dozen at most: send the report alone.`);
  }
  const runs: TextRun[] = [];
  const pages: PageBox[] = [];
  let top = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    if (performance.now() - started > limits.maxMillis) {
      throw new ReportParseError('TOO_LARGE', `Reading the text of the PDF${where} took more than ${limits.maxMillis / 1000} s (stopped at page ${n} of ${doc.numPages}).`);
    }
    let content;
    let height;
    try {
      const page = await doc.getPage(n);
      height = page.view[3] - page.view[1];
      const bottom = page.view[1];
      content = await page.getTextContent({ disableNormalization: true });
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
        runs.push({ text: normalizeRunText(item.str), x: e, width: item.width, y: top + height - (f - bottom), size, page: n - 1 });
      }
      page.cleanup();
    } catch (error) {
      if (error instanceof ReportParseError) throw error;
      throw refusal(error, `${where} (page ${n})`);
    }
    if (runs.length > limits.maxRuns) {
      throw new ReportParseError('TOO_LARGE', `The PDF${where} has more than ${limits.maxRuns} pieces of text: far more than an annual report.`);
    }
    pages.push({ top, height });
    top += height;
  }
  return { runs, pages };
}
