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
import { labelText, attachLabels, placeGroupLabels } from './labels.js';
import { cutValuesOffLabels, dropFurniture, lineText, splitRows, toLines, type Fragment, type Line, type Row } from './lines.js';
import type { PageBox, TextRun } from './runs.js';
import { isArticle, TABLE_WIDTHS } from './vocabulary.js';

const CJK = /[\u4e00-\u9fff]/g;

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
