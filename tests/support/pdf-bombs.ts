/**
 * PDFs of a few hundred KB whose compressed streams unpack to hundreds of MB, built without ever
 * holding what they unpack to: an object stream, a cross-reference stream, a page content in
 * LZWDecode, a stream compressed twice, a page of many content streams.
 */
import { constants, deflateRawSync } from 'node:zlib';

/** Literal bytes, or `count` copies of one byte. */
export type Piece = Uint8Array | string | { byte: number; count: number };

const MB = 1024 * 1024;
const bytesOf = (piece: Uint8Array | string) => (typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece);

/** zlib's checksum of the pieces, a run of one byte in closed form (so a run of a GB costs nothing). */
function adler32(pieces: Piece[]): number {
  const M = 65521n;
  let a = 1n;
  let b = 0n;
  for (const piece of pieces) {
    if (typeof piece === 'object' && 'count' in piece) {
      const n = BigInt(piece.count);
      const v = BigInt(piece.byte);
      b = (b + n * a + (v * n * (n + 1n)) / 2n) % M;
      a = (a + n * v) % M;
    } else {
      for (const byte of bytesOf(piece)) {
        a = (a + BigInt(byte)) % M;
        b = (b + a) % M;
      }
    }
  }
  return Number((b << 16n) | a);
}

/**
 * zlib data (FlateDecode) that unpacks to the pieces in order. Each piece ends with a full flush,
 * which makes what follows independent of it: a MB of a run is compressed once and repeated.
 */
export function zlibOf(pieces: Piece[]): Buffer {
  const flushed = (data: Uint8Array) => deflateRawSync(data, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  for (const piece of pieces) {
    if (typeof piece === 'object' && 'count' in piece) {
      const megabyte = flushed(Buffer.alloc(MB, piece.byte));
      for (let i = 0; i < Math.floor(piece.count / MB); i++) parts.push(megabyte);
      if (piece.count % MB) parts.push(flushed(Buffer.alloc(piece.count % MB, piece.byte)));
    } else {
      parts.push(flushed(bytesOf(piece)));
    }
  }
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(adler32(pieces) >>> 0);
  parts.push(Buffer.from([0x03, 0x00]), checksum); // an empty final block, then the checksum
  return Buffer.concat(parts);
}

/**
 * LZWDecode data (EarlyChange 1) that unpacks to at least `count` spaces: each code adds one byte
 * to the previous string until the table is full, then its longest string (3,839 bytes) is sent
 * again and again, 12 bits each.
 */
export function lzwOf(count: number): Buffer {
  const out: number[] = [];
  let bits = 0;
  let pending = 0;
  let codeLength = 9;
  let nextCode = 258;
  let first = true;
  const emit = (code: number) => {
    pending = (pending << codeLength) | code;
    bits += codeLength;
    while (bits >= 8) {
      bits -= 8;
      out.push((pending >>> bits) & 0xff);
    }
    pending &= (1 << bits) - 1;
    if (first) return void (first = false);
    // the decoder's own rule (pdfjs LZWStream): a code longer once the table reaches a power of two
    nextCode++;
    const size = nextCode + 1;
    if ((size & (size - 1)) === 0) codeLength = Math.min(Math.log2(size) + 1, 12);
  };
  emit(0x20);
  let unpacked = 1;
  let longest = 1;
  while (nextCode < 4096 && unpacked < count) {
    emit(nextCode);
    unpacked += ++longest;
  }
  while (unpacked < count) {
    emit(4095);
    unpacked += longest;
  }
  emit(257);
  if (bits) out.push((pending << (8 - bits)) & 0xff);
  return Buffer.from(out);
}

/** A PDF of the given objects (numbered from 1) with a cross-reference table. */
export function pdfOf(objects: (string | Buffer)[], trailer: string): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const piece = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n')]);
    parts.push(piece);
    length += piece.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A stream object: its dictionary entries (without /Length) and data. */
export const streamObject = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

const PAGE_TREE = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];
const page = (contents: string) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contents} >>`;

/** One page whose content stream (objects 4 …) has the given filter and data. */
export const pdfWithContents = (filter: string, streams: Buffer[]) =>
  pdfOf([...PAGE_TREE, page(`[${streams.map((_, i) => `${i + 4} 0 R`).join(' ')}]`), ...streams.map((data) => streamObject(`/Filter ${filter}`, data))], '/Root 1 0 R');

/**
 * Catalog, page tree and page in an object stream that unpacks to `count` bytes: pdfjs reads its
 * last object to the end of the stream, padding and all. The cross-reference stream that points
 * into it is stored uncompressed.
 */
export function objectStreamBomb(count: number): Buffer {
  const objects = [PAGE_TREE[0], PAGE_TREE[1], '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  const offsets = objects.map((_, i) => objects.slice(0, i).reduce((n, body) => n + body.length + 1, 0));
  const header = offsets.map((offset, i) => `${i + 1} ${offset}`).join(' ') + '\n';
  const content = objects.join('\n') + '\n';
  const objStm = streamObject(`/Type /ObjStm /N 3 /First ${header.length} /Filter /FlateDecode`, zlibOf([header, content, { byte: 0x20, count: count - header.length - content.length }]));
  return withXrefStream(objStm, 4, [[2, 4, 0], [2, 4, 1], [2, 4, 2]], '');
}

/** The page tree as numbered objects, their offsets, and where a cross-reference section would start. */
function pageTreeBody(): { body: Buffer; offsets: number[] } {
  const objects = pdfOf([...PAGE_TREE, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'], '/Root 1 0 R');
  const body = objects.subarray(0, objects.indexOf('xref\n'));
  return { body, offsets: [...body.toString('latin1').matchAll(/(\d+) 0 obj\n/g)].map((m) => m.index) };
}

/** The page tree with `xref` (a stream object's bytes) as its only cross-reference section. */
function withXref(xref: Buffer): Buffer {
  const { body, offsets } = pageTreeBody();
  return Buffer.concat([body, Buffer.from(`${offsets.length + 1} 0 obj\n`), xref, Buffer.from(`\nendobj\nstartxref\n${body.length}\n%%EOF\n`)]);
}

/**
 * A cross-reference stream (FlateDecode) of the page tree's four entries that unpacks to `count`
 * bytes: each offset field is count/4 bytes wide (pdfjs reads every byte, keeping the last four).
 */
export function xrefStreamBomb(count: number): Buffer {
  const { offsets } = pageTreeBody();
  const width = Math.floor(count / 4) - 1;
  const entries = [0, ...offsets].flatMap((offset, i): Piece[] => {
    const field = Buffer.alloc(4);
    field.writeUInt32BE(offset);
    return [Buffer.from([i ? 1 : 0]), { byte: 0, count: width - 4 }, field];
  });
  return withXref(streamObject(`/Type /XRef /Size 4 /W [1 ${width} 0] /Root 1 0 R /Filter /FlateDecode`, zlibOf(entries)));
}

/** A cross-reference stream of no bytes that declares `count` entries (/W [0 0 0]: pdfjs builds one object each). */
export const xrefStreamDeclaring = (count: number) => withXref(streamObject(`/Type /XRef /Size ${count} /W [0 0 0] /Root 1 0 R`, Buffer.alloc(0)));

/** `objStm` as object `number`, and an uncompressed cross-reference stream with the given type-2 entries [type, stream, index]. */
function withXrefStream(objStm: Buffer, number: number, compressed: number[][], extraTrailer: string): Buffer {
  const head = Buffer.from('%PDF-1.7\n');
  const objStmObject = Buffer.concat([Buffer.from(`${number} 0 obj\n`), objStm, Buffer.from('\nendobj\n')]);
  const xrefOffset = head.length + objStmObject.length;
  const rows = [[0, 0, 0], ...compressed, [1, head.length, 0], [1, xrefOffset, 0]];
  const data = Buffer.alloc(rows.length * 7);
  rows.forEach(([type, field2, field3], i) => {
    data.writeUInt8(type, 7 * i);
    data.writeUInt32BE(field2, 7 * i + 1);
    data.writeUInt16BE(field3, 7 * i + 5);
  });
  const xref = streamObject(`/Type /XRef /Size ${rows.length} /W [1 4 2] /Root 1 0 R ${extraTrailer}`, data);
  return Buffer.concat([head, objStmObject, Buffer.from(`${number + 1} 0 obj\n`), xref, Buffer.from(`\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`)]);
}
