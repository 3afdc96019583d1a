/**
 * Word .docx → HTML: word/document.xml unpacked (src/ingest/zip.ts) and read with its real table
 * structure (src/ingest/word-xml.ts), so the file then reads through the HTML path like a published
 * page. Reading the XML ourselves, rather than through a converter, keeps what Word and WPS write
 * and converters drop: w:fldSimple results (formula cells), text boxes without a VML copy, hidden text.
 */
import { zipEntries } from './detect.js';
import { ReportParseError } from './errors.js';
import { wordXmlToHtml } from './word-xml.js';
import { unzipEntry } from './zip.js';

/** Uncompressed size of the parts read: a report's document.xml is well under 5 MB. */
export const MAX_DOCX_XML_BYTES = 40 * 1024 * 1024;
const MAIN_PART = 'word/document.xml';

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
  const main = entries.find((e) => e.name === MAIN_PART);
  if (!main) throw new ReportParseError('DAMAGED_DOCUMENT', `The Word file${where} has no ${MAIN_PART}: it is damaged or not a Word document.`);
  const document = await unzipEntry(bytes, main, MAX_DOCX_XML_BYTES, `The Word file${where}`);
  return `<html><body>${wordXmlToHtml(decodeXml(document), where)}</body></html>`;
}

/** XML is UTF-8 unless a byte-order mark says UTF-16 (the only encodings Word writes). */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
