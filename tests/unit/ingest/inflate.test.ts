/**
 * The DecompressionStream the PDF reader puts in place while pdfjs reads: the same bytes and the
 * same failures as the runtime's own, other formats handed to the runtime's own, and the runtime's
 * own back once no read is in flight (reads may overlap).
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatingAtOnce } from '../../../src/ingest/pdf/inflate.js';

/** What pdfjs does with a DecompressionStream: write the whole stream, read every chunk. */
async function inflate(bytes: Uint8Array, format = 'deflate'): Promise<string> {
  try {
    const { readable, writable } = new DecompressionStream(format as CompressionFormat);
    const writer = writable.getWriter();
    writer.write(new Uint8Array(bytes)).then(() => writer.close()).catch(() => {});
    const chunks: Uint8Array[] = [];
    for await (const chunk of readable as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    return `ok ${Buffer.concat(chunks).toString('latin1')}`;
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
}

const text = Buffer.from('BT /F1 12 Tf (0 0 7) Tj ET\n'.repeat(200));
const deflated = deflateSync(text);
const inputs = {
  whole: deflated,
  'trailing bytes': Buffer.concat([deflated, Buffer.from('endstream')]),
  truncated: deflated.subarray(0, deflated.length - 9),
  'not deflate': Buffer.from('x\u009cnot a deflate stream', 'latin1'),
  empty: new Uint8Array(0),
};

describe('inflating at once while a PDF is read', () => {
  it('gives what the runtime DecompressionStream gives, bytes or error', async () => {
    const native = globalThis.DecompressionStream;
    for (const [name, bytes] of Object.entries(inputs)) {
      const expected = await inflate(bytes);
      const got = await inflatingAtOnce(async () => {
        expect(globalThis.DecompressionStream).not.toBe(native);
        return inflate(bytes);
      });
      expect(got, name).toBe(expected);
    }
    expect((await inflate(inputs.whole)).slice(3)).toBe(text.toString('latin1'));
  });

  it('hands other formats to the runtime own', async () => {
    const gzip = await inflatingAtOnce(() => inflate(new Uint8Array(Buffer.from('H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==', 'base64')), 'gzip'));
    expect(gzip).toBe('ok hello');
  });

  it('puts the runtime own back when the last overlapping read ends, even one that fails', async () => {
    const native = globalThis.DecompressionStream;
    let release!: () => void;
    const first = inflatingAtOnce(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(inflatingAtOnce(async () => Promise.reject(new Error('damaged')))).rejects.toThrow('damaged');
    expect(globalThis.DecompressionStream).not.toBe(native);
    release();
    await first;
    expect(globalThis.DecompressionStream).toBe(native);
  });
});
