/**
 * Parse speed: every corpus report with a table, N times per round, several rounds; prints
 * reports/second, in all and for text and HTML apart. Then the PDF and Word fixtures (and the shared corpus's PDFs), each kind on its own:
 * reports per CPU-second and CPU milliseconds per PDF page and per file (text layer read with
 * pdfjs-dist, tables rebuilt, then parsed), medians of BENCH_DOC_N reads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeSource, documentSource, parseReport, ReportParseError } from '../src/ingest/index.js';
import { detectKind } from '../src/ingest/prepare.js';

const dir = join(import.meta.dirname, '../tests/fixtures/corpus');
const N = Number(process.env.BENCH_N ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Untimed passes first: without them the first rounds measure the JIT warming up (450 → 1000 reports/s in one run). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);

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
  })
  .map((input) => ({ ...input, kind: detectKind(decodeSource(input.bytes).text) }));
const kinds = [...new Set(inputs.map((i) => i.kind))].sort();

// Wall-clock rates swing with machine load; CPU time (user+system of this process) is the steadier
// figure for before/after comparisons on a shared machine.
const rates: number[] = [];
const cpuRates: number[] = [];
const kindCpuRates = new Map(kinds.map((k) => [k, [] as number[]]));
for (let i = 0; i < WARMUP; i++) for (const { f, bytes } of inputs) parseReport(bytes, { fileName: f });
for (let r = 0; r < ROUNDS; r++) {
  let seconds = 0;
  let cpuSeconds = 0;
  for (const kind of kinds) {
    const files = inputs.filter((i) => i.kind === kind);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) for (const { f, bytes } of files) parseReport(bytes, { fileName: f });
    seconds += (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpuSeconds += (c.user + c.system) / 1e6;
    kindCpuRates.get(kind)!.push((N * files.length) / ((c.user + c.system) / 1e6));
  }
  rates.push((N * inputs.length) / seconds);
  cpuRates.push((N * inputs.length) / cpuSeconds);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${inputs.length} reports × ${N} × ${ROUNDS} rounds after ${WARMUP} untimed passes: ${mean(rates).toFixed(0)} reports/s wall (rounds: ${rates.map((x) => x.toFixed(0)).join(', ')}); ${median(cpuRates).toFixed(0)} reports/CPU-second (median)`);
for (const kind of kinds) console.log(`  ${kind}: ${inputs.filter((i) => i.kind === kind).length} reports, ${median(kindCpuRates.get(kind)!).toFixed(0)} reports/CPU-second (median)`);

// PDF and .docx: the whole path from the file's bytes (pdfjs-dist and geometry / the Word XML reader, parser).
// PDFs are grouped by the program that made them (their costs differ: LibreOffice embeds Type1
// fonts that pdfjs translates, Chromium draws CJK glyphs as Type3 fonts of many small streams);
// the Chromium-printed report of the shared corpus is read too when it is there.
const documentsDir = join(import.meta.dirname, '../tests/fixtures/documents');
const sharedCorpus = join(import.meta.dirname, '../../shared/corpus');
const DOC_N = Number(process.env.BENCH_DOC_N ?? 5);
const documentPaths = [
  ...readdirSync(documentsDir).map((f) => join(documentsDir, f)),
  ...(existsSync(sharedCorpus) ? readdirSync(sharedCorpus).filter((f) => f.endsWith('.pdf')).map((f) => join(sharedCorpus, f)) : []),
];
const documents = documentPaths
  .filter((p) => /\.(pdf|docx)$/.test(p) && !basename(p).startsWith('encrypted'))
  .sort()
  .map((p) => {
    const latin1 = readFileSync(p, 'latin1');
    const pdf = p.endsWith('.pdf');
    return { f: basename(p), bytes: new Uint8Array(readFileSync(p)), pages: pdf ? pageCount(latin1) : 0, kind: pdf ? `pdf (${producer(latin1)})` : 'docx' };
  });

function pageCount(pdf: string): number {
  return (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** The /Producer of the document information, a literal string or UTF-16BE hex (LibreOffice writes that). */
function producer(pdf: string): string {
  const literal = /\/Producer\s*\(([^)]*)\)/.exec(pdf)?.[1];
  const hex = /\/Producer\s*<FEFF([0-9A-Fa-f]*)>/.exec(pdf)?.[1];
  const name = literal ?? (hex ? String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))) : '');
  return /LibreOffice/i.test(name) ? 'LibreOffice' : /Skia/i.test(name) ? 'Chromium' : name.split(/[\s/]/)[0] || 'other';
}

async function readDocument(f: string, bytes: Uint8Array) {
  const { source, kind } = await documentSource(bytes, { fileName: f });
  return parseReport(source, { kind: kind ?? undefined, fileName: f });
}

const cpuMillis = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
for (const kind of [...new Set(documents.map((d) => d.kind))].sort()) {
  const files = documents.filter((d) => d.kind === kind);
  for (let i = 0; i < 3; i++) for (const { f, bytes } of files) await readDocument(f, bytes); // warm-up: module loading and JIT
  const times = new Map(files.map((d) => [d.f, [] as number[]]));
  for (let i = 0; i < DOC_N; i++) {
    for (const { f, bytes } of files) {
      const t0 = cpuMillis();
      await readDocument(f, bytes);
      times.get(f)!.push(cpuMillis() - t0);
    }
  }
  const perReport = files.reduce((ms, d) => ms + median(times.get(d.f)!), 0) / files.length;
  const pages = files.reduce((n, d) => n + d.pages, 0);
  const perPage = pages ? `, ${((perReport * files.length) / pages).toFixed(1)} CPU ms per page (${pages} pages)` : '';
  console.log(`${kind}: ${files.length} file${files.length === 1 ? '' : 's'} × ${DOC_N}: ${(1000 / perReport).toFixed(1)} reports/CPU-second, ${perReport.toFixed(0)} CPU ms per report${perPage} (medians)`);
  if (pages) for (const d of files) console.log(`  ${d.f}: ${d.pages} pages, ${median(times.get(d.f)!).toFixed(0)} CPU ms (${(median(times.get(d.f)!) / d.pages).toFixed(1)} per page)`);
}
