/**
 * Text normalisation shared by every layout. Labels are compared on a "folded" copy of the text
 * (NFKC, no whitespace, no cell separators, no quotes, one enumerator dot) with a map back to the
 * unfolded text, so values can still be read with their separators intact.
 */

const QUOTES = /["'“”‘’「」『』〝〞]/;
const SKIP = /[\s|\u200b\ufeff]/;

export function foldChar(ch: string): string {
  if (SKIP.test(ch) || QUOTES.test(ch)) return '';
  if (ch === '、' || ch === '．') return '.';
  return ch;
}

/** NFKC plus folding, for labels built from the catalog. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) out += foldChar(ch);
  return out;
}

export interface FoldedText {
  /** NFKC text the values are read from. */
  text: string;
  /** Folded text the labels are searched in. */
  folded: string;
  /** folded index -> text index */
  map: number[];
}

export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]);
    if (f) {
      folded += f;
      map.push(i);
    }
  }
  map.push(text.length);
  return { text, folded, map };
}

/** All start indexes of needle in haystack (non-overlapping scan is not wanted: labels may nest). */
export function indexesOf(haystack: string, needle: string, from = 0, to = haystack.length): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let i = haystack.indexOf(needle, from);
  while (i >= 0 && i + needle.length <= to) {
    out.push(i);
    i = haystack.indexOf(needle, i + 1);
  }
  return out;
}

/** Page furniture that PDF extraction leaves between cells: "-3-", "- 4 -", markdown rules. */
const PAGE_NUMBER = /^[ \t]*[-—–]\s*\d{1,3}\s*[-—–][ \t]*$/gm;
const MD_RULE = /^[ \t]*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm;

export function cleanText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(PAGE_NUMBER, '')
    .replace(MD_RULE, '');
}
