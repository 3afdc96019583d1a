/**
 * Row labels from geometry: label lines join their row (wrapped, centred, split by a page break);
 * group labels (rowspans) are placed afterwards (group-labels.ts).
 */
import { ENUMERATED, isArticle, isColumnHeader, isMarkdownHeading, isPartHeading, STARTS_CELL, startsRowLabel } from './vocabulary.js';
import { least, lineText, most, PAGE_NUMBER, type Fragment, type Line, type Row } from './lines.js';

/**
 * Left edges of one label column: pdftotext -layout sets them a column apart from line to line
 * (half a full-width character), a PDF's runs a fraction of a point.
 */
const sameColumn = (a: number, b: number, size: number) => Math.abs(a - b) <= 0.6 * size;


/**
 * Label lines left of the values join a row. A line that does not start a label continues the label
 * line above it in the same column (also across a page break: a cell split over two pages); a
 * numbered line starts the label of the row below it or beside it; else the nearest row.
 */
export function attachLabels(rows: Row[], texts: Line[]): Line[] {
  const free: Line[] = [];
  const orphans: Fragment[] = [];
  const lastInColumn: LastInColumn[] = [];
  // the latest line in that column (drifting edges may keep two entries for one column)
  const columnAt = (x: number, size: number) =>
    lastInColumn.filter((c) => sameColumn(c.x0, x, size)).reduce<LastInColumn | undefined>((a, c) => (a && a.y >= c.y ? a : c), undefined);
  const remember = (f: Fragment, row: Row) => {
    const c = columnAt(f.x0, f.size);
    const at = { x0: f.x0, x1: f.x1, y: f.y, text: f.text, page: f.runs[0].page, row };
    // a row's labels come with it, also those that joined it from lines above: the lowest line stays
    if (c && f.y >= c.y) Object.assign(c, at);
    else if (!c) lastInColumn.push(at);
  };
  const firstRowOfPage = new Map<number, Row>();
  for (const r of rows) if (!firstRowOfPage.has(r.values[0].runs[0].page)) firstRowOfPage.set(r.values[0].runs[0].page, r);
  const events = [...rows.map((row) => ({ y: row.y, row })), ...texts.map((line) => ({ y: line.y, line }))].sort((a, b) => a.y - b.y);
  const unlabelling = freeLines(rows, events);
  // a label never reaches across a part's heading (四、政府信息公开行政复议… between 表三 and 表四)
  const headings = texts.filter((l) => isPartHeading(lineText(l))).map((l) => l.y);
  const part = (y: number) => headings.filter((h) => h < y).length;
  const samePart = (f: Fragment, r: Row) => headings.length === 0 || part(f.y) === part(r.y);
  let lo = 0;
  for (const event of events) {
    if ('row' in event) {
      for (const f of event.row.labels) remember(f, event.row);
      continue;
    }
    const l = event.line;
    const reach = 8 * l.size;
    while (lo < rows.length && rows[lo].y < l.y - reach) lo++;
    const left: Fragment[] = [];
    if (unlabelling.has(l)) {
      free.push(l);
      continue;
    }
    for (const f of l.frags) {
      const above = columnAt(f.x0, f.size);
      const row = rowForLabel(f, rows, lo, reach, above && samePart(f, above.row) ? above : undefined, firstRowOfPage, samePart);
      if (row) {
        row.labels.push(f);
        remember(f, row);
      } else left.push(f);
    }
    if (left.length) {
      orphans.push(...left);
      free.push({ ...l, frags: left });
    }
  }
  const taken = attachAbove(rows, orphans);
  return free.map((l) => ({ ...l, frags: l.frags.filter((f) => !taken.has(f)) })).filter((l) => l.frags.length > 0);
}

/**
 * A row's numbers glued to the next row's numbered label ("20000022.申请人逾期…": 2000002, then "2."):
 * the line holds a row of its own in reading order, so it is no label of a row beside it.
 */
const VALUES_BEFORE_LABEL = /^\d{3,}[.、．]\s*[\u4e00-\u9fff]/;

/**
 * Lines that hold no row label: a part heading, a Markdown heading (it heads what follows), a header row (some cell of it
 * over the values, where most rows near it start their values: a first value cut off a long label
 * starts further left), a line holding a row's glued numbers, a page number the text kept where it
 * printed no page break (pdftotext -nopgbrk) — and the numbered lines right above a header row,
 * with no row between: a row group printed as a small table of its own under its heading
 * ("三、本年度办理结果" and "（一）予以公开" over "类别 数据1 … 总计").
 */
function freeLines(rows: Row[], events: ({ y: number; row: Row } | { y: number; line: Line })[]): Set<Line> {
  const free = new Set<Line>();
  let lo = 0;
  for (const event of events) {
    if ('row' in event) continue;
    const l = event.line;
    const reach = 8 * l.size;
    while (lo < rows.length && rows[lo].y < l.y - reach) lo++;
    const starts: number[] = [];
    for (let i = lo; i < rows.length && rows[i].y <= l.y + reach; i++) starts.push(rows[i].values[0].x0);
    const valuesFrom = starts.length ? starts.sort((a, b) => a - b)[Math.floor(starts.length / 2)] : Infinity;
    const text = lineText(l);
    if (isPartHeading(text) || isArticle(text) || isMarkdownHeading(text) || PAGE_NUMBER.test(text) || isColumnHeader(l) || l.frags.some((f) => f.x1 > valuesFrom + 0.3 * l.size || VALUES_BEFORE_LABEL.test(f.text))) free.add(l);
  }
  // bottom-up, so a heading over a heading over the header row is one too
  const headings = new Set<Line>();
  let below: Line | null = null;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if ('row' in event) {
      below = null;
      continue;
    }
    const l = event.line;
    const headerRow = (b: Line) => free.has(b) && !isColumnHeader(b) && b.frags.length > 1;
    if (!free.has(l) && below && (headings.has(below) || headerRow(below)) && below.y - l.y <= 4 * l.size && startsRowLabel(lineText(l))) {
      free.add(l);
      headings.add(l);
    }
    below = l;
  }
  return free;
}

/**
 * A tall cell prints its values beside its middle line, so its first lines can sit further above
 * them than any row's reach: a label line left over joins the row of the label line right under it
 * in its column, when it fills its cell as a wrapped line does and that line does not start a cell
 * of its own (read bottom-up, so a label wrapped over many lines joins whole).
 */
function attachAbove(rows: Row[], orphans: Fragment[]): Set<Fragment> {
  const taken = new Set<Fragment>();
  if (!orphans.length) return taken;
  const owner = new Map<Fragment, Row>();
  for (const r of rows) for (const f of r.labels) owner.set(f, r);
  const frags = [...owner.keys(), ...orphans].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const below: { x0: number; y: number; row: Row; startsCell: boolean }[] = [];
  for (const f of frags) {
    // the nearest line under it in its column (drifting edges may keep two entries for one column)
    const under = below.filter((c) => sameColumn(c.x0, f.x0, f.size)).reduce<(typeof below)[number] | undefined>((a, c) => (a && a.y <= c.y ? a : c), undefined);
    let row = owner.get(f);
    if (!row && under && !under.startsCell && under.y - f.y <= 1.7 * f.size && under.row.y > f.y && fillsCell(f, under.row, under.row.values[0].x0)) {
      row = under.row;
      row.labels.push(f);
      taken.add(f);
    }
    const at = { x0: f.x0, y: f.y, row: row!, startsCell: STARTS_CELL.test(f.text) };
    if (!row) {
      if (under) below.splice(below.indexOf(under), 1);
    } else if (under) Object.assign(under, at);
    else below.push(at);
  }
  return taken;
}

interface LastInColumn {
  x0: number;
  x1: number;
  y: number;
  text: string;
  page: number;
  row: Row;
}

/**
 * Where a label line's text ends and how wide its characters are (pdftotext -layout may give a
 * full-width character one column or two); a number ending it (the row's first value, set one
 * space after the text) is not text.
 */
function textEnd(f: { x0: number; x1: number; text: string }): { end: number; char: number } {
  const char = (f.x1 - f.x0) / Math.max(1, [...f.text].length);
  return { end: f.x0 + char * [...f.text.replace(/ \d+$/, '')].length, char };
}

/**
 * A wrapped label line fills its cell: its text ends within a few characters of where the cell
 * ends, or about where the cell's widest other line does. (A short line ends a label: the next
 * line starts another.)
 */
function fillsCell(f: { x0: number; x1: number; y: number; size: number; text: string }, row: Row, end: number): boolean {
  const { end: at, char } = textEnd(f);
  if (at >= end - 3 * char) return true;
  const others = row.labels.filter((g) => g.y !== f.y && sameColumn(g.x0, f.x0, f.size)).map((g) => textEnd(g).end);
  return others.length > 0 && at >= most(others) - 1.5 * char;
}

/** Where the label cell of `above` ends: the next label column of its row, or its row's first value. */
function cellEnd(above: { x0: number; row: Row }): number {
  const next = above.row.labels.map((g) => g.x0).filter((x) => x > above.x0 + 1);
  return least([above.row.values[0].x0, ...next]);
}

function rowForLabel(
  f: Fragment,
  rows: Row[],
  lo: number,
  reach: number,
  above: LastInColumn | undefined,
  firstRowOfPage: Map<number, Row>,
  samePart: (f: Fragment, r: Row) => boolean,
): Row | null {
  const page = f.runs[0].page;
  const numbered = ENUMERATED.test(f.text);
  const candidates: Row[] = [];
  const groupOf = new Set<Row>();
  for (let i = lo; i < rows.length && rows[i].y <= f.y + reach; i++) {
    const r = rows[i];
    if (f.x1 > r.values[0].x0 + 0.3 * f.size || !samePart(f, r)) continue;
    // a cell's text starts with its number: a line above a row's own numbered label is not that cell's
    if (!numbered && r.labels.some((g) => g.y > f.y + 0.3 * f.size && sameColumn(g.x0, f.x0, f.size) && STARTS_CELL.test(g.text))) continue;
    const distance = Math.abs(r.y - f.y);
    // A group label (left of the row's own label) is centred on many rows: it may sit further away.
    const groupLike = r.labels.length > 0 && f.x1 <= least(r.labels.map((g) => g.x0)) + 0.3 * f.size;
    if (groupLike) groupOf.add(r);
    if (distance <= (groupLike ? reach : 3.5 * f.size)) candidates.push(r);
  }
  // the rest of a wrapped label: right under it, or at the top of the next page (a cell split by the page break)
  // (only when the line above fills its cell: a short label does not wrap)
  const continues = !numbered && above && f.x1 <= above.row.values[0].x0 + 0.3 * f.size && fillsCell({ ...above, size: f.size }, above.row, cellEnd(above));
  if (continues) {
    if (f.y - above.y <= 1.7 * f.size) return above.row;
    const firstRowHere = firstRowOfPage.get(page);
    if (page === above.page + 1 && (!firstRowHere || f.y < firstRowHere.y - 0.3 * f.size)) return above.row;
  }
  // A numbered label starts its cell, and a cell's values are beside or below its first line: a
  // numbered line under a row's own label (a heading after the table) is not that row's, only a
  // group label centred on rows above it may be.
  const pool = numbered ? candidates.filter((r) => r.y >= f.y - 0.3 * f.size || groupOf.has(r)) : candidates;
  if (!pool.length) return null;
  const below = numbered ? pool.filter((r) => r.y >= f.y - 0.3 * f.size) : [];
  const nearest = (below.length ? below : pool).reduce((a, b) => (Math.abs(b.y - f.y) < Math.abs(a.y - f.y) ? b : a));
  // pdftotext -layout rounds line positions, so a wrapped label may keep a blank line inside its cell:
  // a line a blank line under a full label line joins that cell when its row's values are centred on
  // the cell so made better than the nearest row's on its own
  if (continues && nearest !== above.row && f.y - above.y <= 2.7 * f.size && offCentre(above.row, f) < offCentre(nearest, f)) return above.row;
  return nearest;
}

/** How far a row's values sit from the middle of its label cell (its lines in f's column), were f a line of it. */
function offCentre(r: Row, f: Fragment): number {
  const ys = [r.y, f.y, ...r.labels.filter((g) => sameColumn(g.x0, f.x0, f.size)).map((g) => g.y)];
  return Math.abs((least(ys) + most(ys)) / 2 - r.y);
}
