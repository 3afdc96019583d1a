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

/** `source` normalised code point by code point, beside itself as printed. */
export function twinOf(source: string): Twin {
  const whole = source.replace(PADS, '').normalize('NFKC');
  if (whole === source) return { text: source, printed: source };
  let text = '';
  let printed = '';
  let run = 0;
  for (let i = 0; i < source.length; ) {
    const c = source.charCodeAt(i);
    // ASCII and CJK ideographs are their own NFKC: the common case costs one comparison.
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)) {
      i++;
      continue;
    }
    const next = source.charCodeAt(i + 1);
    const width = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const ch = source.slice(i, i + width);
    const n = c === 0xffff ? '' : nfkc(ch);
    if (n !== ch) {
      text += source.slice(run, i) + n;
      printed += source.slice(run, i);
      // A character NFKC shortens (a supplementary compatibility ideograph) is given out normalised.
      printed += n.length >= width ? ch + PAD.repeat(n.length - width) : n;
      run = i + width;
    }
    i += width;
  }
  text += source.slice(run);
  printed += source.slice(run);
  // Normalising a character at a time differs from the whole text only where marks combine across
  // characters (never in these reports): then the printed form is given up, never the matching one.
  if (text !== whole) return { text: whole, printed: whole };
  return { text, printed };
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
  let text = '';
  let printed = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      text += p;
      printed += p;
    } else {
      text += p.text;
      printed += p.printed;
    }
  }
  return { text, printed };
}

export function join(parts: Twin[], separator: string): Twin {
  return { text: parts.map((p) => p.text).join(separator), printed: parts.map((p) => p.printed).join(separator) };
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
