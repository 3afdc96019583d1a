/**
 * What a file is, by its content (never its name): a PDF starts with `%PDF-` (some producers put a
 * few bytes before it), a Word .docx is a ZIP holding word/document.xml.
 */
export type BinaryFormat = 'pdf' | 'docx' | 'zip' | 'ole';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** OLE compound file: old Word .doc, or any password-protected Office file. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The PDF reference lets readers accept the header within the first 1024 bytes. */
const PDF_HEADER_WINDOW = 1024;

function startsAt(bytes: Uint8Array, at: number, magic: number[]): boolean {
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

export function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let i = 0; i <= end; i++) if (bytes[i] === 0x25 && startsAt(bytes, i, PDF_MAGIC)) return true;
  return false;
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

/** The entries a ZIP's central directory declares (names, sizes, where their data is), or null when it has none. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (!(bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // end of central directory: signature PK\5\6, within the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) break;
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

export function detectBinaryFormat(bytes: Uint8Array): BinaryFormat | null {
  if (isPdf(bytes)) return 'pdf';
  if (startsAt(bytes, 0, OLE_MAGIC)) return 'ole';
  const entries = zipEntries(bytes);
  if (!entries) return null;
  return entries.some((e) => e.name === 'word/document.xml') ? 'docx' : 'zip';
}
