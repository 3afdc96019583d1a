/**
 * Source text (HTML or plain) to one normalised text in which table rows are either "| a | b |"
 * lines or free runs of labels and numbers. Everything after this step is layout-independent.
 */
import { htmlToText, looksLikeHtml, unescapeJsString } from './html.js';
import { cleanText } from './normalize.js';
import { layoutText } from './pdf/layout.js';
import { dropPageFurniture, isSpacedLayout, spacedRuns } from './pdf/text-runs.js';

export type SourceKind = 'html' | 'text';

export function detectKind(text: string): SourceKind {
  return looksLikeHtml(text) ? 'html' : 'text';
}

export function prepareText(source: string, kind: SourceKind): string {
  let text = source.replace(/^\ufeff/, '');
  if (kind === 'html') text = htmlToText(unescapeJsString(text));
  // Columns of spaces (pdftotext -layout): a blank cell is only wider whitespace, so the table is read by position.
  else if (isSpacedLayout(text)) text = layoutText(...spacedRuns(text));
  else text = dropPageFurniture(text);
  text = cleanText(text);
  text = tabCellsToRows(text);
  text = tabSeparatedRows(text);
  text = joinCellPerLine(text);
  return text;
}

/**
 * HTML copied as text: one cell per TAB-prefixed line, blank line between rows, a cell's wrapped
 * continuation on an untabbed line. Rebuild "| a | b |" rows so the row structure survives.
 */
function tabCellsToRows(text: string): string {
  const lines = text.split('\n');
  const tabbed = lines.filter((l) => l.startsWith('\t')).length;
  if (tabbed < 20 || tabbed < lines.filter((l) => l.trim()).length * 0.3) return text;
  const out: string[] = [];
  let row: string[] | null = null;
  const flush = () => {
    if (row) out.push(`| ${row.join(' | ')} |`);
    row = null;
  };
  for (const line of lines) {
    if (line.startsWith('\t')) {
      (row ??= []).push(line.slice(1).trim());
    } else if (!line.trim()) {
      flush();
      out.push('');
    } else if (row && row.length > 0) {
      row[row.length - 1] += line.trim();
    } else {
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/**
 * Spreadsheet or TSV copies: cells separated by single TABs, an empty cell is two TABs in a row.
 * Whitespace would lose the empty cells, so such lines become "| a | b |  |" rows.
 */
function tabSeparatedRows(text: string): string {
  if (!text.includes('\t')) return text;
  return text.replace(/^[^\n|]*\t[^\n|]*$/gm, (line) => {
    // Leading TABs are indentation, not empty cells.
    const cells = line.replace(/^[ \t]+/, '').replace(/[ \r]+$/, '').split('\t');
    // a row: a label then cells (blank ones too), or values
    if (cells.length < 3 || !cells[0].trim()) return line;
    return `| ${cells.map((c) => c.trim()).join(' | ')} |`;
  });
}

/**
 * Pages that print each cell on its own line ("规章 |", "0 |", or "|" alone between cells):
 * the line breaks there mean nothing, only the pipes separate cells.
 */
function joinCellPerLine(text: string): string {
  const lines = text.split('\n');
  const piped = lines.filter((l) => l.includes('|'));
  if (piped.length < 8) return text;
  const rowLike = piped.filter((l) => l.split('|').filter((c) => c.trim()).length >= 2).length;
  if (rowLike / piped.length >= 0.3) return text;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const joinNext = i + 1 < lines.length && (lines[i].includes('|') || lines[i + 1].trim() === '|' || lines[i + 1].trim() === '||');
    out.push(lines[i] + (joinNext ? ' ' : '\n'));
  }
  return out.join('');
}
