import { ReportParseError } from './errors.js';

/** How far into the bytes to look for a <meta charset>: real pages declare it in the head. */
const META_SCAN_BYTES = 4096;

const decoders = new Map<string, TextDecoder>();

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  let d = decoders.get(encoding);
  if (!d) decoders.set(encoding, (d = new TextDecoder(encoding, { fatal: true })));
  try {
    return d.decode(bytes);
  } catch {
    return null;
  }
}

function declaredCharset(bytes: Uint8Array): string | null {
  // Find "charset" in the raw bytes (ASCII, any case); read the tag around it one char per byte,
  // so it survives whatever the real encoding is.
  const end = Math.min(bytes.length, META_SCAN_BYTES);
  const word = [0x63, 0x68, 0x61, 0x72, 0x73, 0x65, 0x74];
  let at = -1;
  for (let i = 0; i + word.length <= end && at < 0; i++) {
    let j = 0;
    while (j < word.length && (bytes[i + j] | 0x20) === word[j]) j++;
    if (j === word.length) at = i;
  }
  if (at < 0) return null;
  let head = '';
  for (let i = Math.max(0, at - 200); i < Math.min(end, at + 60); i++) head += String.fromCharCode(bytes[i]);
  const m = /<meta[^>]*charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936']);

/**
 * Bytes to text. UTF-8 wins whenever it decodes cleanly (a GBK text almost never is valid UTF-8);
 * a <meta charset> naming the GB family is honoured first because short GBK byte runs can be valid UTF-8.
 */
export function decodeSource(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes.length === 0) throw new ReportParseError('EMPTY_INPUT', 'Input is empty (0 bytes): nothing to parse.');
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ReportParseError(
      'BINARY_INPUT',
      `Input is binary, not text: NUL byte at offset ${nul}. Expected an HTML page or plain text of an annual report.`,
    );
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) {
    const text = tryDecode(bytes.subarray(3), 'utf-8');
    if (text !== null) return { text, encoding: 'utf-8' };
  }
  const meta = declaredCharset(bytes);
  if (meta && GB_FAMILY.has(meta)) {
    const text = tryDecode(bytes, 'gb18030');
    if (text !== null) return { text, encoding: 'gb18030' };
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== null && !looksLikeJunk(gb)) return { text: gb, encoding: 'gb18030' };
  throw new ReportParseError(
    'BINARY_INPUT',
    'Input is neither valid UTF-8 nor valid GB18030/GBK text (binary data or an unsupported encoding).',
  );
}

/** GB18030 maps almost every byte sequence to something; random bytes give mostly rare or control chars. */
function looksLikeJunk(text: string): boolean {
  let bad = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c < 0xa0) || c >= 0xe000 && c < 0xf900) bad++;
  }
  return total === 0 || bad / total > 0.05;
}
