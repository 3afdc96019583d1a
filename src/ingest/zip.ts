/**
 * One entry of a ZIP (a Word file's document.xml), unpacked with the platform's inflate
 * (DecompressionStream: Node and browsers alike). Its size is bounded while it unpacks, whatever the
 * directory declares, and its CRC-32 is checked: damaged bytes are refused, never read as other text
 * (a flipped bit inside a number would otherwise print a number the file does not hold).
 */
import { concatBytes } from './bytes.js';
import type { ZipEntry } from './detect.js';
import { ReportParseError } from './errors.js';

const LOCAL_HEADER = 0x04034b50;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function inflate(data: Uint8Array, maxBytes: number, damaged: (why: string) => Error, tooLarge: () => Error): Promise<Uint8Array> {
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ReportParseError) throw error;
    throw damaged(`its compressed data is broken: ${(error as Error).message}`);
  }
  return concatBytes(chunks);
}

/** The entry's bytes; `what` names the file in messages ("The Word file x.docx"). */
export async function unzipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number, what: string): Promise<Uint8Array> {
  const damaged = (why: string) => new ReportParseError('DAMAGED_DOCUMENT', `${what} cannot be read: ${entry.name} ${why}. It may be truncated or damaged: download it again.`);
  const tooLarge = () => new ReportParseError('TOO_LARGE', `${what} unpacks ${entry.name} to more than ${maxBytes} bytes. An annual report is far smaller: this is not one.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw damaged('has no local header where the directory says');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged('is cut short');
  const data = bytes.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) out = await inflate(data, maxBytes, damaged, tooLarge);
  else throw damaged(`is packed with method ${entry.method}, which Word does not use`);
  if (out.length > maxBytes) throw tooLarge();
  if (out.length !== entry.uncompressedSize || crc32(out) !== entry.crc32) throw damaged('does not match its checksum');
  return out;
}
