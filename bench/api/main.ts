/**
 * `npm run bench:api`: loads synthetic national data into a fresh database and measures the portal
 * questions through HTTP (a real server on 127.0.0.1), each next to the same question as plain SQL.
 * Not a test: numbers depend on the machine. Environment:
 *   TEST_DATABASE_URL / DATABASE_URL  a server to create the bench database on (else embedded PostgreSQL)
 *   BENCH_SCALE        share of the 3004 county-level divisions covered (default 0.1; 1 = national)
 *   BENCH_DEPARTMENTS  departments per county besides its government (default 30)
 *   BENCH_REQUESTS     timed requests per query (default 40), BENCH_CONCURRENCY (default 4)
 *   BENCH_KEEP=1       keep the database afterwards
 *   BENCH_ONLY         measure only the questions whose name matches this regular expression
 *   BENCH_DATABASE     measure an existing database (one kept with BENCH_KEEP=1): migrate it, skip the load, keep it
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { ReadPool } from '../../src/store/read-pool.js';
import { openBenchDatabase } from '../database.js';
import { PORTAL_QUESTIONS } from './questions.js';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const scale = env('BENCH_SCALE', 0.1);
const departments = env('BENCH_DEPARTMENTS', 30);
const requests = env('BENCH_REQUESTS', 40);
const concurrency = env('BENCH_CONCURRENCY', 4);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `task` `count` times with `concurrency` in flight; returns per-call milliseconds and wall time. */
async function measure(task: () => Promise<void>, count: number): Promise<{ ms: number[]; wall: number }> {
  for (let i = 0; i < 3; i++) await task(); // warm caches and plans
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const t = performance.now();
        await task();
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms: ms.sort((a, b) => a - b), wall: performance.now() - started };
}

async function main(): Promise<void> {
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const database = await openBenchDatabase({ scale, departments, poolMax: concurrency + 2, log });
  const { orm } = database;
  const sql = new pg.Pool({ connectionString: database.url, max: concurrency });
  const reader = new ReadPool({ connectionString: database.url, max: concurrency });
  const server = createServer(createApp({ orm, reader, logger: createLogger('silent'), apiTokens: [], maxImportBytes: 1024 }));
  try {
    const sample = (await sql.query(`select a.region_code, left(a.region_code, 4) as prefecture, left(a.region_code, 2) as province from agency a order by a.id limit 1`)).rows[0];
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    log(`\nHTTP on 127.0.0.1:${port}; ${requests} requests per query, ${concurrency} in flight\n`);
    log('| question | API req/s | API p50 ms | API p99 ms | SQL p50 ms | SQL p99 ms | p50 ratio |');
    log('|---|---|---|---|---|---|---|');
    for (const q of PORTAL_QUESTIONS(sample).filter((q) => new RegExp(process.env.BENCH_ONLY ?? '').test(q.name))) {
      const body = JSON.stringify({ query: q.graphql });
      const api = await measure(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = (await response.json()) as { errors?: unknown };
        if (json.errors) throw new Error(`${q.name}: ${JSON.stringify(json.errors)}`);
      }, requests);
      const raw = await measure(async () => void (await sql.query(q.sql, q.params)), requests);
      const p50 = percentile(api.ms, 50);
      const sqlP50 = percentile(raw.ms, 50);
      log(`| ${q.name} | ${((requests / api.wall) * 1000).toFixed(0)} | ${p50.toFixed(1)} | ${percentile(api.ms, 99).toFixed(1)} | ${sqlP50.toFixed(1)} | ${percentile(raw.ms, 99).toFixed(1)} | ${(p50 / sqlP50).toFixed(2)} |`);
    }
  } finally {
    server.close();
    await sql.end();
    await reader.close();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
