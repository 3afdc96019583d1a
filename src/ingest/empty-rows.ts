/**
 * Where a row's values end and whether a row with none lost any: a label followed by no value is a
 * loss to name, unless the report printed the row's cells empty.
 */
import { lowerBound, type FoldedText } from './normalize.js';

/**
 * The report printed the row's cells empty, so nothing was lost: "| 规章 | | | |", or, in a table
 * rebuilt as cell rows from the page geometry, a label alone on its line (no number sat level with it).
 */
export function printsEmptyCells(ft: FoldedText, hit: { start: number }, region: string, cellRows: () => number): boolean {
  const line = region.split('\n').find((l) => l.trim());
  if (line !== undefined && /^\s*\|(?:\s*\|)+\s*$/.test(line)) return true;
  // the label ends its line, and what follows up to the next label is that label's numbering or a new row
  const eol = /^[ \t]*\n\s*/.exec(region);
  if (!eol) return false;
  const after = region.slice(eol[0].length);
  if (!after.startsWith('|') && !/^(?:\d+[.、．]|[(（][一二三四五六七八九十]+[)）])?\s*$/.test(after)) return false;
  const t = ft.text;
  const at = ft.map[hit.start];
  if (t.slice(t.lastIndexOf('\n', at - 1) + 1, at).includes('|')) return false;
  return cellRows() >= 3;
}

/** How many "| … |" rows the table between two folded offsets has: counted once, when first asked. */
export function cellRowCounter(ft: FoldedText, from: number, to: number): () => number {
  let count: number | null = null;
  return () => (count ??= ft.text.slice(ft.map[from], to < ft.map.length ? ft.map[to] : ft.text.length).match(/^\|.*\|[ \t]*$/gm)?.length ?? 0);
}

/**
 * Where a table ends at the next one's heading: normally the heading itself, but a heading that ran
 * into the last row's label cell (PDF layouts put it level with that row) leaves the row's values
 * after it on the same line; they still belong to the row.
 */
export function rowEnd(ft: FoldedText, at: number): number {
  if (at >= ft.folded.length) return at;
  const t = ft.text;
  const i = ft.map[at];
  const start = t.lastIndexOf('\n', i - 1) + 1;
  if (!t.slice(start, i).trimStart().startsWith('|')) return at;
  const nl = t.indexOf('\n', i);
  const lastPipe = t.lastIndexOf('|', (nl < 0 ? t.length : nl) - 1);
  return lastPipe > i ? lowerBound(ft.map, lastPipe + 1) : at;
}
