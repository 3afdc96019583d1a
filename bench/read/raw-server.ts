/**
 * The baseline of `npm run bench:read`: the simplest raw-SQL HTTP server over the same database.
 * `GET /<scenario>?v=<variables JSON>[&naive]` runs that scenario's one statement (or its naive form) on a pg Pool and writes
 * the JSON PostgreSQL built. BENCH_RAW_PREPARED=1 names the statements so their plans are reused.
 * Environment: DATABASE_URL, PORT, POOL_MAX.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { scenarios } from './scenarios.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });
const prepared = process.env.BENCH_RAW_PREPARED === '1';
const byName = new Map(scenarios({ reportIds: [0], provinces: ['11'], year: 2024 }).map((s) => [s.name, s]));

const server = createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? '/', 'http://raw');
    const scenario = byName.get(url.pathname.slice(1));
    if (!scenario) {
      response.writeHead(404).end();
      return;
    }
    const variables = JSON.parse(url.searchParams.get('v') ?? '{}') as Record<string, unknown>;
    const naive = url.searchParams.has('naive') && scenario.naiveSql;
    const text = naive ? scenario.naiveSql! : scenario.sql;
    const name = `${scenario.name}${naive ? '_naive' : ''}`;
    const result = await pool.query<{ body: string }>(prepared ? { name, text, values: scenario.params(variables) } : { text, values: scenario.params(variables) });
    response.writeHead(200, { 'content-type': 'application/json' }).end(result.rows[0]?.body ?? 'null');
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => void pool.end().then(() => process.exit(0))));
