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
    flush: (out) => out.enqueue(zlib!.inflateSync(concatBytes(chunks))),
  });
}

let reading = 0;

/** Runs `read` (a pdfjs read) with DecompressionStream inflating at once; reads may overlap. */
export async function inflatingAtOnce<T>(read: () => Promise<T>): Promise<T> {
  if (!zlib) return read();
  if (reading++ === 0) {
    native = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
    Native = (globalThis as { DecompressionStream?: DecompressionStreamClass }).DecompressionStream;
    Object.defineProperty(globalThis, 'DecompressionStream', { value: InflateAtOnce, writable: true, configurable: true, enumerable: false });
  }
  try {
    return await read();
  } finally {
    if (--reading === 0) {
      if (native) Object.defineProperty(globalThis, 'DecompressionStream', native);
      else delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
    }
  }
}
