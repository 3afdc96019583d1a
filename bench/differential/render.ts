/**
 * Reports laid out by the programs that print them: a report's page (or its text made into one) printed
 * by Chromium on A4 and on narrow A5 paper (labels and numbers wrap), opened by LibreOffice and saved
 * as .docx and as PDF, and `pdftotext -layout` of every PDF (with its own character grid, and with
 * very fine and very coarse ones, `-fixed 2/5/12`). Needs Debian's chromium, fonts-noto-cjk,
 * libreoffice-writer-nogui and poppler-utils; used by tests/fixtures/documents/make-fixtures.ts and
 * bench/differential/main.ts, never by the tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classifyCell } from '../../src/ingest/cells.js';
import { detectKind, prepareText } from '../../src/ingest/prepare.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tableHtml(rows: string[][]): string {
  // Values are right-aligned on the table's grid: the last label cell spans what a row lacks.
  const width = Math.max(...rows.map((cells) => cells.length));
  const body = rows.map((cells) => {
    let v = cells.length;
    while (v > 0 && classifyCell(cells[v - 1]) !== 'text') v--;
    const labels = cells.slice(0, v);
    const values = cells.slice(v);
    const span = width - cells.length + 1;
    const labelCells = labels.length
      ? labels.map((l, i) => `<td${i === labels.length - 1 && span > 1 ? ` colspan="${span}"` : ''}>${escape(l)}</td>`)
      : span > 1 ? [`<td colspan="${span - 1}"></td>`] : [];
    return `<tr>${labelCells.join('')}${values.map((x) => `<td>${escape(x)}</td>`).join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="5" width="100%" style="border-collapse:collapse;width:100%">${body.join('\n')}</table>`;
}

/** Tables only (title, then 二 to 五): small fixtures; the year and the tables are all that is checked. */
function tablesOnly(text: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => /^\s*二\s*[、.]/.test(l));
  const to = lines.findIndex((l, i) => i > from && /^\s*五\s*[、.]/.test(l));
  return [...lines.slice(0, 4), ...lines.slice(from, to < 0 ? undefined : to)].join('\n');
}

/**
 * A report's text (or HTML) as a plain HTML page with ruled tables, as an organ's Word file prints
 * them; `tables` keeps only the title and parts 二 to 四 (small fixtures).
 */
export function reportHtml(source: string, title: string, { tables = false } = {}): string {
  const prepared = prepareText(source, detectKind(source));
  const text = tables ? tablesOnly(prepared) : prepared;
  const out: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (table.length) out.push(tableHtml(table));
    table = [];
  };
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.startsWith('|') && t.endsWith('|') && t.length > 2) {
      table.push(t.slice(1, -1).split('|').map((c) => c.trim()));
      continue;
    }
    if (!t && table.length) continue; // blank lines between the rows of one table
    flush();
    if (t) out.push(`<p>${escape(t)}</p>`);
  }
  flush();
  // LibreOffice reads <div title="footer"> as the page footer: "- n -" page numbers, as printed reports have.
  const footer = '<div title="footer"><p align="center">- <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> -</p></div>';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title><style>body{font-family:"Noto Serif CJK SC",serif;font-size:12pt} td{font-size:11pt}</style></head><body>\n${out.join('\n')}\n${footer}\n</body></html>`;
}


const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'ignore', timeout: 120_000 });
const chromium = (html: string, pdf: string) => run('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--print-to-pdf=${pdf}`, `file://${path.resolve(html)}`]);

/** The renderings of one HTML page, written beside `base` (a path without extension); returns their paths. */
/** `pdftotext -layout -fixed N` pitches tried besides the default one. */
const FIXED_PITCHES = [2, 5, 12];

export function render(html: string, base: string, { narrow = true, grids = true } = {}): string[] {
  const dir = path.dirname(base);
  const out: string[] = [];
  chromium(html, `${base}.chromium.pdf`);
  out.push(`${base}.chromium.pdf`);
  if (narrow) {
    // A5 paper and larger type: labels wrap over more lines, numbers in narrow cells wrap too
    const a5 = `${base}.a5.html`;
    writeFileSync(a5, readFileSync(html, 'utf8').replace(/(<head[^>]*>|^)/i, '$1<style>@page{size:A5} body,td{font-size:15px !important}</style>'));
    chromium(a5, `${base}.a5chromium.pdf`);
    out.push(`${base}.a5chromium.pdf`);
  }
  // LibreOffice reads the page's own markup (widths, spans) as a Writer document
  const copy = `${base}.lo.html`;
  writeFileSync(copy, readFileSync(html, 'utf8'));
  run('soffice', ['--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, copy]);
  renameSync(`${base}.lo.docx`, `${base}.libreoffice.docx`);
  run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, `${base}.libreoffice.docx`]);
  out.push(`${base}.libreoffice.docx`, `${base}.libreoffice.pdf`);
  for (const pdf of out.filter((f) => f.endsWith('.pdf'))) {
    const text = pdf.replace(/\.pdf$/, '.layout.txt');
    run('pdftotext', ['-layout', pdf, text]);
    out.push(text);
    // a user's own character grid: so fine that rows of a table share lines, or so coarse that cells run together
    if (grids)
      for (const pitch of FIXED_PITCHES) {
        const fixed = pdf.replace(/\.pdf$/, `.fixed${pitch}.layout.txt`);
        run('pdftotext', ['-layout', '-fixed', String(pitch), pdf, fixed]);
        out.push(fixed);
      }
  }
  return out.filter((f) => existsSync(f));
}
