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
import { attachLabels } from './labels.js';
import { labelText, placeGroupLabels } from './group-labels.js';
import { cutValuesOffLabels, dropFurniture, lineText, splitRows, toLines, type Fragment, type Line, type Row } from './lines.js';
import type { PageBox, TextRun } from './runs.js';
import type { Rule } from './rules.js';
import { isArticle, withoutMarks } from './vocabulary.js';
import { placeTable, UNPLACED, type PlacedRow } from './columns.js';

const CJK = /[\u4e00-\u9fff]/g;
const MAX_HEADER = 200;

function rowLine({ row, cells }: PlacedRow): string {
  const label = labelText(row);
  // A number alone on its line, with no label and no column, is text (one value per line layouts).
  if (!label && cells.length === 1) return cells[0].replace(UNPLACED, '');
  return `| ${label ? `${label} | ` : ''}${cells.join(' | ')} |`;
}

/** A line of text outside tables; cells far apart (a header row) are kept apart. */
function textLine(l: Line): string {
  // a column's number stays with its header word ("数据1"), and numbers under the words are no values
  if (l.numbering) return /^\d+$/.test(l.frags[0].text.trim()) ? '' : l.frags.map((f) => f.text.trim()).join(' ').replace(/(\D) (\d+)(?= |$)/g, '$1$2');
  if (l.frags.length < 2) return lineText(l);
  const gaps = l.frags.slice(1).map((f, i) => f.x0 - l.frags[i].x1);
  if (gaps.every((g) => g > 1.5 * l.size)) return `| ${l.frags.map((f) => f.text).join(' | ')} |`;
  return l.frags.map((f, i) => (i && gaps[i - 1] > 0.3 * l.size ? ' ' : '') + f.text).join('');
}

/** A line of text that separates tables: a part's heading (二、… 五、) or a paragraph, not a header cell or a stray label. */
const separates = (l: Line) => {
  const text = lineText(l);
  const cjk = text.match(CJK)?.length ?? 0;
  return (cjk >= 4 && /^[一二三四五六七八九十]+\s*[、.．]/.test(withoutMarks(text))) || isArticle(text) || (cjk >= 20 && /[。，,;；]/.test(text.slice(0, -1)));
};

export const layoutText = (runs: TextRun[], pages: PageBox[], rules: Rule[] = []): string => layoutTables(runs, pages, rules).text;

export interface Layout {
  text: string;
  /** Pages holding rows with fewer values than their table's columns: the only ones whose rules can place a value. */
  shortRowPages: Set<number>;
}

export function layoutTables(runs: TextRun[], pages: PageBox[], rules: Rule[] = []): Layout {
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
  const shortRowPages = new Set<number>();
  const closeTable = () => {
    if (!table.length) return;
    const placed = placeTable(table, header, rules);
    // rows that were pieces of another row's wrapped cell leave only their label, as text
    const slot = new Map(table.map((r, i) => [r, pending[i]]));
    table.forEach((r) => (out[slot.get(r)!] = labelText(r)));
    for (const p of placed) {
      out[slot.get(p.row)!] = rowLine(p);
      if (p.short) shortRowPages.add(p.row.values[0].runs[0].page);
    }
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
      } else if (!table.length) {
        header = header.concat(line.frags);
        // a header is the few lines over a table, not every line since the last heading
        if (header.length > MAX_HEADER) header = header.slice(-MAX_HEADER);
      }
      out.push(item.text);
      lastSize = line.size;
    }
    lastY = item.y;
  }
  closeTable();
  return { text: out.join('\n'), shortRowPages };
}
