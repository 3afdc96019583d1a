/**
 * A Word table with each cell at its grid column (w:gridBefore, w:gridSpan), rendered as the HTML
 * rows the table reader reads: values are matched by their order in a row, so a cell that prints
 * nothing must not take a value's place.
 * - A cell continuing a merge (w:vMerge down, w:hMerge across) prints nothing: its first cell holds
 *   the text.
 * - A label not merged across the label columns leaves empty cells after it: padding, not blank
 *   values (src/ingest/grid-padding.ts).
 */
import { cellKind, paddingCells } from './grid-padding.js';

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

function textOf(cell: WordCell): string {
  return cell.holdsTable ? '[table]' : cell.html.replace(/<[^>]*>/g, ' ');
}

export function renderTable(rows: WordRow[]): string {
  const live = rows.filter((r) => !r.deleted).map((r) => r.cells.filter((c) => !c.deleted));
  const padding = paddingCells(live.map((row) => row.map((cell) => ({ col: cell.col, span: cell.span, merged: cell.merged, kind: cellKind(textOf(cell)) }))));
  let html = '<table>';
  live.forEach((row, r) => {
    html += `<tr>${row
      .filter((cell, i) => !cell.merged && !padding[r][i])
      .map((cell) => `<td>${cell.html}</td>`)
      .join('')}</tr>`;
  });
  return `${html}</table>\n`;
}
