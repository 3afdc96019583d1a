/**
 * Reading the value cells that follow a row label, whatever the layout: pipe rows (HTML, Markdown,
 * TAB-per-cell text), whitespace-separated rows, one value per line, or digits glued together.
 */

import { fold } from './normalize.js';

/**
 * Starts a cell whose printed values the layout reader could not place in a column
 * (src/ingest/pdf/columns.ts). A noncharacter, so no report prints it: a printed `?` stays a `?`.
 */
export const UNPLACED = '\ufdd0';

/** Tokens as a finding quotes them: what was printed, without the parser's own UNPLACED marks. */
export const quoted = (tokens: readonly Token[]): string => tokens.map((t) => t.raw.replaceAll(UNPLACED, '')).join(' ');

export type Token = ({ kind: 'num'; raw: string } | { kind: 'blank'; raw: string } | { kind: 'raw'; raw: string }) & {
  /** printed in a cell of its own (between pipes): its digits are one value, never cut apart */
  cell?: true;
};

/** A printed value: plain number, or a number with a sign word or a unit (2019 tables). */
const VALUE = /^(?:增|减)?[+-]?\d+(?:\.\d+)?(?:万元|元|件|条|个|项|%)?$/;
const PLAIN = /^\d+(?:\.\d+)?$/;
/** A number with thousands separators, alone in its cell ("4,529", "18,651.06"): one value, as Word's number formats print it. */
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** Markers printed for "not applicable / none": kept raw, read as null. */
const NA = /^(?:\/|-|—|–|--|——|无|\\)$/;
const VALUE_PREFIX = /^(?:增|减)?[+-]?\d+(?:\.\d+)?(?:万元|元)?/;

export function classifyCell(cell: string): Token | 'text' {
  const t = cell.trim();
  if (!t) return { kind: 'blank', raw: '' };
  // a cell the layout reader could not place in its column (pdf/columns.ts UNPLACED): it holds the row's values
  if (t.startsWith(UNPLACED)) return { kind: 'raw', raw: t };
  if (PLAIN.test(t)) return { kind: 'num', raw: t };
  if (GROUPED.test(t)) return { kind: 'num', raw: t.replace(/,/g, '') };
  if (VALUE.test(t) || NA.test(t)) return { kind: 'raw', raw: t };
  // A short cell with digits that is not an enumerated label ("2.重复申请") is a misprinted value
  // ("3O", "1 2"): keep it as a value so it is reported, not silently taken for a label.
  if (t.length <= 8 && /\d/.test(t) && !/^\d+[.、]\D/.test(t) && !/[\u4e00-\u9fff]{2}/.test(t)) return { kind: 'raw', raw: t };
  return 'text';
}

export interface Region {
  /** Values right after the label (the label's own row). */
  first: Token[];
  /** Complete value rows that follow without a label of their own. */
  extras: Token[][];
  /**
   * For an extra row printed after a piece of text that is no whole label ("| 缴纳费用、 | 行政机关不再处理其政 | 0 |…":
   * a label the layout tore apart), that text, folded, its cells joined by "|": the row it is placed in must have a
   * label containing it (its last cells, at least: a group label's cell may come first).
   */
  fragments: Map<number, string>;
  /** Values that fit no row (e.g. a stray "1" line between PDF table fragments). */
  stray: Token[];
}

function splitPipeLine(line: string, isFirst: boolean): string[] {
  const cells = line.split('|');
  if (isFirst) cells.shift(); // the rest of the label's own cell
  else if (cells.length > 1 && !cells[0].trim()) cells.shift();
  // what follows the row's closing pipe is no cell (after the label: "| 规章 |" has no cell of its own)
  if ((cells.length > 1 || isFirst) && !cells[cells.length - 1]?.trim()) cells.pop();
  return cells;
}

/** A short line of label text (its number, if any, first) without sentence punctuation or other digits. */
const TORN_LABEL = /^(?:\d{1,2}\s*[.、．])?[^\d。；;!！?？|]{1,30}$/;

/**
 * The numbers a line of header words gives its columns ("类别 数据1 数据" → [1], "数据 1 数据 2" → [1, 2],
 * "据1 据2 据3" under a wrapped "数" → [1, 2, 3]); none when the line is not header words alone.
 */
export function headerNumbers(line: string): number[] {
  const words = line.trim().replace(/([\u4e00-\u9fff])[\s\u3000]+(?=\d)/g, '$1').split(/[\s\u3000]+/);
  if (!words.every((w) => /^[\u4e00-\u9fff]{1,6}\d{0,2}$/.test(w))) return [];
  return words.flatMap((w) => /\d+$/.exec(w)?.[0] ?? []).map(Number);
}

/** Numbers 1, 2, 3 … in order from `from`. */
export const countsOn = (numbers: number[], from = 1) => numbers.every((n, i) => n === from + i);

/** A header line whose words number the columns in order ("类别 数据1 … 数据6 总计"): its numbers are no values. */
export function numbersColumns(line: string): boolean {
  const numbers = headerNumbers(line);
  return numbers.length >= 3 && countsOn(numbers);
}

function readPipe(region: string, k: number): Region {
  const out: Region = { first: [], extras: [], stray: [], fragments: new Map() };
  const lines = region.split('\n');
  let inExtras = false;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (!line.trim()) continue;
    if (li === 0 && !line.includes('|')) {
      // label remainder without a separator: maybe a value glued to the label
      const c = classifyCell(line);
      if (c !== 'text' && c.kind !== 'blank') out.first.push(c);
      continue;
    }
    // a torn piece of a label on a line of its own (PDF to Markdown sets them between the rows), or a
    // header that numbers its columns ("类别 数据1 数据2 … 总计"): not the table's end
    if (li > 0 && !line.includes('|') && (TORN_LABEL.test(line.trim()) || numbersColumns(line))) continue;
    const printed = splitPipeLine(line, li === 0);
    const cells = printed.map((c) => {
      const t = classifyCell(c);
      return t === 'text' ? t : { ...t, cell: true as const };
    });
    // the "| " that opens the next label's row holds no cell of this row
    if (li > 0 && cells.every((c) => c !== 'text' && c.kind === 'blank')) continue;
    // the column headers printed again (each row group as a table of its own under a heading)
    if (li > 0 && cells.length > 1 && cells.every((c) => c === 'text')) continue;
    const textAt = cells.findIndex((c) => c === 'text');
    const valuesAt = li > 0 && textAt === 0 ? cells.findIndex((c) => c !== 'text') : -1;
    const tail = valuesAt > 0 ? (cells.slice(valuesAt) as (Token | 'text')[]) : [];
    const tailValues = tail.every((c) => c !== 'text') ? (tail as Token[]) : null;
    if (tailValues && (tailValues.length >= k || isGlued(tailValues, k)) && tailValues.some((v) => v.kind !== 'blank')) {
      // a row of values (or of glued digits) after a torn piece of its label
      if (!inExtras && out.first.length > 0 && out.first.length < k && !isGlued(out.first, k)) {
        out.stray.push(...out.first);
        out.first = [];
      }
      inExtras = true;
      out.fragments.set(out.extras.length, printed.slice(0, valuesAt).map(fold).join('|'));
      out.extras.push(tailValues.slice(0, k));
      continue;
    }
    const values = (textAt < 0 ? cells : cells.slice(0, textAt)) as Token[];
    // an empty label cell before a row's values (its label printed on the lines above): no value of the
    // row, when the row's last cell is a value (trailing empty cells are the row's own filler)
    while (values.length > k && values[0].kind === 'blank' && values[values.length - 1].kind !== 'blank') values.shift();
    const complete = li > 0 && textAt < 0 && values.length >= k && values.some((v) => v.kind !== 'blank');
    if (complete) {
      // A full row on its own line belongs to no label on an earlier line (PDF tables print
      // detached labels); a partial run before it was page debris (glued digits are a row).
      if (!inExtras && out.first.length > 0 && out.first.length < k && !isGlued(out.first, k)) {
        out.stray.push(...out.first);
        out.first = [];
      }
      inExtras = true;
      out.extras.push(values.slice(0, k));
    } else if (!inExtras && out.first.length < k && !(li > 0 && isGlued(out.first, k))) {
      // (a row whose glued digits already fill its cells takes nothing from the next line)
      const room = k - out.first.length;
      out.first.push(...values.slice(0, room));
      // values beyond the row's columns fit no cell of it: never dropped unsaid
      if (values.slice(room).some((v) => v.kind !== 'blank')) out.stray.push(...values.slice(room));
    } else if (values.some((v) => v.kind !== 'blank')) {
      out.stray.push(...values);
    }
    if (textAt >= 0) break;
  }
  // A label followed only by blank filler has no values of its own.
  if (out.first.every((t) => t.kind === 'blank') && out.first.length < k) out.first = [];
  return out;
}

/** Cells separated by commas or semicolons ("：34，0，0"), NFKC-folded to ASCII; thousands groups kept apart. */
const LIST_SEP = /(\d)[ \t]*[,;、][ \t]*(?=[\d/\-—])/g;
const THOUSANDS = /(?<![\d.])(\d{1,3}(?:,\d{3})+)(?![\d.]|,\d)/g;
const HAS_THOUSANDS = new RegExp(THOUSANDS.source);

function readLoose(region: string, k: number): Region {
  const body = region.replace(/^[\s:=]+/, '');
  const split = readStream(body.replace(LIST_SEP, '$1 '));
  if (split.length <= k || !HAS_THOUSANDS.test(body)) return chunkStream(split, k);
  const joined = readStream(body.replace(THOUSANDS, (m) => m.replace(/,/g, '')).replace(LIST_SEP, '$1 '));
  return chunkStream(joined.length <= k ? joined : split, k);
}

/** Two spaces or more on a line set cells apart (pdftotext -layout, padded text): the values between are a cell each. */
const WIDE_GAP = /^[ \u3000]{2,}$|^\t+$/;

function readStream(region: string): Token[] {
  const stream: Token[] = [];
  const chunks = region.split(/(\s+)/);
  outer: for (let i = 0; i < chunks.length; i += 2) {
    let rest = chunks[i];
    // a chunk that is one value set apart by wide gaps on both sides is printed in a cell of its own
    const apart = (i === 0 || WIDE_GAP.test(chunks[i - 1])) && (i + 1 >= chunks.length || WIDE_GAP.test(chunks[i + 1]) || /\n/.test(chunks[i + 1]));
    while (rest) {
      const m = VALUE_PREFIX.exec(rest);
      if (!m) {
        if (NA.test(rest)) {
          stream.push({ kind: 'raw', raw: rest });
          break;
        }
        break outer;
      }
      const c = classifyCell(m[0]);
      if (c !== 'text') stream.push(apart && m[0].length === chunks[i].length ? { ...c, cell: true } : c);
      rest = rest.slice(m[0].length);
    }
  }
  return stream;
}

function chunkStream(stream: Token[], k: number): Region {
  const out: Region = { first: [], extras: [], stray: [], fragments: new Map() };
  if (stream.length <= k) {
    out.first = stream;
    return out;
  }
  out.first = stream.slice(0, k);
  let i = k;
  for (; i + k <= stream.length; i += k) out.extras.push(stream.slice(i, i + k));
  out.stray = stream.slice(i);
  return out;
}

export function readRegion(region: string, k: number): Region {
  return region.includes('|') ? readPipe(region, k) : readLoose(region, k);
}

/**
 * True when the tokens look like k numbers printed without separators. Values printed in cells of
 * their own are a short row, not glued digits — the column a row lacks is unknown ("| 规章 | 22 | 235 |"
 * under three headers is not 22|2|35) — unless a cell cannot hold one count ("0000": zeros of
 * several cells a narrow layout ran together).
 */
export function isGlued(tokens: Token[], k: number): boolean {
  if (tokens.length === 0 || tokens.length >= k) return false;
  if (tokens.length > 1 && tokens.every((t) => t.cell && !/^0\d/.test(t.raw))) return false;
  if (!tokens.every((t) => t.kind === 'num')) return false;
  const digits = tokens.reduce((n, t) => n + t.raw.replace(/\..*$/, '').length, 0);
  return digits >= k;
}
