/**
 * Reports the parser has never seen, read as published and as the programs that print them lay
 * them out: each report (an HTML page, or text made into one) is printed by Chromium (A4 and
 * narrow A5), opened by LibreOffice and saved as .docx and PDF, and every PDF also read as
 * `pdftotext -layout` text (render.ts). Every rendering is read and compared cell by cell with the
 * report read from its own source: a number that differs (wrong) or that the source left blank
 * (invented) is a bug; a blank no WARNING/ERROR finding names is a silent loss.
 *
 *   npm run bench:differential -- [--out DIR] REPORT…
 *
 * Exits 1 when any rendering has a wrong, invented or silently lost number. Needs chromium,
 * fonts-noto-cjk, libreoffice-writer-nogui and poppler-utils (see render.ts); not part of the tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cellPath, type InterchangeReport, type TableName } from '../../src/format/index.js';
import { looksLikeHtml } from '../../src/ingest/html.js';
import { readReport } from '../../src/store/services/read-report.js';
import { render, reportHtml } from './render.js';

const TABLES: TableName[] = ['proactiveDisclosure', 'applications', 'reviewsAndLitigation'];
type Table = Record<string, Record<string, number | null>>;

interface Difference {
  same: number;
  wrong: string[];
  invented: string[];
  flagged: string[];
  silent: string[];
}

async function read(file: string): Promise<InterchangeReport> {
  return (await readReport({ content: new Uint8Array(readFileSync(file)), fileName: path.basename(file) })).interchange;
}

/** Cell by cell against the source's own reading; blanks named by a WARNING/ERROR finding are flagged, not silent. */
export function compare(source: InterchangeReport, rendering: InterchangeReport): Difference {
  const d: Difference = { same: 0, wrong: [], invented: [], flagged: [], silent: [] };
  const named = new Set(rendering.findings.filter((f) => f.severity !== 'INFO').flatMap((f) => f.cells));
  for (const table of TABLES) {
    const a = source[table] as unknown as Table;
    const b = rendering[table] as unknown as Table;
    for (const row of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
      for (const column of new Set([...Object.keys(a?.[row] ?? {}), ...Object.keys(b?.[row] ?? {})])) {
        const want = a?.[row]?.[column] ?? null;
        const got = b?.[row]?.[column] ?? null;
        const cell = cellPath(table, row, column);
        if (want === got) {
          if (want !== null) d.same++;
        } else if (want !== null && got !== null) d.wrong.push(`${cell}: ${want} → ${got}`);
        else if (want === null) d.invented.push(`${cell}: → ${got}`);
        else if (named.has(cell)) d.flagged.push(cell);
        else d.silent.push(cell);
      }
    }
  }
  return d;
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = at >= 0 ? args.splice(at, 2)[1] : mkdtempSync(path.join(tmpdir(), 'nianbao-differential-'));
  mkdirSync(out, { recursive: true });
  let failed = false;
  for (const file of args) {
    const name = path.basename(file).replace(/\.[^.]+$/, '');
    const source = await read(file);
    const text = readFileSync(file, 'utf8');
    const html = path.join(out, `${name}.html`);
    // a page as published keeps its own markup; text becomes a page of ruled tables
    writeFileSync(html, looksLikeHtml(text) ? (/<meta[^>]+charset/i.test(text) ? text : `<meta charset="utf-8">${text}`) : reportHtml(text, name));
    const printed = TABLES.reduce((n, t) => n + Object.values((source[t] ?? {}) as unknown as Table).flatMap((r) => Object.values(r)).filter((v) => v !== null).length, 0);
    console.log(`${name}: ${source.formatVersion} format, ${source.year}, ${printed} cells read from the source`);
    for (const rendering of render(html, path.join(out, name))) {
      let d: Difference;
      try {
        d = compare(source, await read(rendering));
      } catch (e) {
        console.log(`  ${path.basename(rendering).padEnd(64)} refused: ${(e as Error).message.slice(0, 120)}`);
        failed = true;
        continue;
      }
      if (d.wrong.length || d.invented.length || d.silent.length) failed = true;
      const worst = [...d.wrong, ...d.invented, ...d.silent.map((c) => `${c}: silent blank`)].slice(0, 3).join('; ');
      console.log(`  ${path.basename(rendering).padEnd(64)} same ${d.same}, flagged ${d.flagged.length}, wrong ${d.wrong.length}, invented ${d.invented.length}, silent ${d.silent.length}${worst ? `  ${worst}` : ''}`);
    }
  }
  console.log(`renderings in ${out}`);
  process.exitCode = failed ? 1 : 0;
}

await main();
