/**
 * The prepared text twice, always of the same length: `text` is normalised (NFKC) and is what labels
 * are matched in and values read from; `printed` keeps the characters as published (，（一）and
 * full-width spaces), so a section body is cut from it at the offsets found in `text`. Every step of
 * text preparation works on both at once, deciding on `text` alone.
 */
export interface Twin {
  text: string;
  printed: string;
}

/**
 * Fills `printed` where NFKC made a character longer (… → ...): dropped when the printed text is
 * given out. A noncharacter, so no report prints it.
 */
const PAD = '\uffff';
const PADS = /\uffff/g;

const nfkcCache = new Map<string, string>();
function nfkc(ch: string): string {
  let n = nfkcCache.get(ch);
  if (n === undefined) {
    n = ch.normalize('NFKC');
    if (nfkcCache.size < 4096) nfkcCache.set(ch, n);
  }
  return n;
}

/**
 * A string from UTF-16 code units: building a long text a character at a time (+=) leaves the
 * collector millions of fragments (most of the time on a 20 MB text). Typed arrays are in the
 * platform's byte order, little-endian wherever this runs. A lone surrogate becomes U+FFFD.
 */
const UTF16 = new TextDecoder('utf-16le');
/** Strings at most this long are built from their codes directly (a lone surrogate kept), longer ones decoded. */
const BUILT_DIRECTLY = 256;
export function fromCodes(codes: Uint16Array, length: number): string {
  // A decoder call costs more than a short string built directly (labels, cells); `apply` takes the
  // typed array as it is, where a spread iterates it (several times slower).
  if (length <= BUILT_DIRECTLY) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  return UTF16.decode(codes.subarray(0, length));
}

/** ASCII and CJK ideographs are their own NFKC (compatibility ideographs are elsewhere). */
export const isOwnNfkc = (c: number) => c < 0x80 || (c >= 0x4e00 && c <= 0x9fff);

/** `source` normalised code point by code point, beside itself as printed. */
export function twinOf(source: string): Twin {
  const whole = source.replace(PADS, '').normalize('NFKC');
  if (whole === source) return { text: source, printed: source };
  // Normalising a character at a time differs from the whole text only where marks combine across
  // characters (never in these reports): then the printed form is given up, never the matching one.
  // Each character's normal form is checked against the whole text's in place.
  const givenUp = { text: whole, printed: whole };
  const capacity = whole.length;
  let k = 0;
  let resized = false;
  let loneSurrogate = false;
  for (let i = 0; i < source.length; ) {
    const c = source.charCodeAt(i);
    // the common case costs a comparison
    if (isOwnNfkc(c)) {
      if (whole.charCodeAt(k) !== c) return givenUp;
      k++;
      i++;
      continue;
    }
    const width = characterWidth(source, i);
    if (width === 1 && c >= 0xd800 && c <= 0xdfff) loneSurrogate = true;
    const n = c === 0xffff ? '' : nfkc(source.slice(i, i + width));
    if (k + Math.max(n.length, width) > capacity) return givenUp;
    for (let j = 0; j < n.length; j++) if (whole.charCodeAt(k + j) !== n.charCodeAt(j)) return givenUp;
    if (n.length !== width) resized = true;
    k += n.length;
    i += width;
  }
  // (a long text is decoded, which turns a lone surrogate into U+FFFD: its printed form would not match)
  if (k !== capacity || (loneSurrogate && k > BUILT_DIRECTLY)) return givenUp;
  // where every character keeps its length, the printed text is the source itself
  return { text: whole, printed: resized ? printedBeside(source, capacity) : source };
}

/** A surrogate pair is one character. */
function characterWidth(source: string, i: number): number {
  const c = source.charCodeAt(i);
  const next = source.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** `source` as printed, padded to the offsets of its NFKC (`length` long) where a character grew. */
function printedBeside(source: string, length: number): string {
  const printed = new Uint16Array(length);
  let k = 0;
  for (let i = 0; i < source.length; ) {
    const c = source.charCodeAt(i);
    if (isOwnNfkc(c)) {
      printed[k++] = c;
      i++;
      continue;
    }
    const width = characterWidth(source, i);
    const ch = source.slice(i, i + width);
    const n = c === 0xffff ? '' : nfkc(ch);
    // A character NFKC shortens (a supplementary compatibility ideograph) is given out normalised.
    const shown = n.length >= width ? ch : n;
    for (let j = 0; j < n.length; j++) printed[k + j] = j < shown.length ? shown.charCodeAt(j) : 0xffff;
    k += n.length;
    i += width;
  }
  return fromCodes(printed, k);
}

/** The printed characters of a twin, without the padding. */
export function printedText(t: Twin): string {
  return t.printed.includes(PAD) ? t.printed.replace(PADS, '') : t.printed;
}

export const plain = (s: string): Twin => ({ text: s, printed: s });

export function slice(t: Twin, from: number, to?: number): Twin {
  return { text: t.text.slice(from, to), printed: t.printed.slice(from, to) };
}

export function concat(parts: (Twin | string)[]): Twin {
  // join, not +=: a text built of thousands of pieces with += is a rope deep enough to overflow the
  // stack of the next regular expression that reads it.
  return {
    text: parts.map((p) => (typeof p === 'string' ? p : p.text)).join(''),
    printed: parts.map((p) => (typeof p === 'string' ? p : p.printed)).join(''),
  };
}

export function join(parts: Twin[], separator: string): Twin {
  const text: string[] = new Array(parts.length);
  const printed: string[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    text[i] = parts[i].text;
    printed[i] = parts[i].printed;
  }
  return { text: text.join(separator), printed: printed.join(separator) };
}

export function split(t: Twin, separator: string): Twin[] {
  const out: Twin[] = [];
  let from = 0;
  for (let at = t.text.indexOf(separator); at >= 0; at = t.text.indexOf(separator, from)) {
    out.push(slice(t, from, at));
    from = at + separator.length;
  }
  out.push(slice(t, from));
  return out;
}

export function trim(t: Twin): Twin {
  const start = t.text.length - t.text.trimStart().length;
  return slice(t, start, Math.max(start, t.text.trimEnd().length));
}

/**
 * String.replace on both texts: matches are found in `text`, and the replacement (a literal, or built
 * from the matched twin) goes into both.
 */
export function replace(t: Twin, re: RegExp, by: string | ((match: Twin) => Twin | string)): Twin {
  const pieces: (Twin | string)[] = [];
  let last = 0;
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  global.lastIndex = 0;
  for (let m = global.exec(t.text); m; m = global.exec(t.text)) {
    const end = m.index + m[0].length;
    pieces.push(slice(t, last, m.index), typeof by === 'string' ? by : by(slice(t, m.index, end)));
    last = end;
    if (m[0].length === 0) global.lastIndex++;
    if (!re.global) break;
  }
  if (last === 0 && pieces.length === 0) return t;
  pieces.push(slice(t, last));
  return concat(pieces);
}
