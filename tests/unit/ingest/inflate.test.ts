/**
 * The DecompressionStream the PDF reader puts in place while pdfjs reads: the same bytes and the
 * same failures as the runtime's own, other formats handed to the runtime's own, and the runtime's
 * own back once no read is in flight (reads may overlap).
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatingAtOnce as inflatingWith, MAX_INFLATED_STREAM_BYTES } from '../../../src/ingest/pdf/inflate.js';
import { readReport } from '../../../src/store/services/read-report.js';

const TOO_LARGE = () => new Error('too large');
const inflatingAtOnce = <T>(read: () => Promise<T>) => inflatingWith(read, TOO_LARGE);

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

  it('cuts a stream that unpacks beyond the bound to nothing, and refuses the read (pdfjs would inflate it again, unbounded)', async () => {
    const bomb = deflateSync(Buffer.alloc(MAX_INFLATED_STREAM_BYTES + 1, 0x20));
    const after: string[] = [];
    await expect(
      inflatingAtOnce(async () => {
        after.push(await inflate(bomb));
        after.push(await inflate(inputs.whole)); // a later stream of the refused read: nothing either
      }),
    ).rejects.toThrow('too large');
    expect(after).toEqual(['ok ', 'ok ']);
    expect(await inflatingAtOnce(() => inflate(inputs.whole))).toBe(`ok ${text.toString('latin1')}`);
  });
});

/** A one-page PDF whose content stream (FlateDecode) unpacks to `bytes` spaces. */
function pdfWithContent(bytes: number): Uint8Array {
  const z = deflateSync(Buffer.alloc(bytes, 0x20), { level: 9 });
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0].length;
  const object = (body: Buffer) => {
    offsets.push(length);
    const piece = Buffer.concat([Buffer.from(`${offsets.length} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(piece);
    length += piece.length;
  };
  object(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  object(Buffer.from('<< /Type /Pages /Kids [4 0 R] /Count 1 >>'));
  object(Buffer.concat([Buffer.from(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`), z, Buffer.from('\nendstream')]));
  object(Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>'));
  parts.push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

describe('a PDF whose compressed content unpacks beyond any report (a decompression bomb)', () => {
  it('is refused as TOO_LARGE, not unpacked', async () => {
    const bomb = pdfWithContent(MAX_INFLATED_STREAM_BYTES + 1024);
    expect(bomb.length).toBeLessThan(200_000);
    await expect(readReport({ content: bomb, fileName: 'bomb.pdf' })).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('while the same page unpacked within the bound is read (here: no text, a scan)', async () => {
    await expect(readReport({ content: pdfWithContent(1024), fileName: 'blank.pdf' })).rejects.toMatchObject({ code: 'NO_TEXT_LAYER' });
  });
});
