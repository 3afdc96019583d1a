/**
 * Text normalisation shared by every layout. Labels are compared on a "folded" copy of the text
 * (NFKC, no whitespace, no cell separators, no quotes, one enumerator dot) with a map back to the
 * unfolded text, so values can still be read with their separators intact.
 */

import { fromCodes, join, replace, split, twinOf, type Twin } from './printed.js';

export { fromCodes } from './printed.js';

const QUOTES = /["'“”‘’「」『』〝〞]/;
const SKIP = /[\s|\u200b\ufeff]/;
/** a label's 、 is printed as 、 ， or , (and NFKC makes ， a ,): one mark for all */
const DOT_MARKS = '、．,';

export function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  // Fast path: CJK ideographs and ASCII letters/digits are kept as they are.
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x7a && c !== 0x5c && c !== 0x60)) return ch;
  if (SKIP.test(ch) || QUOTES.test(ch)) return '';
  if (DOT_MARKS.includes(ch)) return '.';
  return ch;
}

/** What foldChar drops or changes (anything else it keeps). */
const FOLDED = new RegExp(`${SKIP.source}|${QUOTES.source}|[${DOT_MARKS}]`);

/** NFKC plus folding, for labels built from the catalog. */
export function fold(text: string): string {
  const n = text.normalize('NFKC');
  if (!FOLDED.test(n)) return n;
  const out = new Uint16Array(n.length);
  let k = 0;
  for (let i = 0; i < n.length; i++) {
    const f = foldChar(n[i]);
    if (f) out[k++] = f.charCodeAt(0);
  }
  return fromCodes(out, k);
}

export interface FoldedText {
  /** NFKC text the values are read from. */
  text: string;
  /** `text` as printed (same offsets; see printed.ts): what section bodies are cut from. */
  printed: string;
  /** Folded text the labels are searched in. */
  folded: string;
  /** folded index -> text index, then text.length */
  map: Int32Array;
}

export function foldWithMap(text: string, printed = text): FoldedText {
  const out = new Uint16Array(text.length);
  const map = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]);
    if (!f) continue;
    out[n] = f.charCodeAt(0);
    map[n++] = i;
  }
  map[n] = text.length;
  return { text, printed, folded: fromCodes(out, n), map: map.subarray(0, n + 1) };
}

/** All start indexes of needle in haystack (non-overlapping scan is not wanted: labels may nest). */
export function indexesOf(haystack: string, needle: string, from = 0, to = haystack.length): number[] {
  const out: number[] = [];
  if (!needle || to - from < needle.length) return out;
  // Search only [from, to): a short region of a long text is the common case.
  const sub = from === 0 && to >= haystack.length ? haystack : haystack.slice(from, to);
  let i = sub.indexOf(needle);
  while (i >= 0) {
    out.push(i + from);
    i = sub.indexOf(needle, i + 1);
  }
  return out;
}

/** Page furniture that PDF extraction leaves between cells: "-3-", "- 4 -", markdown rules. */
const PAGE_NUMBER = /^[ \t]*[-—–]\s*\d{1,3}\s*[-—–][ \t]*$\n?/gm;
// Whitespace inside a rule is [ \t]: with \s the pattern spanned lines and backtracked over every split of
// the whitespace between them (a 200 KB pdftotext table took 29 s).
const MD_RULE = /^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?\s*$/gm;

/** "第 5 页 共 9 页", "第5页", "5/9", "· 7 ·", "Page 3" on a line of their own (the line goes: a paragraph runs on over the page). */
const PAGE_MARK = /^[ \t]*(?:第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页|\d{1,3}\s*\/\s*\d{1,3}|[·•]\s*\d{1,3}\s*[·•]|page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)[ \t]*$\n?/gim;

/**
 * Characters that print nothing (soft hyphen, zero-width spaces and joiners, a BOM inside the text):
 * text pasted from web pages and Word carries them inside numbers ("2\u200b17" prints 217). Dropped
 * from the source before HTML is read (whose whitespace rule would make U+FEFF a space between
 * digits) and again here, after HTML entities have been decoded.
 */
export const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** NFKC (beside the printed text) without page furniture: page numbers and marks, markdown rules, running headers. */
export function cleanText(source: string): Twin {
  let t = twinOf(source.replace(/\r\n?/g, '\n').replace(INVISIBLE, ''));
  for (const re of [PAGE_NUMBER, PAGE_MARK, MD_RULE]) t = replace(t, re, '');
  return dropRunningHeaders(t);
}

/**
 * PDF page headers/footers: the same short line printed on every page, in the middle of tables
 * too. A line repeated three times or more (no digits of its own besides a year, not a table row)
 * is dropped, but on the first page.
 */
function dropRunningHeaders(twin: Twin): Twin {
  const counts = new Map<string, number>();
  for (const l of twin.text.split('\n')) {
    const t = l.trim();
    if (t.length >= 6 && t.length <= 60 && !t.includes('|') && /[\u4e00-\u9fff]/.test(t) && !/[。；，,]/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  // Table headers repeat too (2019 表二 prints 上一年项目数量 three times): those stay.
  const tableWords = /数量|件数|结果|总计|信息内容|项目|金额|申请|复议|诉讼|第二十条|规章|规范性文件|行政/;
  const repeated = new Set([...counts].filter(([t, n]) => n >= 3 && !tableWords.test(t) && !/\d/.test(t.replace(/(?:19|20)\d{2}年?/g, ''))).map(([t]) => t));
  if (!repeated.size) return twin;
  const lines = split(twin, '\n');
  // Where the pages are known (pdftotext's form feeds), the first one stays only on the first page,
  // where it may be the title; later on it sits inside the text. Without pages, the first one stays.
  const firstBreak = lines.findIndex((l) => l.text.includes('\f'));
  const first = new Map<string, number>();
  lines.forEach((l, i) => {
    const t = l.text.trim();
    if (repeated.has(t) && !first.has(t)) first.set(t, i);
  });
  const keep = new Set([...first.values()].filter((i) => firstBreak < 0 || i < firstBreak));
  const kept = lines.filter((l, i) => !repeated.has(l.text.trim()) || keep.has(i));
  return join(kept, '\n');
}

/** First index in the sorted `arr` whose value is ≥ x (the last index when none is): maps folded offsets back. */
export function lowerBound(arr: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
