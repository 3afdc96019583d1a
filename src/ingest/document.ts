/**
 * Any file a user has: PDF and Word are turned into the text or HTML the parser reads (detected by
 * content, not by name); everything else is decoded as text. Asynchronous because the PDF and
 * Word readers are.
 */
import { detectBinaryFormat, type BinaryFormat } from './detect.js';
import { docxToHtml } from './docx.js';
import { ReportParseError } from './errors.js';
import { UNPLACED } from './cells.js';
import { layoutTables, layoutText } from './pdf/layout.js';
import { readRules } from './pdf/rules.js';
import { DEFAULT_PDF_LIMITS, readPdfText, withPdf, type PdfDocument, type PdfLimits } from './pdf/runs.js';
import type { SourceKind } from './prepare.js';

export interface DocumentSource {
  /** What the parser reads: the PDF's rebuilt text, the Word file's HTML, or the bytes as given. */
  source: Uint8Array | string;
  kind: SourceKind | null;
  format: BinaryFormat | null;
}

const UNPLACED_CELL = new RegExp(`\\| ${UNPLACED}`);

/** Fewer printed characters than this over the whole PDF: a scan, or pictures of text. */
const MIN_TEXT_CHARS = 40;

export async function documentSource(bytes: Uint8Array, options: { fileName?: string; pdfLimits?: PdfLimits } = {}): Promise<DocumentSource> {
  const where = options.fileName ? ` ${options.fileName}` : '';
  const format = detectBinaryFormat(bytes);
  if (format === 'pdf') {
    const limits = options.pdfLimits ?? DEFAULT_PDF_LIMITS;
    return { source: await withPdf(bytes, where, (doc) => pdfText(doc, where, limits), limits), kind: 'text', format };
  }
  if (format === 'docx') return { source: await docxToHtml(bytes, where), kind: 'html', format };
  if (format === 'ole') {
    throw new ReportParseError('UNSUPPORTED_FORMAT', `The file${where} is an old Word .doc (or a password-protected Office file): save it as .docx (unprotected) or PDF and import that.`);
  }
  if (format === 'zip') {
    throw new ReportParseError('BINARY_INPUT', `The file${where} is a ZIP archive but not a Word .docx (no word/document.xml): unpack it and import the reports inside.`);
  }
  return { source: bytes, kind: null, format: null };
}

/** The PDF's text with its tables rebuilt; the ruling lines are read (from the same document) only when the text cannot place a value. */
async function pdfText(doc: PdfDocument, where: string, limits: PdfLimits): Promise<string> {
  const { runs, pages } = await readPdfText(doc, where, limits);
  const printed = runs.reduce((n, r) => n + r.text.replace(/\s/g, '').length, 0);
  if (printed < MIN_TEXT_CHARS) {
    throw new ReportParseError('NO_TEXT_LAYER', `The PDF${where} has no text layer (${pages.length} page${pages.length === 1 ? '' : 's'}, ${printed} characters of text): it is a scan or pictures of pages. Run OCR on it first and import the text.`);
  }
  const { text, shortRowPages } = layoutTables(runs, pages);
  // Values the text alone cannot place in their columns: the cell borders, where drawn, can (the
  // borders of pages with no row short of values would place nothing: their drawing is not read).
  if (!UNPLACED_CELL.test(text)) return text;
  const rules = await readRules(doc, pages, shortRowPages, limits.maxMillis);
  return rules.length ? layoutText(runs, pages, rules) : text;
}
