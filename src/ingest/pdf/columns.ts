/**
 * The value columns of one table, and each row's cells in them. Columns come from the rows printed
 * full (the i-th number of each); where the catalog says the table has more columns than any row
 * fills (a column blank in every row), the header's leaf cells say where the blank ones are, and
 * only a header that lines up with the numbers is used. A value whose column the geometry cannot
 * tell is never put in a guessed one: its row's cells come out as UNPLACED, which the parser
 * leaves blank and names in a finding.
 */
import { UNPLACED } from '../cells.js';
import { labelText } from './group-labels.js';
import { least, most, type Fragment, type Row } from './lines.js';
import type { Rule } from './rules.js';
import { catalogWidth, TABLE_WIDTHS } from './vocabulary.js';
import { joinWrapped, mid, type Value } from './wrapped-cells.js';

export { UNPLACED };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Value columns from the header cells above the first row: the leaf cells (those with no other
 * header cell under them, or one: a heading repeated over its column), pieces of one cell stacked
 * on lines joined. A column left blank in every row has no number to find it by, but it has its header.
 */
export function headerLeaves(header: Fragment[], left: number, size: number): number[] {
  const cells: { x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const f of [...header].sort((a, b) => a.y - b.y)) {
    if (mid(f) < left - size) continue;
    const same = cells.find((c) => Math.abs(mid(c) - mid(f)) <= 0.5 * size && f.y - c.y1 <= 1.7 * size);
    if (same) Object.assign(same, { x0: Math.min(same.x0, f.x0), x1: Math.max(same.x1, f.x1), y1: f.y });
    else cells.push({ x0: f.x0, x1: f.x1, y0: f.y, y1: f.y });
  }
  const under = (c: (typeof cells)[number]) => cells.filter((d) => d !== c && d.y0 > c.y1 + 0.5 * size && mid(d) >= c.x0 && mid(d) <= c.x1);
  const leaves = cells.filter((c) => under(c).length === 0 || (under(c).length === 1 && under(under(c)[0]).length === 0));
  // a cell over exactly one leaf is that leaf's heading, not a column of its own
  const kept = leaves.filter((c) => !leaves.some((d) => d !== c && d.y0 > c.y1 + 0.5 * size && mid(d) >= c.x0 && mid(d) <= c.x1));
  return kept.map(mid).sort((a, b) => a - b);
}

/** Each value to its nearest column, only when that is clear (at most `ratio` as far as the next) and in order. */
function assign(values: { x0: number; x1: number }[], centres: number[], ratio = 0.5): number[] | null {
  const out: number[] = [];
  for (const v of values) {
    const c = mid(v);
    let best = -1;
    let d1 = Infinity;
    let d2 = Infinity;
    centres.forEach((x, i) => {
      const d = Math.abs(x - c);
      if (d < d1) [d2, d1, best] = [d1, d, i];
      else if (d < d2) d2 = d;
    });
    if (best < 0 || best <= (out[out.length - 1] ?? -1) || d1 > ratio * d2) return null;
    out.push(best);
  }
  return out;
}

/**
 * Column centres for a table whose fullest rows show their columns and which has `width`: those
 * rows must agree (each value clearly in the template's column), and columns they leave blank come
 * from header leaves that the values line up with.
 */
function columnCentres(full: { values: Value[] }[], width: number | null, leaves: number[]): number[] | null {
  const m = full[0].values.length;
  const template = Array.from({ length: m }, (_, i) => median(full.map((r) => mid(r.values[i]))));
  const agree = full.every((r) => assign(r.values, template)?.every((c, i) => c === i));
  if (width === null || m === width) return agree ? template : null;
  if (m > width || leaves.length !== width || !apart(leaves)) return null;
  // rows that fill different columns: each must line up with the header by itself
  if (!agree) return full.every((r) => assign(r.values, leaves)) ? leaves : null;
  const at = assign(template.map((x) => ({ x0: x, x1: x })), leaves);
  if (!at) return null;
  const centres = [...leaves];
  at.forEach((j, i) => (centres[j] = template[i]));
  return centres;
}

/**
 * Header leaves a garbled header makes (a header of vertical characters whose lines pdftotext set a
 * line apart) stand closer than any two columns of a table: a gap under half the usual one.
 */
function apart(xs: number[]): boolean {
  const gaps = xs.slice(1).map((x, i) => x - xs[i]);
  const usual = median(gaps);
  return gaps.every((g) => g >= 0.5 * usual);
}

/**
 * A row's cells from the ruling lines that cross it: the borders right of its label cells bound its
 * value cells. Only when they make exactly the table's cells, each value inside one, one a cell.
 */
function byRules(row: Row, values: Value[], n: number, rules: Rule[]): number[] | null {
  const page = row.values[0].runs[0].page;
  const xs = rules.filter((r) => r.page === page && r.y0 <= row.y - 0.3 * row.size && r.y1 >= row.y).map((r) => r.x).sort((a, b) => a - b);
  const edges: number[] = [];
  for (const x of xs) if (!edges.length || x - edges[edges.length - 1] > 1.5) edges.push(x);
  const labelRight = row.labels.length ? most(row.labels.map((f) => f.x1)) : -Infinity;
  const from = edges.findIndex((x) => x >= labelRight - 1);
  if (from < 0 || edges.length - 1 - from !== n) return null;
  const cells = values.map((v) => {
    const c = mid(v);
    const i = edges.findIndex((x, k) => k >= from && k + 1 < edges.length && c > x && c < edges[k + 1]);
    return i < 0 ? -1 : i - from;
  });
  return cells.every((c, i) => c >= 0 && (i === 0 || c > cells[i - 1])) ? cells : null;
}

/** A row whose values cannot be placed: every cell says so, unless no number is lost (only "无", "—" …). */
const unplaced = (values: Value[], n: number) =>
  Array<string>(n).fill(values.some((v) => /\d/.test(v.text)) ? `${UNPLACED}${values.map((v) => v.text).join(' ')}` : '');

export interface PlacedRow {
  row: Row;
  /** One per value column: the printed value, '' for a blank, or UNPLACED and the row's values. */
  cells: string[];
  /** Fewer values than columns: the rows that the cell borders of their page (rules) may place. */
  short: boolean;
}

export function placeTable(rows: Row[], header: Fragment[], rules: Rule[] = []): PlacedRow[] {
  const size = rows[0].size;
  const merged = joinWrapped(rows, size);
  const counts = merged.map((r) => r.values.length);
  const left = least(merged.flatMap((r) => r.values.map((v) => v.x0)));
  const leaves = headerLeaves(header, left, size);
  let m = most(counts);
  let width = catalogWidth(merged.map((r) => labelText(r.row)), header.map((f) => f.text).join(''), m);
  // one value per line: a list read in order, no columns to place
  if (m <= 1) width = null;
  if (width === null && leaves.length > m && TABLE_WIDTHS.has(leaves.length)) width = leaves.length;
  if (width !== null && m > width) m = width;
  const full = merged.filter((r) => r.values.length === m);
  const centres = full.length ? columnCentres(full, width, leaves) : null;
  const n = centres?.length ?? width ?? m;
  // Text laid out page by page (pdftotext) may shift the columns from one page to the next: a
  // page's own full rows say where its columns are.
  const pageOf = (r: Row) => r.values[0].runs[0].page;
  const byPage = new Map<number, typeof full>();
  for (const r of full) {
    if (!byPage.has(pageOf(r.row))) byPage.set(pageOf(r.row), []);
    byPage.get(pageOf(r.row))!.push(r);
  }
  const pageCentres = new Map<number, number[] | null>();
  for (const [page, own] of byPage) pageCentres.set(page, own.length === full.length ? centres : columnCentres(own, width, leaves));
  // the full rows just above and below each row (text without page breaks shifts columns unannounced)
  const isFull = merged.map((r) => r.values.length === m && full.includes(r));
  const fullAbove: number[] = [];
  const fullBelow: number[] = Array<number>(merged.length).fill(-1);
  merged.forEach((_, i) => fullAbove.push(isFull[i] ? i : i > 0 ? fullAbove[i - 1] : -1));
  for (let i = merged.length - 1; i >= 0; i--) fullBelow[i] = isFull[i] ? i : i + 1 < merged.length ? fullBelow[i + 1] : -1;
  /**
   * A row's cells by the columns of the full rows right above and below it: the columns they agree
   * on, or where they differ (the text shifted its columns between them), the one set of the two
   * that the row's values fit. Null when none or both fit, differently.
   */
  const byNearbyRows = (i: number, values: Value[]): number[] | null => {
    const fits = [...new Set([fullAbove[i], fullBelow[i]])]
      .filter((k) => k >= 0)
      .map((k) => columnCentres([merged[k]], width, leaves))
      .map((cs) => (cs && cs.length === n ? assign(values, cs) : null))
      .filter((at): at is number[] => at !== null);
    return fits.length && fits.every((at) => at.join() === fits[0].join()) ? fits[0] : null;
  };
  return merged.map(({ row, values }, index) => {
    const short = values.length < n;
    const own = pageCentres.has(pageOf(row));
    const cs = own ? pageCentres.get(pageOf(row))! : centres;
    // Digits over the centres of two columns or more were glued by the extraction (pdftotext
    // writes "0000" for four narrow cells): the parser cuts them, and only when they hold a digit per cell.
    // a row one number short whose label ends with a number ("4. 保护第三方合法权益 2", cells a
    // space apart): in reading order, that number is the row's first cell
    if (values.length === n - 1) {
      const first = takeLabelEnd(row, values);
      if (first !== null) return { row, cells: [first, ...values.map((v) => v.text)], short: false };
    }
    const ruled = rules.length && short ? byRules(row, values, n, rules) : null;
    if (ruled) {
      const cells = Array<string>(n).fill('');
      ruled.forEach((c, i) => (cells[c] = values[i].text));
      return { row, cells, short };
    }
    if (short && fewestCells(values) === n) return { row, cells: values.map((v) => v.text), short };
    // ("00", "01": no count starts with 0, so such a number is cells glued whatever its width)
    if (values.length < n && values.some((v) => /^0\d/.test(v.text))) return { row, cells: gluedOrUnplaced(values, n), short };
    if (cs && values.length < n && values.some((v) => /^\d{2,}$/.test(v.text) && cs.filter((c) => c >= v.x0 && c <= v.x1).length >= 2)) {
      return { row, cells: gluedOrUnplaced(values, n), short };
    }
    // a row printed full needs no positions
    // (columns borrowed from other pages must fit closer: a page may shift them)
    let at = values.length === n ? values.map((_, i) => i) : cs && values.length < n ? assign(values, cs, own ? 0.5 : 0.25) : null;
    if (!at && values.length < n) at = byNearbyRows(index, values);
    if (!at) return { row, cells: unplaced(values, n), short };
    const cells = Array<string>(n).fill('');
    at.forEach((c, i) => (cells[c] = values[i].text));
    if (cs && short && reachesBlankCell(values, at, cells, cs)) return { row, cells: gluedOrUnplaced(values, n), short };
    takeLabelNumber(row, values, cells);
    return { row, cells, short };
  });
}

/** Glued values go to the parser, which cuts them by the table's sums, when they hold a digit per cell at least. */
function gluedOrUnplaced(values: Value[], n: number): string[] {
  const digits = values.reduce((k, v) => k + v.text.replace(/\..*$/, '').replace(/\D/g, '').length, 0);
  return digits >= n ? values.map((v) => v.text) : unplaced(values, n);
}

/**
 * Digits reaching the border of a cell the row leaves blank may be two cells glued ("10" for 1 and
 * 0 where columns are a character apart) as well as one number: its position cannot tell.
 */
function reachesBlankCell(values: Value[], at: number[], cells: string[], centres: number[]): boolean {
  return values.some((v, i) => {
    const c = at[i];
    if (!/^\d{2,}$/.test(v.text)) return false;
    const before = c > 0 && cells[c - 1] === '' && v.x0 <= (centres[c - 1] + centres[c]) / 2;
    const after = c + 1 < cells.length && cells[c + 1] === '' && v.x1 >= (centres[c] + centres[c + 1]) / 2;
    return before || after;
  });
}

/**
 * The fewest cells the values can be, glued as printed: no count starts with 0, so each leading 0 of
 * "0001" is a cell of its own. When that is the table's width, every column is filled and the parser's
 * cut is the only one: a page whose columns no other row shows (pdftotext sets each page apart) needs
 * no positions.
 */
function fewestCells(values: Value[]): number {
  let cells = 0;
  for (const { text } of values) {
    if (!/^\d+$/.test(text)) return -1;
    const zeros = /^0*/.exec(text)![0].length;
    cells += zeros === text.length ? zeros : zeros + 1;
  }
  return cells;
}

/**
 * A label wrapped over lines can end its first line with the row's first value, set one space after
 * the text or none ("其他法律行政法规禁 0" over "2." and "止公开   0 0 0 0 0 0": pdftotext -layout). It
 * stands left of all the row's other values, right after the label: the cell of the blank column
 * left of them when there is one, or of the first of several when it is one digit. A longer number
 * before several blank columns may be two cells run together ("310" for 31 and 0): those cells are
 * unplaced, never guessed. The label loses it either way.
 */
function takeLabelNumber(row: Row, values: Value[], cells: string[]): void {
  if (!values.length || cells[0] !== '') return;
  const first = takeLabelEnd(row, values);
  if (first === null) return;
  if (cells[1] !== '' || first.length === 1) cells[0] = first;
  else for (let c = 0; c < cells.length && cells[c] === ''; c++) cells[c] = `${UNPLACED}${first}`;
}

/** The number one label fragment of the row ends with (a space after its text, or none), left of its values, taken off the label (null: none, or more than one). */
function takeLabelEnd(row: Row, values: Value[]): string | null {
  const ends = row.labels.filter((f) => /[\u4e00-\u9fff\p{P}] ?\d+$/u.test(f.text) && f.x1 <= values[0].x0);
  if (ends.length !== 1) return null;
  const m = / ?(\d+)$/.exec(ends[0].text)!;
  ends[0].text = ends[0].text.slice(0, m.index);
  return m[1];
}
