/**
 * Parse speed: every corpus report with a table, N times per round, several rounds; prints
 * reports/second. Then the PDF and Word fixtures, each kind on its own: reports per CPU-second and
 * CPU milliseconds per PDF page (text layer read with pdfjs-dist, tables rebuilt, then parsed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentSource, parseReport, ReportParseError } from '../src/ingest/index.js';

const dir = join(import.meta.dirname, '../tests/fixtures/corpus');
const N = Number(process.env.BENCH_N ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const inputs = readdirSync(dir)
  .filter((f) => /\.(txt|html)$/.test(f))
  .sort()
  .map((f) => ({ f, bytes: new Uint8Array(readFileSync(join(dir, f))) }))
  .filter(({ f, bytes }) => {
    try {
      parseReport(bytes, { fileName: f });
      return true;
    } catch (e) {
      if (e instanceof ReportParseError) return false; // no table to parse (e.g. the pre-2019 report)
      throw e;
    }
  });

// Wall-clock rates swing with machine load; CPU time (user+system of this process) is the steadier
// figure for before/after comparisons on a shared machine.
const rates: number[] = [];
const cpuRates: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) for (const { f, bytes } of inputs) parseReport(bytes, { fileName: f });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  rates.push((N * inputs.length) / seconds);
  cpuRates.push((N * inputs.length) / ((c.user + c.system) / 1e6));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${inputs.length} reports × ${N} × ${ROUNDS} rounds: ${mean(rates).toFixed(0)} reports/s wall (rounds: ${rates.map((x) => x.toFixed(0)).join(', ')}); ${median(cpuRates).toFixed(0)} reports/CPU-second (median)`);

// PDF and .docx: the whole path from the file's bytes (pdfjs-dist and geometry / the Word XML reader, parser).
const documentsDir = join(import.meta.dirname, '../tests/fixtures/documents');
const DOC_N = Number(process.env.BENCH_DOC_N ?? 5);
const documents = readdirSync(documentsDir)
  .filter((f) => /\.(pdf|docx)$/.test(f) && !f.startsWith('encrypted'))
  .sort()
  .map((f) => ({ f, bytes: new Uint8Array(readFileSync(join(documentsDir, f))), pages: f.endsWith('.pdf') ? pageCount(readFileSync(join(documentsDir, f), 'latin1')) : 0 }));

function pageCount(pdf: string): number {
  return (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function readDocument(f: string, bytes: Uint8Array) {
  const { source, kind } = await documentSource(bytes, { fileName: f });
  return parseReport(source, { kind: kind ?? undefined, fileName: f });
}

for (const ext of ['pdf', 'docx']) {
  const files = documents.filter((d) => d.f.endsWith(`.${ext}`));
  if (!files.length) continue;
  for (const { f, bytes } of files) await readDocument(f, bytes); // warm-up: module loading and JIT
  const c0 = process.cpuUsage();
  for (let i = 0; i < DOC_N; i++) for (const { f, bytes } of files) await readDocument(f, bytes);
  const c = process.cpuUsage(c0);
  const cpuSeconds = (c.user + c.system) / 1e6;
  const reports = DOC_N * files.length;
  const pages = DOC_N * files.reduce((n, d) => n + d.pages, 0);
  const perPage = pages ? `, ${((cpuSeconds * 1000) / pages).toFixed(1)} CPU ms per page (${files.reduce((n, d) => n + d.pages, 0)} pages)` : '';
  console.log(`${ext}: ${files.length} files × ${DOC_N}: ${(reports / cpuSeconds).toFixed(1)} reports/CPU-second, ${((cpuSeconds * 1000) / reports).toFixed(0)} CPU ms per report${perPage}`);
}
