/**
 * What a national export costs: /export/reports.csv of a filter streamed through the service
 * (keyset pages), side by side with the whole result read in one statement and written as one
 * CSV string — the naive way. Each runs in its own process; the figures are wall time, bytes and the
 * highest resident memory above the process's own baseline.
 *
 *   BENCH_DATABASE=<name> [BENCH_EXPORT_FORMAT=csv|xlsx|jsonl] npm run bench:export -- [query, default year=2024]
 *
 * Reads an existing bench database (see bench/database.ts, BENCH_KEEP=1) without migrating it.
 */
import { spawnSync } from 'node:child_process';
import { createLogger } from '../../src/server/logger.js';
import { createApp } from '../../src/server/app.js';
import { csvLine } from '../../src/server/exports/writers.js';
import { REPORT_ROW_HEADER, reportRow } from '../../src/server/exports/reports.js';
import { reportListRequest } from '../../src/server/exports/parameters.js';
import { TABLE_PARTS_REQUEST } from '../../src/store/reports/export.js';
import { listReports } from '../../src/store/reports/read.js';
import { openOrm } from '../../src/store/orm.js';
import { ReadPool } from '../../src/store/read-pool.js';

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = process.env.BENCH_DATABASE;
const [query = 'year=2024', mode] = process.argv.slice(2);

async function measure(run: () => Promise<number>): Promise<void> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const bytes = await run();
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ ms: Math.round(ms), bytes, peakAboveBaseMb: Math.round((peak - base) / 1e5) / 10 }));
}

async function child(): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const orm = await openOrm({ databaseUrl: url.toString() });
  const reader = new ReadPool({ connectionString: url.toString() });
  const app = createApp({ orm, reader, logger: createLogger('silent'), apiTokens: [], maxImportBytes: 1 });
  // Warm the pool and the prepared statements off the clock.
  await listReports(reader, { filter: {}, order: 'YEAR_DESC', limit: 1, inverted: false }, TABLE_PARTS_REQUEST);
  await measure(async () => {
    if (mode === '--whole') {
      const { filter, order } = reportListRequest(new URLSearchParams(query), { canWrite: false, tokenPresented: false });
      const { reports } = await listReports(reader, { filter, order, limit: 1_000_000, inverted: false }, TABLE_PARTS_REQUEST);
      const text = `\uFEFF${csvLine(REPORT_ROW_HEADER)}${reports.map((r) => csvLine(reportRow(r))).join('')}`;
      return Buffer.byteLength(text);
    }
    const response = await app.fetch(new Request(`http://bench/export/reports.${process.env.BENCH_EXPORT_FORMAT ?? 'csv'}?${query}`));
    let bytes = 0;
    const body = response.body!.getReader();
    for (let next = await body.read(); !next.done; next = await body.read()) bytes += next.value.byteLength;
    return bytes;
  });
  await reader.close();
  await orm.close();
}

if (!database) throw new Error('BENCH_DATABASE: the name of a loaded bench database (see bench/database.ts)');
if (process.env.BENCH_EXPORT_CHILD) {
  await child();
} else {
  for (const variant of ['', '--whole']) {
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, query, variant], { env: { ...process.env, BENCH_EXPORT_CHILD: '1' }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    console.log(variant ? 'whole result in memory' : 'streamed export', query, result.stdout.trim());
  }
}
