/**
 * `pdftotext -layout` text → positioned runs (x = display column, y = line), so the PDF reader's
 * geometry (rows by baseline, columns by header and value x ranges, labels by position) reads it:
 * in such text a blank cell is only wider whitespace, and only positions tell which column a
 * number stands in.
 */
import { dropFurniture, PAGE_NUMBER, toLines } from './lines.js';
import { normalizeRunText, type PageBox, type TextRun } from './runs.js';

/**
 * x is in columns. A size a little under two columns (a full-width character): the line joiner
 * keeps fragments apart whose gap exceeds half a size, so words one space apart ("2 1" in adjacent
 * narrow columns, two header cells) stay apart.
 */
const SIZE = 1.9;
/** Line pitch: a wrapped cell's next line sits within the PDF reader's reach of a wrapped label. */
const PITCH = 1.3 * SIZE;
const lineIndex = (y: number) => Math.round(y / PITCH) - 1;

/** Full-width characters (two columns of pdftotext -layout text). */
const WIDE_RANGES: [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6],
];
const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
const WIDE = new RegExp(`[${WIDE_RANGES.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('')}]`);
/** By UTF-16 code unit, for the character loops (a regular expression per character cost more than all else). */
const WIDE_CODES = new Uint8Array(0x10000);
for (const [from, to] of WIDE_RANGES) WIDE_CODES.fill(1, from, to + 1);
const NUMBER = /^[+-]?\d[\d,]*(?:\.\d+)?%?$/;
const CJK_WORD = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’()（）、,.，。：:;；]+$/;
/** A numbered row label ("1.本机关不掌握…"): beside a group label ("（四） 1.…") it is a cell of its own. */
const NUMBERED = /^\d{1,2}[.、．][\u4e00-\u9fff]/;

interface Word {
  text: string;
  col: number;
  width: number;
}

/** /\s/ on one UTF-16 code unit. */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The line's words and their columns. pdftotext lays text out either one column per character or
 * (`wide`) two per full-width one: both are tried. A surrogate pair is one character.
 */
function words(line: string, wide: boolean): Word[] {
  const out: Word[] = [];
  let col = 0;
  let start = -1;
  let startCol = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (start >= 0) out.push({ text: line.slice(start, i), col: startCol, width: col - startCol });
      start = -1;
      col += c === 0x09 ? 8 - (col % 8) : wide && WIDE_CODES[c] ? 2 : 1;
      continue;
    }
    if (start < 0) {
      start = i;
      startCol = col;
    }
    col += wide && WIDE_CODES[c] ? 2 : 1;
    const next = line.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
  }
  if (start >= 0) out.push({ text: line.slice(start), col: startCol, width: col - startCol });
  return out;
}

/**
 * Words one space apart are one piece of text ("申请 3119 件", "2024 年"), except two numbers (cells
 * of adjacent columns), two words of Chinese or one and a numbered label (cells side by side), or a number that more
 * cells follow (a label cell filled up to its first value: "禁止公开 0      0   0").
 */
function joinWords(ws: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    const last = out[out.length - 1];
    if (last && w.col - (last.col + last.width) === 1 && !apart(last.text.slice(last.text.lastIndexOf(' ') + 1), ws, i)) {
      last.text += ` ${w.text}`;
      last.width = w.col + w.width - last.col;
    } else out.push({ ...w });
  }
  return out;
}

/** Whether word `i` of `ws` stays apart from the word `a` one space before it (see joinWords). */
function apart(a: string, ws: Word[], i: number): boolean {
  const b = ws[i].text;
  const gapAfter = i + 1 < ws.length ? ws[i + 1].col - (ws[i].col + ws[i].width) : 0;
  return (NUMBER.test(a) && NUMBER.test(b)) || (CJK_WORD.test(a) && (CJK_WORD.test(b) || NUMBERED.test(b))) || (NUMBER.test(b) && gapAfter >= 2);
}

/** The left edges of the numbers after text on a line with wide characters: the width model that aligns them best is the one used. */
function addNumberEdges(ws: Word[], edges: Set<number>): void {
  if (!ws.some((w) => WIDE.test(w.text))) return;
  for (const w of ws) if (NUMBER.test(w.text) && w.col > 0) edges.add(w.col);
}

/** Each line's words, in the width model whose numbers have the fewest distinct left edges (one column per character on a tie). */
function wordsOfLines(lines: string[]): Word[][] {
  const narrow: Word[][] = [];
  const wide: (Word[] | null)[] = [];
  const narrowEdges = new Set<number>();
  const wideEdges = new Set<number>();
  for (const line of lines) {
    const ws = words(line, false);
    narrow.push(ws);
    // a line without wide characters has the same words in both models
    if (!WIDE.test(line)) {
      wide.push(null);
      continue;
    }
    const wws = words(line, true);
    wide.push(wws);
    addNumberEdges(ws, narrowEdges);
    addNumberEdges(wws, wideEdges);
  }
  return wideEdges.size < narrowEdges.size ? wide.map((ws, i) => ws ?? narrow[i]) : narrow;
}

/** Lines whose numbers stand apart from their text by runs of spaces (two or more cells so printed). */
const SPACED_ROW = /\S {2,}[+-]?\d[\d,.]*%?(?: {2,}|$)/;

const MAX_ROW = 1000;

/** True for text laid out by columns of spaces (`pdftotext -layout` and the like), not pipe tables or prose. */
export function isSpacedLayout(text: string): boolean {
  let spaced = 0;
  let piped = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // a table row is a line of a page (the regular expressions are not run on longer ones)
    const line = end - start <= MAX_ROW ? text.slice(start, end) : '';
    if (SPACED_ROW.test(line) && / {2,}\S+ {2,}/.test(line)) spaced++;
    else if (/^\s*\|.*\|\s*$/.test(line)) piped++;
    start = end + 1;
  }
  return spaced >= 8 && spaced > 2 * piped;
}

/** The text's runs, one page per form feed (pdftotext ends each page with one). */
export const spacedRuns = (text: string): [TextRun[], PageBox[]] => runsOf(text);

/** The runs of the lines `wanted` picks on each page (all by default); every page keeps its box. */
function runsOf(text: string, wanted?: (lines: string[]) => boolean[]): [TextRun[], PageBox[]] {
  const pageTexts = text.replace(/\r\n?/g, '\n').split('\f');
  const pageLines = pageTexts.map((p) => p.split('\n'));
  const lineWords = wordsOfLines(pageLines.flat());
  const runs: TextRun[] = [];
  const pages: PageBox[] = [];
  let index = 0;
  let at = 0;
  pageLines.forEach((lines, page) => {
    if (page === pageTexts.length - 1 && !pageTexts[page].trim()) return;
    pages.push({ top: index * PITCH, height: Math.max(1, lines.length) * PITCH });
    const picked = wanted?.(lines);
    for (let i = 0; i < lines.length; i++) {
      if (picked && !picked[i]) {
        index++;
        continue;
      }
      for (const w of joinWords(lineWords[at + i])) {
        runs.push({ text: normalizeRunText(w.text), x: w.col, width: w.width, y: (index + 1) * PITCH, size: SIZE, page });
      }
      index++;
    }
    at += lines.length;
  });
  return [runs, pages];
}

/**
 * The lines of a page that dropFurniture may drop or change: those in its top and bottom margins
 * (with a line to spare), and the first and last lines of text between them, which tell the
 * margins' lines whether they are the page's first or last. Laying out only these gives the same
 * result as the whole page, at a fraction of the cost.
 */
function furnitureCandidates(lines: string[]): boolean[] {
  const band = Math.ceil(0.1 * Math.max(1, lines.length)) + 1;
  const picked = lines.map((_, i) => i < band || i >= lines.length - band);
  const between = lines.flatMap((line, i) => (!picked[i] && line.trim() ? [i] : []));
  if (between.length) picked[between[0]] = picked[between[between.length - 1]] = true;
  return picked;
}

/** A page counter or a piece of one: "-3-", "第 1 页", "3", and "共 28 页" when the layout set it apart from "第 1 页". */
const isCounter = (t: string) => PAGE_NUMBER.test(t) || /^\d{1,4}$/.test(t) || /^共\s*\d+\s*页$/.test(t);

/**
 * pdftotext text not laid out by columns still has its pages (form feeds): page numbers at the
 * page edges, also beside a running footer ("file:///…  11/13"), are dropped as the PDF reader
 * drops them, so a page counter is never read as a cell. `laidOut` picks a page's lines to lay
 * out (a test lays out all).
 */
export function dropPageFurniture(text: string, laidOut = furnitureCandidates): string {
  if (text.split('\f', 3).length < 3) return text;
  const [runs, pages] = runsOf(text, laidOut);
  const lines = toLines(runs);
  const before = new Map(lines.map((l) => [l, l.frags.length]));
  const all = new Map(lines.map((l) => [lineIndex(l.y), l]));
  const kept = new Map(dropFurniture(lines, pages).map((l) => [lineIndex(l.y), l]));
  const seen = new Set<string>();
  const lineAt = (at: number, line: string): string | null => {
    // (a line between the margins is not laid out: it is never furniture)
    if (!line.trim() || !all.has(at)) return line;
    const l = kept.get(at);
    if (l) return l.frags.length === before.get(l) ? line : l.frags.map((f) => f.text).join('  ');
    // a running head is kept where it first appears (it may be the title), without its page counter
    const words = all.get(at)?.frags.filter((f) => !isCounter(f.text.trim())) ?? [];
    const key = words.map((f) => f.text).join('  ');
    if (!key || seen.has(key.replace(/\d+/g, '#'))) return null;
    seen.add(key.replace(/\d+/g, '#'));
    return key;
  };
  const pagesOut: string[] = [];
  let at = 0;
  for (const page of text.replace(/\r\n?/g, '\n').split('\f')) {
    const linesOut: string[] = [];
    for (const line of page.split('\n')) {
      const out = lineAt(at++, line);
      if (out !== null) linesOut.push(out);
    }
    pagesOut.push(linesOut.join('\n'));
  }
  return pagesOut.join('\f');
}
