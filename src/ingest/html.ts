import { Parser } from 'htmlparser2';
import { ReportParseError } from './errors.js';
import { cellKind, paddingCells, type PlacedCell } from './grid-padding.js';

/**
 * HTML to the text shape the table reader understands: each <tr> becomes one line of "| cell | cell |",
 * block elements become line breaks, scripts/styles/navigation markup disappear.
 * rowspan/colspan are not expanded: labels are matched by text, values by their order in the row,
 * and expansion would duplicate numbers. They place each cell at its grid column, so the empty cells
 * a label not merged across leaves are known as padding, not blank values (grid-padding.ts).
 */
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'table', 'tbody', 'thead', 'title', 'header', 'footer']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'select', 'option', 'iframe']);

/**
 * Open elements at most. The HTML parser looks its open elements up on every closing tag, so a
 * deeper nesting costs time with the square of its depth (25,000 levels: 49 s); browsers themselves
 * stop nesting at 512 levels, and report pages stay under 30.
 */
export const MAX_HTML_DEPTH = 512;
/** Rows held before they are printed: report tables have under 200; a longer one is judged in parts (memory stays small). */
const MAX_HELD_ROWS = 1000;
/** Grid columns tracked for padding: report tables have under 30; a wider one is printed as it is. */
const MAX_GRID_COLUMNS = 200;
const spanOf = (value: string | undefined, max: number) => Math.min(max, Math.max(1, Number.parseInt(value ?? '', 10) || 1));

interface GridCell extends PlacedCell {
  text: string;
}

/**
 * The rows of the table being read, with each cell's grid column: rows are held until the table
 * ends (or text outside its cells, or a table inside it, cuts it), then printed without padding.
 */
class TableGrid {
  private rows: GridCell[][] = [];
  private row: GridCell[] | null = null;
  /** Per grid column, the last row a rowspan from above covers. */
  private coveredUntil = new Int32Array(MAX_GRID_COLUMNS).fill(-1);
  private rowIndex = 0;
  private next = 0;
  private tooWide = false;
  get open(): boolean {
    return this.row !== null;
  }
  get held(): number {
    return this.rows.length;
  }
  startRow(): void {
    this.row = [];
    this.next = 0;
  }
  /** Where a cell starting now sits: the first column no rowspan from above covers. */
  place(attrs: Record<string, string>): { col: number; span: number } {
    const span = spanOf(attrs.colspan, 1000);
    const down = spanOf(attrs.rowspan, 65534);
    while (this.next < MAX_GRID_COLUMNS && this.coveredUntil[this.next] >= this.rowIndex) this.next++;
    const col = this.next;
    this.next += span;
    if (this.next > MAX_GRID_COLUMNS) this.tooWide = true;
    if (down > 1) this.coveredUntil.fill(this.rowIndex + down - 1, Math.min(col, MAX_GRID_COLUMNS), Math.min(this.next, MAX_GRID_COLUMNS));
    return { col, span };
  }
  addCell(cell: GridCell): void {
    this.row?.push(cell);
  }
  endRow(): void {
    if (!this.row) return;
    this.rows.push(this.row);
    this.row = null;
    this.rowIndex++;
  }
  dropRow(): void {
    this.row = null;
  }
  /** The rows held, as "| a | b |" lines. */
  flush(): string {
    if (!this.rows.length) return '';
    const padding = this.tooWide ? null : paddingCells(this.rows);
    const lines = this.rows.map((r, i) => `\n| ${r.filter((_, j) => !padding?.[i][j]).map((c) => c.text).join(' | ')} |\n`);
    this.rows = [];
    return lines.join('');
  }
  reset(): void {
    this.coveredUntil.fill(-1);
    this.rowIndex = 0;
    this.tooWide = false;
  }
}

export function htmlToText(html: string): string {
  let out = '';
  let depth = 0;
  let skipDepth = 0;
  let cell: GridCell | null = null;
  const grid = new TableGrid();
  /** Rows held by the grid come before anything printed after them. */
  const flush = () => (out += grid.flush());

  const emit = (s: string) => {
    if (skipDepth > 0) return;
    if (cell !== null) cell.text += s;
    else {
      if (s.trim()) flush();
      out += s;
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (++depth > MAX_HTML_DEPTH) {
          throw new ReportParseError('TOO_DEEP', `The HTML nests elements more than ${MAX_HTML_DEPTH} deep (<${name}> at character ${parser.startIndex}), the most a browser nests: this is not a report page, or a broken one (tags opened and never closed).`);
        }
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'table') {
          flush();
          // A table inside a cell: the outer table is page layout. Its cell's text so far is plain
          // text, and the outer row is dropped (its cells are containers, not data).
          if (cell !== null) {
            out += `\n${cell.text}\n`;
            cell = null;
            grid.dropRow();
          }
          grid.reset();
        }
        if (name === 'tr') {
          grid.startRow();
          return;
        }
        if ((name === 'td' || name === 'th') && grid.open) {
          cell = { text: '', kind: 'empty', ...grid.place(attrs) };
          return;
        }
        // Inside a cell a <br>/<p> is a wrapped label, not a new row: keep it as plain space.
        if (BLOCK.has(name)) emit(cell !== null ? ' ' : '\n');
      },
      ontext(text) {
        emit(cell !== null ? text.replace(/\s+/g, ' ') : text);
      },
      onclosetag(name) {
        depth--;
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if ((name === 'td' || name === 'th') && grid.open && cell !== null) {
          cell.text = cell.text.replace(/\|/g, '/').trim();
          cell.kind = cellKind(cell.text);
          grid.addCell(cell);
          cell = null;
          return;
        }
        if (name === 'tr' && grid.open) {
          grid.endRow();
          if (grid.held >= MAX_HELD_ROWS) flush();
          cell = null;
          return;
        }
        if (name === 'table') {
          flush();
          grid.reset();
        }
        if (BLOCK.has(name) && cell === null) out += '\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return out.replace(/[ \t]*\n[ \t]*(?=\n)/g, '\n').replace(/\n{3,}/g, '\n\n');
}

/** A page saved as a JS string literal (`let content = "<p>…"`) has escaped quotes and newlines. */
export function unescapeJsString(text: string): string {
  if (!/\\"/.test(text) || !/<(?:p|table|td)\b/i.test(text)) return text;
  return text.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e[0] === 'u' && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === 'r') return '';
    return e;
  });
}

const HTML_TAG = /<\/?(?:html|body|div|p|table|tr|td|span|br)\b/gi;

/** Five tags or more (counted up to five: a page has thousands). */
export function looksLikeHtml(text: string): boolean {
  HTML_TAG.lastIndex = 0;
  let tags = 0;
  while (tags < 5 && HTML_TAG.exec(text)) tags++;
  return tags >= 5;
}
