/**
 * Bounds on what pdfjs unpacks and builds from one PDF, whatever the stream and however pdfjs reads it.
 *
 * pdfjs decodes every filtered stream (Flate, LZW, RunLength, ASCII85/Hex, CCITT, Brotli, with a
 * predictor or a decryption on top) in a subclass of its DecodeStream, which grows one buffer
 * through `ensureBuffer`; page contents, fonts and CMaps it first tries to unpack at once through
 * `asyncGetBytesFromDecompressionStream` (the runtime's DecompressionStream). Object streams,
 * cross-reference streams and whatever falls back to its JavaScript decoders are read synchronously.
 * Bounding those two methods bounds them all: no other decoder writes elsewhere (the image decoders
 * — JPEG, JPX, JBIG2 — do, and the reader never lets pdfjs decode an image: runs.ts). A
 * cross-reference stream also costs an object per entry it declares, with no bytes to unpack for
 * them (`/W [0 0 0]`): 10 million entries took 2 GB and 11 s from 305 bytes of PDF.
 *
 * pdfjs does not export its classes: pdfjs-internals.ts finds their prototypes.
 *
 * Where the runtime is Node, the at-once path inflates with zlib's synchronous inflate (same bytes,
 * same errors): the runtime's DecompressionStream is a zlib stream behind web-stream adapters with a
 * thread-pool hop per stream, about 40% of the CPU of a Chromium-printed report of hundreds of tiny
 * streams. Elsewhere (a browser) that path is pdfjs's own, through the runtime's, and not bounded.
 */
import { nodeBuiltin } from './node-builtins.js';
import { onFirstInstance } from './pdfjs-internals.js';

export interface UnpackLimits {
  /** Bytes one stream may unpack to. */
  maxStreamBytes: number;
  /** Bytes all the streams of a document may unpack to together (pdfjs unpacks a page's content again for its ruling lines). */
  maxDocumentBytes: number;
  /** Entries the cross-reference streams of a document may declare together. */
  maxObjects: number;
}

const MB = 1024 * 1024;

export const DEFAULT_UNPACK_LIMITS: UnpackLimits = {
  // Larger than any stream of a real report (an embedded CJK font ~20 MB), far smaller than a
  // decompression bomb: 300 KB of PDF unpacked to 300 MB took 4 s and 690 MB of memory, and the
  // 5 MB an import may send would unpack to gigabytes.
  maxStreamBytes: 128 * MB,
  // The fixtures and the shared corpus's PDFs unpack at most 1.2 MB each; pdfjs's own inflater
  // unpacks about 100 MB a second.
  maxDocumentBytes: 256 * MB,
  // A report of the most pages read (200) has some tens of thousands of objects; a million entries
  // cost about 1 s and 400 MB.
  maxObjects: 1_000_000,
};

/** What one document being read has unpacked, and why it was cut, once it was. */
export interface UnpackLedger {
  limits: UnpackLimits;
  unpacked: number;
  objects: number;
  refusal: string | null;
}

/** By pdfjs's document id (`d0`, `d1` …: the loading task's, which its worker's objects carry). */
const ledgers = new Map<string, UnpackLedger>();

/** Opened before pdfjs reads the document, closed once it is destroyed; its refusal is read then. */
export function openLedger(docId: string, limits: UnpackLimits): UnpackLedger {
  const ledger: UnpackLedger = { limits, unpacked: 0, objects: 0, refusal: null };
  ledgers.set(docId, ledger);
  return ledger;
}

export function closeLedger(docId: string): void {
  ledgers.delete(docId);
}

/** What pdfjs's objects look like from here (its internals: only what is used is typed). */
interface PdfName {
  name: string;
}
interface XRef {
  pdfManager?: { docId?: string };
}
interface StreamDict {
  xref?: XRef;
  get(key: string): unknown;
  getRaw(key: string): unknown;
}
interface DecodeStream {
  buffer: Uint8Array;
  dict?: StreamDict;
  stream: { reset(): void; isAsync?: boolean; asyncGetBytes(): Promise<Uint8Array | null>; getBytes(): Uint8Array };
}
type Unpacked = { decompressed: Uint8Array | null; compressed: Uint8Array };
interface DecodeStreamPrototype {
  ensureBuffer(this: DecodeStream, requested: number): Uint8Array;
  asyncGetBytesFromDecompressionStream(this: DecodeStream, format: string): Promise<Unpacked>;
}
interface XRefPrototype {
  processXRefStream(this: XRef & { streamState?: unknown }, stream: { dict: StreamDict }): unknown;
}

/** Thrown inside pdfjs when a stream is cut; whatever pdfjs makes of it, the read is refused (runs.ts). */
class TooLargeForReport extends Error {}

/** The ledger of the document an object belongs to; one not read through withPdf has only the bounds per stream. */
const ledgerOf = (xref: XRef | undefined): UnpackLedger =>
  ledgers.get(xref?.pdfManager?.docId ?? '') ?? { limits: DEFAULT_UNPACK_LIMITS, unpacked: 0, objects: 0, refusal: null };

/** Refuses the document: later streams of it unpack nothing. Returns the reason. */
function cut(ledger: UnpackLedger, reason: string): string {
  ledger.refusal ??= reason;
  return reason;
}

const nameOf = (value: unknown) => (value as PdfName | null)?.name;

/** "an object stream (/ObjStm, FlateDecode)": the stream's type and filters, as its dictionary names them. */
function describe(dict: StreamDict | undefined): string {
  const raw = (key: string) => {
    try {
      return dict?.getRaw(key);
    } catch {
      return undefined;
    }
  };
  const filter = raw('Filter');
  const filters = (Array.isArray(filter) ? filter : [filter]).map(nameOf).filter(Boolean);
  const type = nameOf(raw('Type'));
  const subtype = nameOf(raw('Subtype'));
  const what = type === 'ObjStm' ? 'an object stream' : type === 'XRef' ? 'a cross-reference stream' : 'a stream';
  const names = [type && `/${type}`, subtype && `/${subtype}`, filters.join(' + ')].filter(Boolean);
  return names.length ? `${what} (${names.join(', ')})` : what;
}

const streamTooLarge = (dict: StreamDict | undefined, { maxStreamBytes }: UnpackLimits) => `${describe(dict)} unpacks to more than ${maxStreamBytes / MB} MB`;
const documentTooLarge = (dict: StreamDict | undefined, { maxDocumentBytes }: UnpackLimits) =>
  `its compressed streams together unpack to more than ${maxDocumentBytes / MB} MB (the last one read: ${describe(dict)})`;

const zlib = nodeBuiltin<typeof import('node:zlib')>('node:zlib');

/** The runtime's decoders that take an output bound, by pdfjs's format names. */
const UNPACK_AT_ONCE: Record<string, ((data: Uint8Array, options: { maxOutputLength: number }) => Uint8Array) | undefined> = zlib
  ? { deflate: zlib.inflateSync, brotli: zlib.brotliDecompressSync }
  : {};

function boundDecodeStream(decodeStream: DecodeStreamPrototype): void {
  const ensureBuffer = decodeStream.ensureBuffer;
  decodeStream.ensureBuffer = function (requested) {
    const had = this.buffer.byteLength;
    // No dictionary: pdfjs's concatenation of a page's content streams, which holds only what its
    // parts unpacked, each counted.
    if (requested <= had || !this.dict) return ensureBuffer.call(this, requested);
    const ledger = ledgerOf(this.dict.xref);
    const { limits } = ledger;
    if (ledger.refusal) throw new TooLargeForReport(ledger.refusal);
    if (requested > limits.maxStreamBytes) throw new TooLargeForReport(cut(ledger, streamTooLarge(this.dict, limits)));
    if (ledger.unpacked + requested - had > limits.maxDocumentBytes) throw new TooLargeForReport(cut(ledger, documentTooLarge(this.dict, limits)));
    const buffer = ensureBuffer.call(this, requested);
    ledger.unpacked += buffer.byteLength - had;
    return buffer;
  };

  const unpackWithRuntime = decodeStream.asyncGetBytesFromDecompressionStream;
  decodeStream.asyncGetBytesFromDecompressionStream = async function (format) {
    const unpack = UNPACK_AT_ONCE[format];
    if (!unpack) return unpackWithRuntime.call(this, format);
    this.stream.reset();
    const compressed = this.stream.isAsync ? (await this.stream.asyncGetBytes())! : this.stream.getBytes();
    const ledger = ledgerOf(this.dict?.xref);
    const { limits } = ledger;
    // Never an error for a stream cut: pdfjs would unpack it again with its own decoder.
    if (ledger.refusal) return { decompressed: new Uint8Array(0), compressed };
    const room = limits.maxDocumentBytes - ledger.unpacked;
    try {
      const decompressed = unpack(compressed, { maxOutputLength: Math.max(1, Math.min(limits.maxStreamBytes, room)) });
      ledger.unpacked += decompressed.byteLength;
      return { decompressed, compressed };
    } catch (error) {
      // Anything else (a truncated or damaged stream): pdfjs's own decoder reads what it can.
      if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return { decompressed: null, compressed };
      cut(ledger, room < limits.maxStreamBytes ? documentTooLarge(this.dict, limits) : streamTooLarge(this.dict, limits));
      return { decompressed: new Uint8Array(0), compressed };
    }
  };
}

function boundXRef(xref: XRefPrototype): void {
  const processXRefStream = xref.processXRefStream;
  xref.processXRefStream = function (stream) {
    // (pdfjs resumes a stream it could not finish when bytes were missing: counted once.)
    if (!('streamState' in this)) {
      const ledger = ledgerOf(this);
      const range = stream.dict.get('Index') ?? [0, stream.dict.get('Size')];
      for (let i = 1; Array.isArray(range) && i < range.length; i += 2) if (typeof range[i] === 'number') ledger.objects += Math.max(0, range[i]);
      if (ledger.objects > ledger.limits.maxObjects) {
        throw new TooLargeForReport(cut(ledger, `its cross-reference streams declare ${ledger.objects} objects (the limit is ${ledger.limits.maxObjects}; the last one read: ${describe(stream.dict)})`));
      }
    }
    return processXRefStream.call(this, stream);
  };
}

let boundStreams = false;
let boundXRefs = false;

/** Called once pdfjs is loaded, before it reads anything (the first stream and cross-reference built are bounded already). */
export function boundPdfjs(): void {
  onFirstInstance('_rawMinBufferLength', 'asyncGetBytesFromDecompressionStream', (proto) => {
    boundDecodeStream(proto as DecodeStreamPrototype);
    boundStreams = true;
  });
  onFirstInstance('_xrefStms', 'processXRefStream', (proto) => {
    boundXRef(proto as XRefPrototype);
    boundXRefs = true;
  });
}

/** Whether pdfjs's streams and cross-reference streams are bounded yet (from the first ones built on): tests assert it. */
export const pdfjsBounded = () => boundStreams && boundXRefs;
