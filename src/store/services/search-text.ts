/**
 * The JavaScript half of Chinese search: query normalisation (the same as SQL's
 * nianbao_search_text: NFKC, whitespace removed, lower case), tsquery quoting, highlighting.
 */

export const MAX_QUERY_LENGTH = 64;
/** A snippet: this many characters of a section, starting this many before the first match. */
export const SNIPPET_LENGTH = 160;
export const SNIPPET_BEFORE = 40;

export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** A tsquery literal: every lexeme quoted, so user input can never be read as tsquery syntax. */
export function bigramQuery(needle: string): string {
  const chars = [...needle];
  const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (chars.length === 1) return `${quote(chars[0])}:*`;
  const grams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams].map(quote).join(' & ');
}

export interface Highlighted {
  text: string;
  /** Matches as [start, length] in UTF-16 code units of `text`. */
  ranges: [number, number][];
}

/** Finds the normalised needle in raw text (whitespace, width and case ignored), as ranges of the raw text. */
export function highlight(text: string, needle: string): Highlighted {
  let normalized = '';
  const origin: number[] = []; // normalized code unit → raw start index
  const ends: number[] = []; // normalized code unit → raw end index
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const raw = String.fromCodePoint(cp);
    const norm = normalizeSearchText(raw);
    for (let k = 0; k < norm.length; k++) {
      origin.push(i);
      ends.push(i + raw.length);
    }
    normalized += norm;
    i += raw.length;
  }
  const ranges: [number, number][] = [];
  for (let at = normalized.indexOf(needle); at >= 0 && needle; at = normalized.indexOf(needle, at + needle.length)) {
    const start = origin[at];
    ranges.push([start, ends[at + needle.length - 1] - start]);
  }
  return { text, ranges };
}

/** The snippet window around the first match, highlighted (the SQL may hand over a wider one). */
export function snippetAround(text: string, needle: string): Highlighted {
  const found = highlight(text, needle);
  if (text.length <= SNIPPET_LENGTH || !found.ranges.length) return found;
  const start = Math.max(0, Math.min(found.ranges[0][0] - SNIPPET_BEFORE, text.length - SNIPPET_LENGTH));
  return highlight(text.slice(start, start + SNIPPET_LENGTH), needle);
}
