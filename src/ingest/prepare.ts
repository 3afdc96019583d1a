/**
 * Source text (HTML or plain) to one normalised text in which table rows are either "| a | b |"
 * lines or free runs of labels and numbers. Everything after this step is layout-independent.
 */
import { htmlToText, looksLikeHtml, unescapeJsString } from './html.js';
import { INVISIBLE, cleanText } from './normalize.js';
import { layoutText } from './pdf/layout.js';
import { dropPageFurniture, isSpacedLayout, spacedRuns } from './pdf/text-runs.js';
import { concat, join, plain, replace, slice, split, trim, type Twin } from './printed.js';

export type SourceKind = 'html' | 'text';

export function detectKind(text: string): SourceKind {
  return looksLikeHtml(text) ? 'html' : 'text';
}

/** The prepared text, normalised: what labels are matched in and values read from. */
export function prepareText(source: string, kind: SourceKind): string {
  return preparePrinted(source, kind).text;
}

/** The prepared text beside its printed characters (same offsets), for section bodies as published. */
export function preparePrinted(source: string, kind: SourceKind): Twin {
  let text = source.replace(INVISIBLE, '');
  if (kind === 'html') text = htmlToText(unescapeJsString(text));
  // Columns of spaces (pdftotext -layout): a blank cell is only wider whitespace, so the table is read by position.
  else if (isSpacedLayout(text)) text = layoutText(...spacedRuns(text));
  else text = dropPageFurniture(text);
  let t = cleanText(text);
  t = tabCellsToRows(t);
  t = tabSeparatedRows(t);
  t = joinCellPerLine(t);
  return t;
}

/**
 * HTML copied as text: one cell per TAB-prefixed line, blank line between rows, a cell's wrapped
 * continuation on an untabbed line. Rebuild "| a | b |" rows so the row structure survives.
 */
function tabCellsToRows(t: Twin): Twin {
  // Decided on the normalised lines alone: most texts are not such copies, and stay as they are.
  const plainLines = t.text.split('\n');
  const tabbed = plainLines.filter((l) => l.startsWith('\t')).length;
  if (tabbed < 20 || tabbed < plainLines.filter((l) => l.trim()).length * 0.3) return t;
  const lines = split(t, '\n');
  const out: Twin[] = [];
  let row: Twin[] | null = null;
  const flush = () => {
    if (row) out.push(concat(['| ', join(row, ' | '), ' |']));
    row = null;
  };
  for (const line of lines) {
    if (line.text.startsWith('\t')) {
      (row ??= []).push(trim(slice(line, 1)));
    } else if (!line.text.trim()) {
      flush();
      out.push(plain(''));
    } else if (row && row.length > 0) {
      row[row.length - 1] = concat([row[row.length - 1], trim(line)]);
    } else {
      out.push(line);
    }
  }
  flush();
  return join(out, '\n');
}

/**
 * Spreadsheet or TSV copies: cells separated by single TABs, an empty cell is two TABs in a row.
 * Whitespace would lose the empty cells, so such lines become "| a | b |  |" rows.
 */
function tabSeparatedRows(t: Twin): Twin {
  if (!t.text.includes('\t')) return t;
  return replace(t, /^[^\n|]*\t[^\n|]*$/gm, (line) => {
    // Leading TABs are indentation, not empty cells.
    const cells = split(replace(replace(line, /^[ \t]+/, ''), /[ \r]+$/, ''), '\t');
    // a row: a label then cells (blank ones too), or values
    if (cells.length < 3 || !cells[0].text.trim()) return line;
    return concat(['| ', join(cells.map(trim), ' | '), ' |']);
  });
}

/**
 * Pages that print each cell on its own line ("规章 |", "0 |", or "|" alone between cells):
 * the line breaks there mean nothing, only the pipes separate cells.
 */
function joinCellPerLine(t: Twin): Twin {
  const piped = t.text.split('\n').filter((l) => l.includes('|'));
  if (piped.length < 8) return t;
  const rowLike = piped.filter((l) => l.split('|').filter((c) => c.trim()).length >= 2).length;
  if (rowLike / piped.length >= 0.3) return t;
  const lines = split(t, '\n');
  const out: (Twin | string)[] = [];
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1]?.text.trim();
    const joinNext = i + 1 < lines.length && (lines[i].text.includes('|') || next === '|' || next === '||');
    out.push(lines[i], joinNext ? ' ' : '\n');
  }
  return concat(out);
}
