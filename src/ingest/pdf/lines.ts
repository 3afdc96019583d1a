/**
 * Positioned runs → lines of fragments (runs joined where they touch), page furniture dropped,
 * numbers cut off labels they touch, and lines split into value rows and lines of text.
 */
import { countsOn, headerNumbers, numbersColumns as headerNumbering } from '../cells.js';
import { UNITS } from '../values.js';
import type { PageBox, TextRun } from './runs.js';

export interface Fragment {
  text: string;
  /** The runs it was joined from (kept to cut a value off a label it touches). */
  runs: TextRun[];
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export interface Line {
  y: number;
  size: number;
  page: number;
  frags: Fragment[];
  /** A header line numbering its columns (numbersColumns): header text, never values. */
  numbering?: boolean;
}

export interface Row {
  y: number;
  size: number;
  labels: Fragment[];
  values: Fragment[];
  /** Label frags by column index, filled once columns are known. */
  columns: Map<number, Fragment[]>;
}

/** Least and most of many numbers (a spread of a long array overflows the stack). */
export const least = (xs: number[]) => xs.reduce((a, b) => Math.min(a, b), Infinity);
export const most = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), -Infinity);

const VALUE_CELL = /^(?:[+-]?\d[\d,]*(?:\.\d+)?%?|\/|-|—|–|--|——|无)$/;
const BARE_NUMBER = /^\d{1,4}$/;
export const PAGE_NUMBER = /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;

export function toLines(runs: TextRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  let group: TextRun[] = [];
  const flush = () => {
    if (!group.length) return;
    group.sort((a, b) => a.x - b.x);
    const frags: Fragment[] = [];
    for (const r of group) {
      const last = frags[frags.length - 1];
      if (last && r.x - last.x1 <= 0.5 * r.size) {
        last.text += r.x - last.x1 > 0.2 * r.size && /[\w.]$/.test(last.text) && /^[\w.]/.test(r.text) ? ` ${r.text}` : r.text;
        last.x1 = Math.max(last.x1, r.x + r.width);
        last.runs.push(r);
      } else {
        frags.push({ text: r.text, runs: [r], x0: r.x, x1: r.x + r.width, y: r.y, size: r.size });
      }
    }
    lines.push({ y: group[0].y, size: most(group.map((r) => r.size)), page: group[0].page, frags });
    group = [];
  };
  for (const r of sorted) {
    if (group.length && (r.y - group[0].y > 0.3 * group[0].size || r.page !== group[0].page)) flush();
    group.push(r);
  }
  flush();
  return lines;
}

export const lineText = (l: Line) => l.frags.map((f) => f.text).join(' ').trim();

/**
 * Page numbers and running heads/footers, only in a page's top or bottom margin: a decorated page
 * number (-3-, 第3页, 3/9), a bare number that counts with the pages (never a table value that
 * happens to sit at the bottom of a page), or the same text on most pages.
 */
export function dropFurniture(lines: Line[], pages: PageBox[]): Line[] {
  const margin = (l: Line) => {
    const p = pages[l.page];
    if (!p) return false;
    const within = l.y - p.top;
    return within < p.height * 0.1 || within > p.height * 0.9;
  };
  const repeated = new Map<string, Set<number>>();
  const bareOffsets = new Map<number, number>();
  const edge = new Set<Line>();
  lines.forEach((l, i) => {
    if (!margin(l)) return;
    if (lines[i - 1]?.page !== l.page || lines[i + 1]?.page !== l.page) edge.add(l);
    const text = lineText(l);
    const key = text.replace(/\d+/g, '#');
    if (!repeated.has(key)) repeated.set(key, new Set());
    repeated.get(key)!.add(l.page);
    if (edge.has(l) && BARE_NUMBER.test(text)) {
      const offset = Number(text) - l.page;
      bareOffsets.set(offset, (bareOffsets.get(offset) ?? 0) + 1);
    }
  });
  const counting = [...bareOffsets.entries()].filter(([, n]) => n >= Math.min(2, pages.length)).map(([offset]) => offset);
  const minPages = Math.max(2, Math.ceil(pages.length / 2));
  const kept = lines.filter((l) => {
    if (!margin(l)) return true;
    const text = lineText(l);
    if (edge.has(l) && PAGE_NUMBER.test(text)) return false;
    if (edge.has(l) && BARE_NUMBER.test(text) && counting.includes(Number(text) - l.page)) return false;
    // running heads carry words (a title, a date, an address); a bare number may be a table value
    if (!/[^\d\s.,:/#-]{2}/.test(text)) return true;
    return (repeated.get(text.replace(/\d+/g, '#'))?.size ?? 0) < minPages;
  });
  // a page number beside other furniture on the same line ("file:///… 1/2")
  for (const l of kept) if (edge.has(l) && l.frags.length > 1) l.frags = l.frags.filter((f) => !PAGE_NUMBER.test(f.text.trim()));
  return kept.filter((l) => l.frags.length > 0);
}

export const isValue = (text: string) => VALUE_CELL.test(text.replace(/\s+/g, ''));

const fragmentOf = (runs: TextRun[]): Fragment => ({
  text: runs.map((r) => r.text).join(''),
  runs,
  x0: runs[0].x,
  x1: most(runs.map((r) => r.x + r.width)),
  y: runs[0].y,
  size: runs[0].size,
});

/**
 * A narrow label cell can end right where the first value starts: cut a number off the text it
 * touches when it stands where the numbers of other rows stand (same left, centre or right edge).
 */
export function cutValuesOffLabels(lines: Line[]): void {
  const edges = new Map<number, number>();
  const key = (x: number) => Math.round(x);
  for (const l of lines) {
    for (const f of l.frags) {
      if (!isValue(f.text)) continue;
      for (const x of [f.x0, (f.x0 + f.x1) / 2, f.x1]) edges.set(key(x), (edges.get(key(x)) ?? 0) + 1);
    }
  }
  const aligned = (r: TextRun) =>
    [r.x, r.x + r.width / 2, r.x + r.width].some((x) => [-1, 0, 1].some((d) => (edges.get(key(x) + d) ?? 0) >= 2));
  for (const l of lines) {
    l.frags = l.frags.flatMap((f) => {
      if (f.runs.length < 2) return [f];
      const at = f.runs.findIndex((r, i) => i > 0 && isValue(r.text) && !isValue(f.runs[i - 1].text) && aligned(r));
      return at < 0 ? [f] : [fragmentOf(f.runs.slice(0, at)), fragmentOf(f.runs.slice(at))];
    });
  }
}

/** A row's number set apart from its label ("3.", "2、"). */
export const BARE_NUMBER_LABEL = /^\d{1,2}\s*[.、．]$/;

/**
 * A row's number printed apart from its text on the same line ("1.  信访举报投诉类申请": pdftotext
 * -layout pads it) is one label with it, not a label column of its own (which would read as a group).
 */
function joinNumbersToLabels(l: Line): void {
  const out: Fragment[] = [];
  for (const f of l.frags) {
    const last = out[out.length - 1];
    if (last && BARE_NUMBER_LABEL.test(last.text.trim()) && !isValue(f.text) && /^[\u4e00-\u9fff]/.test(f.text) && f.x0 - last.x1 <= 3 * f.size) {
      out[out.length - 1] = { ...last, text: last.text.trim() + f.text, runs: [...last.runs, ...f.runs], x1: f.x1 };
    } else out.push(f);
  }
  l.frags = out;
}

/**
 * Columns numbered in the header ("数据1 数据2 … 数据6 总计", "栏目 1 … 栏目 6"), printed as a line of
 * the header: header words numbered 1, 2, 3 … in order, or those numbers on a line of their own
 * right under the header words over them (a narrow header cell wrapped "数据" over "1"; or over "2"
 * after "数据1" on the line above, going on with its numbering). No row of
 * values is that: a row's values follow its label, and no header text stands right over them.
 */
function numbersColumns(lines: Line[], k: number): boolean {
  const l = lines[k];
  if (headerNumbering(l.frags.map((f) => f.text).join(' '))) return true;
  const at = l.frags.flatMap((f, i) => (isValue(f.text) ? [i] : []));
  if (!at.length || at[0] !== 0) return false;
  // a run 1, 2, 3 …, or the numbers that go on with the numbering of the header line above ("数据1 数据" over "2")
  const numberedAbove = k > 0 && lines[k - 1].page === l.page ? headerNumbers(lineText(lines[k - 1])) : [];
  const from = numberedAbove.length && countsOn(numberedAbove) ? numberedAbove.length + 1 : 1;
  if ((from === 1 && at.length < 3) || at.some((i, n) => l.frags[i].text.trim() !== String(from + n))) return false;
  // the header's lines just above, up to a row (a header cell's word may sit two lines up, beside a centred "类别")
  const above: Fragment[] = [];
  for (let j = k - 1; j >= 0 && lines[j].page === l.page && l.y - lines[j].y <= 2.6 * l.size && !lines[j].frags.some((f) => isValue(f.text)); j--) above.push(...lines[j].frags);
  return at.every((i) => {
    const c = (l.frags[i].x0 + l.frags[i].x1) / 2;
    return above.some((f) => f.x0 - 0.5 * l.size <= c && c <= f.x1 + 0.5 * l.size);
  });
}

/** A unit printed apart after a number ("251000   元": a fine character grid) is that number's, never a cell of its own. */
function withUnits(values: Fragment[]): Fragment[] {
  const out: Fragment[] = [];
  for (const f of values) {
    const last = out[out.length - 1];
    // (the number keeps its place: its column is where the number stands)
    if (last && UNIT.test(f.text.trim()) && /\d$/.test(last.text.trim())) out[out.length - 1] = { ...last, text: last.text.trim() + f.text.trim(), runs: [...last.runs, ...f.runs] };
    else out.push(f);
  }
  return out;
}
const UNIT = new RegExp(`^(?:${UNITS})$`);

export function splitRows(lines: Line[]): { rows: Row[]; texts: Line[] } {
  const rows: Row[] = [];
  const texts: Line[] = [];
  for (const [k, l] of lines.entries()) {
    joinNumbersToLabels(l);
    const first = l.frags.findIndex((f) => isValue(f.text));
    // A number alone on a line with nothing left of it may be a wrapped cell's value or a stray: still a row.
    if (first >= 0 && numbersColumns(lines, k)) texts.push(Object.assign(l, { numbering: true }));
    else if (first < 0) texts.push(l);
    else rows.push({ y: l.y, size: l.size, labels: l.frags.slice(0, first), values: withUnits(l.frags.slice(first)), columns: new Map() });
  }
  return { rows, texts };
}
