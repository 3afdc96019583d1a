import { Parser } from 'htmlparser2';
import { ReportParseError } from './errors.js';

/**
 * HTML to the text shape the table reader understands: each <tr> becomes one line of "| cell | cell |",
 * block elements become line breaks, scripts/styles/navigation markup disappear.
 * rowspan/colspan are not expanded: labels are matched by text, values by their order in the row,
 * and expansion would duplicate numbers.
 */
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'table', 'tbody', 'thead', 'title', 'header', 'footer']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'select', 'option', 'iframe']);

/**
 * Open elements at most. The HTML parser looks its open elements up on every closing tag, so a
 * deeper nesting costs time with the square of its depth (25,000 levels: 49 s); browsers themselves
 * stop nesting at 512 levels, and report pages stay under 30.
 */
export const MAX_HTML_DEPTH = 512;

export function htmlToText(html: string): string {
  let out = '';
  let depth = 0;
  let skipDepth = 0;
  let cell: string | null = null;
  let row: string[] | null = null;

  const emit = (s: string) => {
    if (skipDepth > 0) return;
    if (cell !== null) cell += s;
    else out += s;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (++depth > MAX_HTML_DEPTH) {
          throw new ReportParseError('TOO_DEEP', `The HTML nests elements more than ${MAX_HTML_DEPTH} deep (<${name}> at character ${parser.startIndex}), the most a browser nests: this is not a report page, or a broken one (tags opened and never closed).`);
        }
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        // A table inside a cell: the outer table is page layout. Its cell's text so far is plain
        // text, and the outer row is dropped (its cells are containers, not data).
        if (name === 'table' && cell !== null) {
          out += `\n${cell}\n`;
          cell = null;
          row = null;
        }
        if (name === 'tr') {
          row = [];
          return;
        }
        if ((name === 'td' || name === 'th') && row) {
          cell = '';
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
        if ((name === 'td' || name === 'th') && row && cell !== null) {
          row.push(cell.replace(/\|/g, '/').trim());
          cell = null;
          return;
        }
        if (name === 'tr' && row) {
          out += `\n| ${row.join(' | ')} |\n`;
          row = null;
          cell = null;
          return;
        }
        if (BLOCK.has(name) && cell === null) out += '\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
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

export function looksLikeHtml(text: string): boolean {
  const tags = text.match(/<\/?(?:html|body|div|p|table|tr|td|span|br)\b/gi);
  return !!tags && tags.length >= 5;
}
