/**
 * Word .docx → HTML with mammoth, which keeps the table structure (w:gridSpan → colspan, w:vMerge →
 * rowspan), so the file then reads through the HTML path like a published page.
 */
import { ReportParseError } from './errors.js';
import { zipEntries } from './detect.js';

/** Uncompressed size of the parts mammoth reads: a report's document.xml is well under 5 MB. */
export const MAX_DOCX_XML_BYTES = 40 * 1024 * 1024;

type Mammoth = typeof import('mammoth');
let mammoth: Promise<Mammoth> | null = null;
const loadMammoth = () => (mammoth ??= import('mammoth').then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth));

export async function docxToHtml(bytes: Uint8Array, where = ''): Promise<string> {
  const entries = zipEntries(bytes) ?? [];
  if (!entries.length) throw new ReportParseError('DAMAGED_DOCUMENT', `The Word file${where} has no readable ZIP directory: it is truncated or damaged. Download it again.`);
  const xml = entries.filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'));
  const declared = xml.reduce((n, e) => n + e.uncompressedSize, 0);
  if (declared > MAX_DOCX_XML_BYTES) {
    throw new ReportParseError('TOO_LARGE', `The Word file${where} unpacks to ${declared} bytes of XML; the limit is ${MAX_DOCX_XML_BYTES}. An annual report is far smaller: this is not one, or it embeds whole other documents.`);
  }
  if (entries.some((e) => e.name === 'EncryptedPackage' || e.name.endsWith('EncryptionInfo'))) {
    throw new ReportParseError('ENCRYPTED', `The Word file${where} is password-protected: save an unprotected copy and import that.`);
  }
  const { convertToHtml } = await loadMammoth();
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    // mammoth's Node build reads `buffer` (JSZip takes a Uint8Array), its browser build `arrayBuffer`.
    const input = { buffer: bytes, arrayBuffer } as unknown as Parameters<Mammoth['convertToHtml']>[0];
    const result = await convertToHtml(input, { ignoreEmptyParagraphs: true });
    return `<html><body>${result.value}</body></html>`;
  } catch (error) {
    throw new ReportParseError('DAMAGED_DOCUMENT', `The Word file${where} cannot be read (${(error as Error).message}). It may be truncated or damaged: download it again.`);
  }
}
