/**
 * Empty cells that are a label's padding, not blank values. Values are matched by their order in a
 * row, so a label not merged across the label columns ("一、本年新收… | | | 217 | 1 …") would shift
 * the row's values by its empty cells. With each cell at its grid column (Word's grid, HTML's
 * colspan and rowspan), the values start after the widest label of a row that has values, and never
 * after a column some row prints a value in: an empty cell wholly left of that, in a row with a
 * label there, is padding. Shared by the Word and the HTML table readers.
 */
import { classifyCell } from './cells.js';
import { INVISIBLE } from './normalize.js';

const ASCII = /^[\x00-\x7f]*$/;

export type CellKind = 'empty' | 'value' | 'text';

export interface PlacedCell {
  /** First grid column, and how many it spans. */
  col: number;
  span: number;
  kind: CellKind;
  /** Continues a merge (Word's w:vMerge/w:hMerge): part of the label or value it continues. */
  merged?: boolean;
}

export function cellKind(text: string): CellKind {
  const trimmed = text.trim();
  // ASCII is its own NFKC and has no invisible characters: the common cell costs one test
  const t = ASCII.test(trimmed) ? trimmed : trimmed.replace(INVISIBLE, '').normalize('NFKC').trim();
  if (!t) return 'empty';
  return classifyCell(t) === 'text' ? 'text' : 'value';
}

/**
 * The first grid column of the table's values, or -1 when no row has a label before values: after
 * the widest label, unless a labelled row prints a value further left (a label's colspan too wide).
 */
function valuesStart(rows: PlacedCell[][]): number {
  let labelsEnd = -1;
  let firstValue = Infinity;
  for (const row of rows) {
    const first = row.findIndex((c) => c.kind === 'value' && !c.merged);
    let end = -1;
    for (let i = 0; i < first; i++) if (row[i].kind === 'text' || row[i].merged) end = Math.max(end, row[i].col + row[i].span);
    if (end < 0) continue;
    firstValue = Math.min(firstValue, row[first].col);
    labelsEnd = Math.max(labelsEnd, end);
  }
  return labelsEnd < 0 ? -1 : Math.min(labelsEnd, firstValue);
}

/** For each row, which of its cells are padding. */
export function paddingCells(rows: PlacedCell[][]): boolean[][] {
  const start = valuesStart(rows);
  return rows.map((row) => {
    // only after a label: a row of values alone (表四's) keeps its empty cells wherever they are
    const labelled = start > 0 && row.some((c) => c.kind === 'text' && c.col < start);
    return row.map((c) => labelled && c.kind === 'empty' && c.col + c.span <= start);
  });
}
