/**
 * A Word document's XML (word/document.xml) to the HTML the table reader reads: paragraphs, and
 * tables with their real structure. One pass, text only from what the page prints:
 * - w:t of runs not hidden (w:vanish), in inserted (w:ins) and moved-here (w:moveTo) text;
 *   deleted (w:del) and moved-away (w:moveFrom) text, deleted rows and cells are not printed;
 * - fields print their result (w:fldSimple's runs, a complex field's runs after `separate`), never
 *   their instruction (w:instrText: "=SUM(B3:G3)" has digits of its own);
 * - content controls (w:sdt), smart tags, hyperlinks, bookmarks and proofing marks are transparent,
 *   around a run, a cell or rows alike;
 * - text boxes (DrawingML wps:txbx, VML v:textbox) print their content; of mc:AlternateContent only
 *   the first readable choice, as Word shows one (its VML fallback is a copy);
 * - tables keep their grid: each cell at its column, merged and padding cells not printed
 *   (src/ingest/word-table.ts).
 * Elements are known by namespace, not by the prefix a writer chose (`w:`, `ns0:`, a default namespace).
 */
import { Parser } from 'htmlparser2';
import { ReportParseError } from './errors.js';
import { MAX_HTML_DEPTH } from './html.js';
import { renderTable, type WordCell, type WordRow } from './word-table.js';

/** Subtrees that print nothing. */
const UNPRINTED = new Set(['w:del', 'w:moveFrom', 'w:instrText', 'w:delInstrText', 'w:delText', 'w:sdtPr', 'w:sdtEndPr', 'w:pPr', 'w:tblPr', 'w:tblGrid', 'w:fldData', 'w:footnoteReference', 'w:endnoteReference', 'w:commentReference']);
const OFF = new Set(['0', 'false', 'off']);
/** The prefixes this reader is written with, by namespace (transitional and strict OOXML). */
const PREFIX_OF = new Map([
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w'],
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc'],
]);

/** Element and attribute names as `w:` and `mc:` names, whatever prefixes the document declares. */
class Names {
  private readonly rename = new Map<string, string>();
  declare(attrs: Record<string, string>): void {
    for (const key in attrs) {
      if (!key.startsWith('xmlns')) continue;
      const ours = PREFIX_OF.get(attrs[key]);
      const theirs = key === 'xmlns' ? '' : key.slice(6);
      if (ours !== undefined && ours !== theirs) this.rename.set(theirs, ours);
    }
  }
  of(name: string): string {
    if (!this.rename.size) return name;
    const colon = name.indexOf(':');
    const ours = this.rename.get(colon < 0 ? '' : name.slice(0, colon));
    return ours === undefined ? name : `${ours}:${name.slice(colon + 1)}`;
  }
  val(attrs: Record<string, string>): string | undefined {
    if (!this.rename.size) return attrs['w:val'];
    for (const key in attrs) if (this.of(key) === 'w:val') return attrs[key];
    return undefined;
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function wordXmlToHtml(xml: string, where = ''): string {
  const stack: string[] = [];
  let html = '';
  /** Open tables and cells, innermost last: a table is rendered when it closes, its grid known. */
  const open: ({ rows: WordRow[] } | WordCell)[] = [];
  /** Per open mc:AlternateContent: whether one of its choices has been read. */
  const alternates: boolean[] = [];
  let skipAt = -1;
  let hiddenRun = false;
  const names = new Names();
  const top = () => open[open.length - 1];
  const table = () => (top() && 'rows' in top() ? (top() as { rows: WordRow[] }) : null);
  const cell = () => (top() && 'html' in top() ? (top() as WordCell) : null);
  const row = () => table()?.rows[table()!.rows.length - 1] ?? null;
  const out = (s: string) => {
    const c = cell();
    if (c) c.html += s;
    else if (!open.length) html += s;
    // text straight inside a table, outside its cells, is no valid Word XML: it prints nowhere
  };
  const close = () => {
    const done = open.pop()!;
    if ('rows' in done) {
      const into = cell();
      if (into) into.holdsTable = true;
      return out(renderTable(done.rows));
    }
    const r = row();
    if (!r) return;
    r.cells.push(done);
    r.nextCol = done.col + done.span;
  };
  const number = (value: string | undefined) => Math.max(0, Math.min(1000, Number.parseInt(value ?? '', 10) || 0));

  const parent = (up = 1) => stack[stack.length - 1 - up];

  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        names.declare(attrs);
        const name = names.of(tag);
        stack.push(name);
        if (stack.length > MAX_HTML_DEPTH) {
          throw new ReportParseError('TOO_DEEP', `The Word file${where} nests its XML more than ${MAX_HTML_DEPTH} elements deep (<${name}>): a report nests fewer than 50. It is damaged or not a report.`);
        }
        if (skipAt >= 0) return;
        const val = names.val(attrs);
        // properties, read before the content they describe
        if (parent() === 'w:trPr' && row()) {
          if (name === 'w:del') row()!.deleted = true;
          if (name === 'w:gridBefore') row()!.nextCol += number(val);
        }
        if (parent() === 'w:tcPr' && cell()) {
          if (name === 'w:cellDel') cell()!.deleted = true;
          if (name === 'w:gridSpan') cell()!.span = Math.max(1, number(val));
          if ((name === 'w:vMerge' || name === 'w:hMerge') && val !== 'restart') cell()!.merged = true;
        }
        if ((name === 'w:vanish' || name === 'w:specVanish') && parent() === 'w:rPr' && parent(2) === 'w:r' && !OFF.has(val ?? '')) hiddenRun = true;
        if (name === 'mc:AlternateContent') alternates.push(false);
        if (name === 'mc:Choice' || name === 'mc:Fallback') {
          if (alternates[alternates.length - 1]) skipAt = stack.length;
          else alternates[alternates.length - 1] = true;
          return;
        }
        if (UNPRINTED.has(name)) {
          skipAt = stack.length;
          return;
        }
        switch (name) {
          case 'w:p':
            return out('<p>');
          case 'w:tbl':
            open.push({ rows: [] });
            return;
          case 'w:tr':
            table()?.rows.push({ cells: [], nextCol: 0, deleted: false });
            return;
          case 'w:tc':
            if (row()) open.push({ html: '', col: row()!.nextCol, span: 1, merged: false, holdsTable: false, deleted: false });
            return;
          case 'w:r':
            hiddenRun = false;
            return;
        }
        if (parent() !== 'w:r' || hiddenRun) return;
        if (name === 'w:tab' || name === 'w:ptab') out('\t');
        else if (name === 'w:br' || name === 'w:cr') out('<br>');
        else if (name === 'w:noBreakHyphen') out('-');
      },
      ontext(text) {
        if (skipAt < 0 && !hiddenRun && stack[stack.length - 1] === 'w:t') out(escapeHtml(text));
      },
      onclosetag(tag) {
        const name = names.of(tag);
        const depth = stack.length;
        stack.pop();
        if (name === 'mc:AlternateContent' && skipAt < 0) alternates.pop();
        if (skipAt >= 0) {
          if (skipAt === depth) skipAt = -1;
          return;
        }
        switch (name) {
          case 'w:p':
            return out('</p>\n');
          case 'w:tbl':
            if (table()) close();
            return;
          case 'w:tc':
            if (cell()) close();
            return;
          case 'w:r':
            hiddenRun = false;
            return;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  // a document cut off inside a table: what was read of it still counts
  while (open.length) close();
  return html;
}
