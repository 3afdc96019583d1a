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

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const NUMBER = /^[+-]?\d[\d,]*(?:\.\d+)?%?$/;
const CJK_WORD = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’()（）、,.，。：:;；]+$/;
/** A numbered row label ("1.本机关不掌握…"): beside a group label ("（四） 1.…") it is a cell of its own. */
const NUMBERED = /^\d{1,2}[.、．][\u4e00-\u9fff]/;

/** pdftotext lays text out either one column per character or two per full-width one: both are tried. */
type Widths = (ch: string) => number;
const NARROW: Widths = () => 1;
const EAST_ASIAN: Widths = (ch) => (WIDE.test(ch) ? 2 : 1);

interface Word {
  text: string;
  col: number;
  width: number;
}

function words(line: string, width: Widths): Word[] {
  const out: Word[] = [];
  let col = 0;
  let current: Word | null = null;
  for (const ch of line) {
    const w = ch === '\t' ? 8 - (col % 8) : width(ch);
    if (/\s/.test(ch)) current = null;
    else if (current) {
      current.text += ch;
      current.width += w;
    } else out.push((current = { text: ch, col, width: w }));
    col += w;
  }
  return out;
}

/**
 * Words one space apart are one piece of text ("申请 3119 件", "2024 年"), except two numbers (cells
 * of adjacent columns), two words of Chinese or one and a numbered label (cells side by side), or a number that more
 * cells follow (a label cell filled up to its first value: "禁止公开 0      0   0").
 */
function joinWords(ws: Word[]): Word[] {
  const out: Word[] = [];
  const gapAfter = (i: number) => (i + 1 < ws.length ? ws[i + 1].col - (ws[i].col + ws[i].width) : 0);
  const apart = (a: string, b: string, i: number) =>
    (NUMBER.test(a) && NUMBER.test(b)) || (CJK_WORD.test(a) && (CJK_WORD.test(b) || NUMBERED.test(b))) || (NUMBER.test(b) && gapAfter(i) >= 2);
  for (const [i, w] of ws.entries()) {
    const last = out[out.length - 1];
    const lastWord = last?.text.split(' ').pop() ?? '';
    if (last && w.col - (last.col + last.width) === 1 && !apart(lastWord, w.text, i)) {
      last.text += ` ${w.text}`;
      last.width = w.col + w.width - last.col;
    } else out.push({ ...w });
  }
  return out;
}

/** How many distinct left edges the numbers after text have: the width model that aligns them best is the one used. */
function scatter(lines: string[], width: Widths): number {
  const edges = new Set<number>();
  for (const line of lines) {
    const ws = words(line, width);
    if (!ws.some((w) => WIDE.test(w.text))) continue;
    for (const w of ws) if (NUMBER.test(w.text) && w.col > 0) edges.add(w.col);
  }
  return edges.size;
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
export function spacedRuns(text: string): [TextRun[], PageBox[]] {
  const pageTexts = text.replace(/\r\n?/g, '\n').split('\f');
  const allLines = pageTexts.flatMap((p) => p.split('\n'));
  const width = scatter(allLines, EAST_ASIAN) < scatter(allLines, NARROW) ? EAST_ASIAN : NARROW;
  const runs: TextRun[] = [];
  const pages: PageBox[] = [];
  let index = 0;
  pageTexts.forEach((pageText, page) => {
    const lines = pageText.split('\n');
    if (page === pageTexts.length - 1 && !pageText.trim()) return;
    pages.push({ top: index * PITCH, height: Math.max(1, lines.length) * PITCH });
    for (const line of lines) {
      for (const w of joinWords(words(line, width))) {
        runs.push({ text: normalizeRunText(w.text), x: w.col, width: w.width, y: (index + 1) * PITCH, size: SIZE, page });
      }
      index++;
    }
  });
  return [runs, pages];
}

/** A page counter or a piece of one: "-3-", "第 1 页", "3", and "共 28 页" when the layout set it apart from "第 1 页". */
const isCounter = (t: string) => PAGE_NUMBER.test(t) || /^\d{1,4}$/.test(t) || /^共\s*\d+\s*页$/.test(t);

/**
 * pdftotext text not laid out by columns still has its pages (form feeds): page numbers at the
 * page edges, also beside a running footer ("file:///…  11/13"), are dropped as the PDF reader
 * drops them, so a page counter is never read as a cell.
 */
export function dropPageFurniture(text: string): string {
  if (text.split('\f', 3).length < 3) return text;
  const [runs, pages] = spacedRuns(text);
  const lines = toLines(runs);
  const before = new Map(lines.map((l) => [l, l.frags.length]));
  const all = new Map(lines.map((l) => [lineIndex(l.y), l]));
  const kept = new Map(dropFurniture(lines, pages).map((l) => [lineIndex(l.y), l]));
  const seen = new Set<string>();
  let index = 0;
  return text
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .map((page) =>
      page
        .split('\n')
        .flatMap((line) => {
          const at = index++;
          if (!line.trim()) return [line];
          const l = kept.get(at);
          if (l) return l.frags.length === before.get(l) ? [line] : [l.frags.map((f) => f.text).join('  ')];
          // a running head is kept where it first appears (it may be the title), without its page counter
          const words = all.get(at)?.frags.filter((f) => !isCounter(f.text.trim())) ?? [];
          const key = words.map((f) => f.text).join('  ');
          if (!key || seen.has(key.replace(/\d+/g, '#'))) return [];
          seen.add(key.replace(/\d+/g, '#'));
          return [key];
        })
        .join('\n'),
    )
    .join('\f');
}
