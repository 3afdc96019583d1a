/** Parse speed: every corpus report with a table, N times per round, several rounds; prints reports/second. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport, ReportParseError } from '../src/ingest/index.js';

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

const rates: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) for (const { f, bytes } of inputs) parseReport(bytes, { fileName: f });
  const seconds = (performance.now() - t0) / 1000;
  rates.push((N * inputs.length) / seconds);
}
const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
console.log(`${inputs.length} reports × ${N} × ${ROUNDS} rounds: ${mean.toFixed(0)} reports/s (rounds: ${rates.map((x) => x.toFixed(0)).join(', ')})`);
