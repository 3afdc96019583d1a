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
