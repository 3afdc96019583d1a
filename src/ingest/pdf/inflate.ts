/**
 * pdfjs inflates every compressed stream of a PDF (page contents, fonts, ToUnicode maps, each glyph
 * of a Type3 font) through the runtime's web DecompressionStream when there is one. In Node that
 * is a zlib stream behind web-stream adapters, with a hop to the thread pool per stream: a
 * Chromium-printed report, which holds hundreds of tiny streams, spent about 40% of its CPU there.
 * While pdfjs reads, DecompressionStream is one that inflates each "deflate" stream at once with
 * zlib's synchronous inflate: the same zlib, so the same bytes and the same errors (on which pdfjs
 * still falls back to its own inflater). Other formats go to the runtime's own, and the runtime's
 * own is back as soon as no PDF is being read.
 */
import { concatBytes } from '../bytes.js';
import { nodeBuiltin } from './node-builtins.js';

/** Only where the runtime is Node: elsewhere its own DecompressionStream is left alone. */
const zlib = nodeBuiltin<typeof import('node:zlib')>('node:zlib');

type Pair = { readable: ReadableStream<Uint8Array>; writable: WritableStream<Uint8Array> };
type DecompressionStreamClass = new (format: string) => Pair;

/** The runtime's own (Node defines it as a lazy getter), as it was when the first read in flight began. */
let native: PropertyDescriptor | undefined;
let Native: DecompressionStreamClass | undefined;

/** A constructor (pdfjs calls it with `new`) returning a readable/writable pair, as DecompressionStream does. */
function InflateAtOnce(format: string): Pair {
  if (format !== 'deflate') {
    if (!Native) throw new TypeError(`Unsupported compression format: '${format}'`);
    return new Native(format);
  }
  const chunks: Uint8Array[] = [];
  return new TransformStream<Uint8Array, Uint8Array>({
    transform: (chunk) => void chunks.push(chunk),
    flush: (out) => out.enqueue(inflateBounded(concatBytes(chunks))),
  });
}

/**
 * Larger than any stream of a real report (an embedded CJK font ~20 MB, a page's image ~30 MB),
 * far smaller than a decompression bomb: 300 KB of PDF unpacked to 300 MB took 4 s and 690 MB of
 * memory, and the 5 MB an import may send would unpack to gigabytes.
 */
export const MAX_INFLATED_STREAM_BYTES = 128 * 1024 * 1024;

/** Streams cut at the bound since the process started: a read that sees it move is refused. */
let oversized = 0;
/** Set at the first stream cut while reads are in flight: every later stream of theirs is empty. */
let cutting = false;

/**
 * Never an error for a stream too large: pdfjs would fall back to its own inflater, which has no
 * bound. An empty stream instead, and the read in flight is refused when it ends.
 */
function inflateBounded(data: Uint8Array): Uint8Array {
  if (cutting) return new Uint8Array(0);
  try {
    return zlib!.inflateSync(data, { maxOutputLength: MAX_INFLATED_STREAM_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
    oversized++;
    cutting = true;
    return new Uint8Array(0);
  }
}

let reading = 0;

/**
 * Runs `read` (a pdfjs read) with DecompressionStream inflating at once; reads may overlap. When a
 * stream unpacks to more than MAX_INFLATED_STREAM_BYTES, the read ends with `tooLarge()` (and so
 * does any read overlapping it: a stream cannot tell which document it belongs to).
 */
export async function inflatingAtOnce<T>(read: () => Promise<T>, tooLarge: () => Error): Promise<T> {
  if (!zlib) return read();
  const cutBefore = oversized;
  if (reading++ === 0) {
    native = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
    Native = (globalThis as { DecompressionStream?: DecompressionStreamClass }).DecompressionStream;
    Object.defineProperty(globalThis, 'DecompressionStream', { value: InflateAtOnce, writable: true, configurable: true, enumerable: false });
  }
  try {
    const result = await read();
    if (oversized !== cutBefore) throw tooLarge();
    return result;
  } catch (error) {
    throw oversized !== cutBefore ? tooLarge() : error;
  } finally {
    if (--reading === 0) {
      cutting = false;
      if (native) Object.defineProperty(globalThis, 'DecompressionStream', native);
      else delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
    }
  }
}
