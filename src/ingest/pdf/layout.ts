/**
 * Positioned text runs → the text the parser reads: table rows rebuilt from geometry as
 * "| label | v | v |" lines (a blank cell stays an empty cell), everything else as lines of text.
 *
 * Rows are anchored on lines holding isolated numbers (a cell's number sits alone; numbers in prose
 * touch their words). Label lines left of a row's first number join the nearest row, so a label
 * wrapped over lines around its vertically centred numbers is read whole. A label column block that
 * spans rows with deeper labels (三、本年度办理结果, （三）不予公开) is a group label and goes
 * to the first row of its group, as an HTML rowspan would. Value columns are the x ranges of the
 * numbers of one table, so a row printed with a blank cell keeps the blank in its place. Pages are
 * stacked, and page numbers in the margins dropped, so tables cross page breaks.
 */
import { catalog } from '../../format/index.js';
import { fold } from '../normalize.js';
import type { PageBox, TextRun } from './runs.js';

/** The report's part titles (二、主动公开政府信息情况 …), from the catalog: a line that is one is a heading, never a cell. */
const PART_TITLES = [...new Set(catalog.formats.flatMap((f) => f.sections.map((s) => fold(s.title))))];
/** Sub-table headings of 表二 (第二十条第（一）项 …): they start a new small table, never label a row. */
const ARTICLES = [...new Set(catalog.formats.flatMap((f) => f.proactiveDisclosure.map((g) => fold(g.article))))];
/** Column headers of the catalog's tables: a line holding one is a header row, not a label. */
const COLUMN_LABELS = [
  ...new Set(
    catalog.formats.flatMap((f) => [
      ...f.proactiveDisclosure.flatMap((g) => g.measures.map((m) => m.label)),
      ...f.applications.applicants.map((a) => a.label),
      ...f.reviewsAndLitigation.outcomes.map((o) => o.label),
    ]).map(fold).filter((l) => l.length >= 3),
  ),
];
const isArticle = (text: string) => ARTICLES.some((a) => fold(text).startsWith(a));
const isColumnHeader = (l: { frags: { text: string }[] }) => l.frags.some((f) => COLUMN_LABELS.includes(fold(f.text)));

/** How many value columns the catalog's tables have: a header read as one of these is trusted. */
const TABLE_WIDTHS = new Set(catalog.formats.flatMap((f) => [f.applications.applicants.length, f.reviewsAndLitigation.groups.length * f.reviewsAndLitigation.outcomes.length]));
const PART_NUMBER = /^\s*[一二三四五六七八九十]+\s*[、.．]?/;
export function isPartHeading(text: string): boolean {
  const folded = fold(text.replace(PART_NUMBER, ''));
  return folded.length >= 4 && PART_TITLES.some((t) => folded.startsWith(t.slice(0, Math.max(4, t.length - 2))));
}

interface Fragment {
  text: string;
  /** The runs it was joined from (kept to cut a value off a label it touches). */
  runs: TextRun[];
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Line {
  y: number;
  size: number;
  page: number;
  frags: Fragment[];
}

interface Row {
  y: number;
  size: number;
  labels: Fragment[];
  values: Fragment[];
  /** Label frags by column index, filled once columns are known. */
  columns: Map<number, Fragment[]>;
}

const VALUE_CELL = /^(?:[+-]?\d[\d,]*(?:\.\d+)?%?|\/|-|—|–|--|——|无)$/;
const BARE_NUMBER = /^\d{1,4}$/;
const PAGE_NUMBER = /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;
const CJK = /[\u4e00-\u9fff]/g;

function toLines(runs: TextRun[]): Line[] {
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
    lines.push({ y: group[0].y, size: Math.max(...group.map((r) => r.size)), page: group[0].page, frags });
    group = [];
  };
  for (const r of sorted) {
    if (group.length && (r.y - group[0].y > 0.3 * group[0].size || r.page !== group[0].page)) flush();
    group.push(r);
  }
  flush();
  return lines;
}

const lineText = (l: Line) => l.frags.map((f) => f.text).join(' ').trim();

/**
 * Page numbers and running heads/footers, only in a page's top or bottom margin: a decorated page
 * number (-3-, 第3页, 3/9), a bare number that counts with the pages (never a table value that
 * happens to sit at the bottom of a page), or the same text on most pages.
 */
function dropFurniture(lines: Line[], pages: PageBox[]): Line[] {
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

const isValue = (text: string) => VALUE_CELL.test(text.replace(/\s+/g, ''));

const fragmentOf = (runs: TextRun[]): Fragment => ({
  text: runs.map((r) => r.text).join(''),
  runs,
  x0: runs[0].x,
  x1: Math.max(...runs.map((r) => r.x + r.width)),
  y: runs[0].y,
  size: runs[0].size,
});

/**
 * A narrow label cell can end right where the first value starts: cut a number off the text it
 * touches when it stands where the numbers of other rows stand (same left, centre or right edge).
 */
function cutValuesOffLabels(lines: Line[]): void {
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

function splitRows(lines: Line[]): { rows: Row[]; texts: Line[] } {
  const rows: Row[] = [];
  const texts: Line[] = [];
  for (const l of lines) {
    const first = l.frags.findIndex((f) => isValue(f.text));
    // A number alone on a line with nothing left of it may be a wrapped cell's value or a stray: still a row.
    if (first < 0) texts.push(l);
    else rows.push({ y: l.y, size: l.size, labels: l.frags.slice(0, first), values: l.frags.slice(first), columns: new Map() });
  }
  return { rows, texts };
}

/** A line that starts a label: 一、 （一） 1. and the like. */
const ENUMERATED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d{1,2}\s*[.、．](?!\d))/;

/**
 * Label lines left of the values join a row. A line that does not start a label continues the label
 * line above it in the same column (also across a page break: a cell split over two pages); a
 * numbered line starts the label of the row below it or beside it; else the nearest row.
 */
function attachLabels(rows: Row[], texts: Line[]): Line[] {
  const free: Line[] = [];
  const lastInColumn: { x0: number; x1: number; y: number; page: number; row: Row }[] = [];
  const columnAt = (x: number, size: number) => lastInColumn.find((c) => Math.abs(c.x0 - x) <= 0.5 * size);
  const remember = (f: Fragment, row: Row) => {
    const c = columnAt(f.x0, f.size);
    const at = { x0: f.x0, x1: f.x1, y: f.y, page: f.runs[0].page, row };
    if (c) Object.assign(c, at);
    else lastInColumn.push(at);
  };
  const pagesWithRows = new Set(rows.map((r) => r.values[0].runs[0].page));
  const events = [...rows.map((row) => ({ y: row.y, row })), ...texts.map((line) => ({ y: line.y, line }))].sort((a, b) => a.y - b.y);
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
    // a part heading, or a header row (some cell of it over the values), holds no row label
    const near = rows.slice(lo).filter((r) => Math.abs(r.y - l.y) <= reach);
    const valuesFrom = Math.min(...near.map((r) => r.values[0].x0));
    if (isPartHeading(lineText(l)) || isArticle(lineText(l)) || isColumnHeader(l) || l.frags.some((f) => f.x1 > valuesFrom + 0.3 * l.size)) {
      free.push(l);
      continue;
    }
    for (const f of l.frags) {
      const row = rowForLabel(f, rows, lo, reach, columnAt(f.x0, f.size), pagesWithRows);
      if (row) {
        row.labels.push(f);
        remember(f, row);
      } else left.push(f);
    }
    if (left.length) free.push({ ...l, frags: left });
  }
  return free;
}

/** Where the label cell of `above` ends: the next label column of its row, or its row's first value. */
function cellEnd(above: { x0: number; row: Row }): number {
  const next = above.row.labels.map((g) => g.x0).filter((x) => x > above.x0 + 1);
  return Math.min(above.row.values[0].x0, ...next);
}

function rowForLabel(f: Fragment, rows: Row[], lo: number, reach: number, above: { x0: number; x1: number; y: number; page: number; row: Row } | undefined, pagesWithRows: Set<number>): Row | null {
  const page = f.runs[0].page;
  const numbered = ENUMERATED.test(f.text);
  const candidates: Row[] = [];
  for (let i = lo; i < rows.length && rows[i].y <= f.y + reach; i++) {
    const r = rows[i];
    if (f.x1 > r.values[0].x0 + 0.3 * f.size) continue;
    const distance = Math.abs(r.y - f.y);
    // A group label (left of the row's own label) is centred on many rows: it may sit further away.
    const groupLike = r.labels.length > 0 && f.x1 <= Math.min(...r.labels.map((g) => g.x0)) + 0.3 * f.size;
    if (distance <= (groupLike ? reach : 3.5 * f.size)) candidates.push(r);
  }
  // the rest of a wrapped label: right under it, or at the top of the next page (a cell split by the page break)
  // (only when the line above fills its cell: a short label does not wrap)
  if (!numbered && above && f.x1 <= above.row.values[0].x0 + 0.3 * f.size && above.x1 >= cellEnd(above) - 3 * f.size) {
    if (f.y - above.y <= 1.7 * f.size) return above.row;
    const firstRowHere = rows.find((r) => r.values[0].runs[0].page === page);
    if (page === above.page + 1 && (!pagesWithRows.has(page) || f.y < firstRowHere!.y - 0.3 * f.size)) return above.row;
  }
  if (!candidates.length) return null;
  const below = numbered ? candidates.filter((r) => r.y >= f.y - 0.3 * f.size) : [];
  return (below.length ? below : candidates).reduce((a, b) => (Math.abs(b.y - f.y) < Math.abs(a.y - f.y) ? b : a));
}

function clusterStarts(xs: number[], gap: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const starts: number[] = [];
  for (const x of sorted) if (!starts.length || x - sorted[sorted.indexOf(x) - 1] > gap) starts.push(x);
  return starts;
}

const columnOf = (starts: number[], x: number) => {
  let c = 0;
  while (c + 1 < starts.length && x >= starts[c + 1] - 0.01) c++;
  return c;
};

/**
 * Group labels (a block of a label column beside rows that all have deeper labels) move to the first
 * row of their group. A rowspan's text is centred on its rows, so within a run of such rows the
 * groups are laid out top-down: each block's group ends where its centre says it must.
 */
function placeGroupLabels(rows: Row[]): void {
  const all = rows.flatMap((r) => r.labels);
  if (!all.length) return;
  const size = all[0].size;
  const starts = clusterStarts(all.map((f) => f.x0), size);
  for (const r of rows) {
    for (const f of r.labels) {
      const c = columnOf(starts, f.x0);
      if (!r.columns.has(c)) r.columns.set(c, []);
      r.columns.get(c)!.push(f);
    }
  }
  const deeper = (r: Row, c: number) => [...r.columns.keys()].some((k) => k > c);
  const within = (r: Row, c: number) => [...r.columns.keys()].some((k) => k <= c);
  for (let c = 0; c < starts.length; c++) {
    const owned: { frag: Fragment; row: number }[] = [];
    rows.forEach((r, i) => (r.columns.get(c) ?? []).forEach((frag) => owned.push({ frag, row: i })));
    owned.sort((a, b) => a.frag.y - b.frag.y);
    const groups: { frags: Fragment[]; centre: number; near: number }[] = [];
    let block: typeof owned = [];
    const settle = () => {
      if (!block.length) return;
      const rowIds = [...new Set(block.map((b) => b.row))];
      if (rowIds.every((i) => deeper(rows[i], c))) {
        for (const i of rowIds) rows[i].columns.delete(c);
        const ys = block.map((b) => b.frag.y);
        groups.push({ frags: block.map((b) => b.frag), centre: (Math.min(...ys) + Math.max(...ys)) / 2, near: Math.min(...rowIds) });
      }
      block = [];
    };
    for (const o of owned) {
      const last = block[block.length - 1];
      if (last && o.frag.y - last.frag.y > 1.7 * size) settle();
      block.push(o);
    }
    settle();
    // runs of rows without a label of their own at this depth
    let g = 0;
    for (let i = 0; i < rows.length && g < groups.length; ) {
      if (within(rows[i], c) || !deeper(rows[i], c)) {
        i++;
        continue;
      }
      let end = i;
      while (end + 1 < rows.length && !within(rows[end + 1], c) && deeper(rows[end + 1], c)) end++;
      const inRun: typeof groups = [];
      while (g < groups.length && groups[g].near <= end) inRun.push(groups[g++]);
      // Sub-rows are numbered from 1 in each group: where the numbering restarts, a group starts,
      // and every block up to the next restart is its label (a label split by a page break too).
      const restarts: number[] = [];
      for (let k = i; k <= end; k++) if (FIRST_SUB_ROW.test(deepestLabel(rows[k], c))) restarts.push(k);
      if (restarts.length > 0 && inRun.length >= restarts.length) {
        for (const group of inRun) {
          let at = restarts[0];
          for (const k of restarts) if (k <= group.near) at = k;
          rows[at].columns.set(c, [...(rows[at].columns.get(c) ?? []), ...group.frags]);
        }
        i = end + 1;
        continue;
      }
      let start = i;
      inRun.forEach((group, j) => {
        const at = Math.min(start, end);
        const left = inRun.length - j - 1;
        let last = end - left;
        if (left > 0) {
          const target = 2 * group.centre - rows[at].y;
          last = at;
          while (last + 1 <= end - left && Math.abs(rows[last + 1].y - target) < Math.abs(rows[last].y - target)) last++;
        }
        rows[at].columns.set(c, [...(rows[at].columns.get(c) ?? []), ...group.frags]);
        start = last + 1;
      });
      i = end + 1;
    }
  }
}

const FIRST_SUB_ROW = /^\s*[1１]\s*[.、．]/;

function deepestLabel(r: Row, c: number): string {
  const deeper = [...r.columns.keys()].filter((k) => k > c).sort((a, b) => a - b);
  if (!deeper.length) return '';
  return [...r.columns.get(deeper[0])!].sort((a, b) => a.y - b.y || a.x0 - b.x0).map((f) => f.text).join('');
}

function labelText(r: Row): string {
  return [...r.columns.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, frags]) => [...frags].sort((a, b) => a.y - b.y || a.x0 - b.x0).map((f) => f.text).join(''))
    .join(' | ');
}

/** Value columns of one table: the x ranges of its numbers, merged where they overlap. */
function valueColumns(rows: Row[]): [number, number][] {
  const spans = rows.flatMap((r) => r.values.map((v) => [v.x0, v.x1] as [number, number])).sort((a, b) => a[0] - b[0]);
  const cols: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = cols[cols.length - 1];
    if (last && a <= last[1] + 0.25 * rows[0].size) last[1] = Math.max(last[1], b);
    else cols.push([a, b]);
  }
  return cols;
}

/**
 * Value columns from the header cells above the first row: the leaf cells (those with no other
 * header cell under them), pieces of one cell stacked on lines joined. A column left blank in every
 * row has no number to find it by, but it has its header.
 */
function headerColumns(header: Fragment[], rows: Row[]): [number, number][] {
  const left = Math.min(...rows.flatMap((r) => r.values.map((v) => v.x0)));
  const size = rows[0].size;
  const cells: { x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const f of [...header].sort((a, b) => a.y - b.y)) {
    if ((f.x0 + f.x1) / 2 < left - size) continue;
    const centre = (f.x0 + f.x1) / 2;
    const same = cells.find((c) => Math.abs((c.x0 + c.x1) / 2 - centre) <= 0.5 * size && f.y - c.y1 <= 1.7 * size);
    if (same) Object.assign(same, { x0: Math.min(same.x0, f.x0), x1: Math.max(same.x1, f.x1), y1: f.y });
    else cells.push({ x0: f.x0, x1: f.x1, y0: f.y, y1: f.y });
  }
  const leaves = cells.filter((c) => cells.filter((d) => d !== c && d.y0 > c.y1 + 0.5 * size && (d.x0 + d.x1) / 2 >= c.x0 && (d.x0 + d.x1) / 2 <= c.x1).length < 2);
  const centres = leaves.map((c) => (c.x0 + c.x1) / 2).sort((a, b) => a - b);
  return centres.map((c, i) => [i ? (centres[i - 1] + c) / 2 : -Infinity, i + 1 < centres.length ? (c + centres[i + 1]) / 2 : Infinity]);
}

function rowLine(r: Row, cols: [number, number][]): string {
  const cells = cols.map(() => [] as string[]);
  for (const v of r.values) {
    const centre = (v.x0 + v.x1) / 2;
    let c = cols.findIndex(([a, b]) => centre >= a - 0.01 && centre <= b + 0.01);
    if (c < 0) c = cols.findIndex(([a]) => a >= v.x0);
    cells[c < 0 ? cells.length - 1 : c].push(v.text.replace(/\s+/g, ''));
  }
  const label = labelText(r);
  // A number alone on its line, with no label and no column, is text (one value per line layouts).
  if (!label && r.values.length === 1 && cols.length === 1) return r.values[0].text;
  return `| ${label ? `${label} | ` : ''}${cells.map((c) => c.join(' ')).join(' | ')} |`;
}

/** A line of text outside tables; cells far apart (a header row) are kept apart. */
function textLine(l: Line): string {
  if (l.frags.length < 2) return lineText(l);
  const gaps = l.frags.slice(1).map((f, i) => f.x0 - l.frags[i].x1);
  if (gaps.every((g) => g > 1.5 * l.size)) return `| ${l.frags.map((f) => f.text).join(' | ')} |`;
  return l.frags.map((f, i) => (i && gaps[i - 1] > 0.3 * l.size ? ' ' : '') + f.text).join('');
}

/** A line of text that separates tables: a part's heading (二、… 五、) or a paragraph, not a header cell or a stray label. */
const separates = (l: Line) => {
  const text = lineText(l);
  const cjk = text.match(CJK)?.length ?? 0;
  return (cjk >= 4 && /^\s*[一二三四五六七八九十]+\s*[、.．]/.test(text)) || isArticle(text) || (cjk >= 20 && /[。，,;；]/.test(text.slice(0, -1)));
};

export function layoutText(runs: TextRun[], pages: PageBox[]): string {
  const lines = dropFurniture(toLines(runs), pages);
  cutValuesOffLabels(lines);
  const { rows, texts } = splitRows(lines);
  const free = attachLabels(rows, texts);
  placeGroupLabels(rows);

  const items: { y: number; text: string; row?: Row; line?: Line }[] = [
    ...free.map((l) => ({ y: l.y, text: textLine(l), line: l })),
    ...rows.map((r) => ({ y: r.y, text: '', row: r })),
  ].sort((a, b) => a.y - b.y);
  // tables: runs of rows not separated by prose or headings
  let table: Row[] = [];
  let header: Fragment[] = [];
  const out: string[] = [];
  const pending: number[] = [];
  const closeTable = () => {
    if (!table.length) return;
    let cols = valueColumns(table);
    const fromHeader = headerColumns(header, table);
    if (fromHeader.length > cols.length && TABLE_WIDTHS.has(fromHeader.length)) cols = fromHeader;
    table.forEach((r, i) => (out[pending[i]] = rowLine(r, cols)));
    table = [];
    header = [];
    pending.length = 0;
  };
  let lastY = -Infinity;
  let lastSize = 12;
  for (const item of items) {
    if (item.y - lastY > 2.2 * lastSize && out.length) out.push('');
    if (item.row) {
      pending.push(out.length);
      out.push('');
      table.push(item.row);
      lastSize = item.row.size;
    } else {
      const line = item.line!;
      if (separates(line)) {
        closeTable();
        header = [];
      } else if (!table.length) header.push(...line.frags);
      out.push(item.text);
      lastSize = line.size;
    }
    lastY = item.y;
  }
  closeTable();
  return out.join('\n');
}
