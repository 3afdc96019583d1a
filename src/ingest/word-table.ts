/**
 * A Word table with each cell at its grid column (w:gridBefore, w:gridSpan), rendered as the HTML
 * rows the table reader reads: values are matched by their order in a row, so a cell that prints
 * nothing must not take a value's place.
 * - A cell continuing a merge (w:vMerge down, w:hMerge across) prints nothing: its first cell holds
 *   the text.
 * - A label not merged across the label columns leaves empty cells after it ("一、本年新收… | | |
 *   217 | 1 …"): an empty cell left of where the table's values start is such padding, never a
 *   blank value. Values start after the widest label of a row that has values: the grid says
 *   where, whatever the row's own cells.
 */
import { classifyCell } from './cells.js';
import { INVISIBLE } from './normalize.js';

export interface WordCell {
  html: string;
  /** First grid column, and how many it spans. */
  col: number;
  span: number;
  /** Continues a merge: prints nothing of its own. */
  merged: boolean;
  /** Holds a table of its own (page layout): never a value. */
  holdsTable: boolean;
  deleted: boolean;
}

export interface WordRow {
  cells: WordCell[];
  /** The grid column the next cell starts at. */
  nextCol: number;
  deleted: boolean;
}

type Kind = 'empty' | 'value' | 'text';

function kindOf(cell: WordCell): Kind {
  if (cell.holdsTable) return 'text';
  const text = cell.html
    .replace(/<[^>]*>/g, ' ')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .trim();
  if (!text) return 'empty';
  return classifyCell(text) === 'text' ? 'text' : 'value';
}

/** The first grid column of the table's values: after the widest label of any row with values (-1: no such row). */
function valuesStart(rows: { cell: WordCell; kind: Kind }[][]): number {
  let start = -1;
  for (const row of rows) {
    const firstValue = row.findIndex((c) => c.kind === 'value' && !c.cell.merged);
    if (firstValue < 0) continue;
    for (let i = 0; i < firstValue; i++) if (row[i].kind === 'text' || row[i].cell.merged) start = Math.max(start, row[i].cell.col + row[i].cell.span);
  }
  return start;
}

export function renderTable(rows: WordRow[]): string {
  const live = rows.filter((r) => !r.deleted).map((r) => r.cells.filter((c) => !c.deleted).map((cell) => ({ cell, kind: kindOf(cell) })));
  const start = valuesStart(live);
  let html = '<table>';
  for (const row of live) {
    // only after a label: a row of values alone (表四's) keeps its empty cells wherever they are
    const labelled = row.some((c) => c.kind === 'text' && c.cell.col < start);
    const printed = row.filter(({ cell, kind }) => !cell.merged && !(labelled && kind === 'empty' && cell.col + cell.span <= start));
    html += `<tr>${printed.map(({ cell }) => `<td>${cell.html}</td>`).join('')}</tr>`;
  }
  return `${html}</table>\n`;
}
