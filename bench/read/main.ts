/**
 * `npm run bench:read`: the report page (S1), the report list (S2) and a national aggregate (S3)
 * through the real service, side by side with the simplest raw-SQL server over the same database.
 * Both run as their own processes; rounds interleave (raw, service, service, raw, …) so the shared
 * machine's noise falls on both. Not a test: it prints figures, and fails only when the two servers
 * disagree on a number or answer errors. Environment:
 *   BENCH_DATABASE / BENCH_KEEP / BENCH_SCALE / BENCH_DEPARTMENTS   see bench/database.ts (default scale 0.2)
 *   BENCH_SECONDS (5) per run, BENCH_ROUNDS (3), BENCH_CONCURRENCY (16), BENCH_POOL (10) connections per server
 *   BENCH_ONLY     scenarios whose name matches this regular expression
 *   BENCH_RAW_PREPARED=1   the raw server names its statements (plans reused) instead of sending them plain
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchDatabase } from '../database.js';
import { countStatements } from './statements.js';
import { drive, fetchOnce, percentile, type LoadRequest, type LoadResult } from './load.js';
import { scenarios, type Scenario } from './scenarios.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const seconds = env('BENCH_SECONDS', 5);
const rounds = env('BENCH_ROUNDS', 3);
const concurrency = env('BENCH_CONCURRENCY', 16);
const poolMax = env('BENCH_POOL', 10);
const log = (m: string) => process.stdout.write(`${m}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

async function startProcess(args: string[], port: number, extraEnv: Record<string, string>, readyPath: string | null): Promise<ChildProcess> {
  const script = args.join(' ');
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PORT: String(port), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${script} did not start in 60 s:\n${output}`);
    try {
      if (readyPath === null ? output.includes('ready') : (await fetchOnce(port, { path: readyPath })).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The servers log every request: keep reading so a full pipe never blocks them.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** User + system CPU seconds of a process so far, from /proc (Linux, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const graphqlRequest = (s: Scenario) => (i: number): LoadRequest => ({ path: '/graphql', body: JSON.stringify({ query: s.graphql, variables: s.variables(i) }) });
const rawRequest = (s: Scenario, naive = false) => (i: number): LoadRequest => ({ path: `/${s.name}?v=${encodeURIComponent(JSON.stringify(s.variables(i)))}${naive ? '&naive' : ''}` });

async function checkSameNumbers(s: Scenario, apiPort: number, rawPort: number): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const api = await fetchOnce(apiPort, graphqlRequest(s)(i));
    const raw = await fetchOnce(rawPort, rawRequest(s)(i));
    if (s.naiveSql && (await fetchOnce(rawPort, rawRequest(s, true)(i))).body !== raw.body) throw new Error(`${s.name} #${i}: the naive and the tuned raw statements disagree`);
    const apiJson = JSON.parse(api.body);
    if (apiJson.errors) throw new Error(`${s.name}: the service answered errors: ${JSON.stringify(apiJson.errors)}`);
    const a = s.numbers(apiJson, false);
    const b = s.numbers(JSON.parse(raw.body), true);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
    if (keys.length) throw new Error(`${s.name} #${i}: the service and raw SQL disagree on ${keys.slice(0, 5).map((k) => `${k}: ${a[k]} vs ${b[k]}`).join('; ')}`);
  }
}

interface Totals {
  /** CPU seconds the answering server spent during these runs (user + system). */
  cpu: number;
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
}
const add = (t: Totals, r: LoadResult) => {
  t.requests += r.requests;
  t.errors += r.errors;
  t.seconds += r.seconds;
  t.latencies.push(...r.latencies);
  if (r.errors) log(`  ! ${r.errors} errors, first: ${r.firstError}`);
};
const empty = (): Totals => ({ cpu: 0, requests: 0, errors: 0, seconds: 0, latencies: [] });
const cpuPerRequest = (t: Totals) => ((t.cpu / t.requests) * 1e6).toFixed(0);
const rate = (t: Totals) => t.requests / t.seconds;
const ms = (t: Totals, p: number) => percentile(t.latencies.sort((a, b) => a - b), p).toFixed(1);

async function main(): Promise<void> {
  const database = await openBenchDatabase({ scale: env('BENCH_SCALE', 0.2), departments: env('BENCH_DEPARTMENTS', 30), poolMax: 4, log });
  const sql = database.orm.em.getConnection();
  const year = (await sql.execute<{ y: number }[]>(`select max(year) as y from report`))[0].y;
  const reportIds = (await sql.execute<{ id: number }[]>(`select id from report where status = 'PUBLISHED' order by md5(id::text) limit 200`)).map((r) => r.id);
  const provinces = (await sql.execute<{ p: string }[]>(`select distinct left(a.region_code, 2) as p from report r join agency a on a.id = r.agency_id where r.year = ? order by 1`, [year])).map((r) => r.p);
  const chosen = scenarios({ reportIds, provinces, year }).filter((s) => new RegExp(process.env.BENCH_ONLY ?? '').test(s.name));

  const [apiPort, rawPort] = [await freePort(), await freePort()];
  // The service as `npm start` runs it: the bundle, built from the sources as they are now.
  execFileSync('npm', ['run', '-s', 'build:service'], { cwd: root, stdio: 'inherit' });
  const service = await startProcess(['dist/serve.js'], apiPort, {
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    NIANBAO_LOAD_SAMPLES: 'false',
    NIANBAO_API_TOKENS: '',
    // One load generator is one client address: the limiter still runs, at a limit it never reaches.
    NIANBAO_RATE_LIMIT_PER_MINUTE: '1000000',
  }, '/ready');
  const raw = await startProcess(['--import', 'tsx', 'bench/read/raw-server.ts'], rawPort, { DATABASE_URL: database.url, POOL_MAX: String(poolMax) }, null);
  try {
    log(`\n${reportIds.length} reports for S1, ${provinces.length} provinces of ${year} for S2; ${concurrency} connections, ${rounds} rounds of ${seconds} s per side; pools of ${poolMax}; raw statements ${process.env.BENCH_RAW_PREPARED === '1' ? 'prepared (named)' : 'sent plain (unnamed)'}`);
    for (const s of chosen) await checkSameNumbers(s, apiPort, rawPort);
    log('Both servers print the same numbers for every scenario.\n');

    const statements = await countStatements(database.url, chosen);
    const results = new Map(chosen.map((s) => [s.name, { raw: empty(), api: empty(), naive: empty() }]));
    let rssMax = 0;
    const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, rssMb(service.pid!))), 250);
    for (const s of chosen) {
      await drive(rawPort, rawRequest(s), { seconds: 1, concurrency });
      await drive(apiPort, graphqlRequest(s), { seconds: 1, concurrency });
    }
    for (let round = 0; round < rounds; round++) {
      for (const s of chosen) {
        const totals = results.get(s.name)!;
        const sides: ['raw' | 'api' | 'naive', number, (i: number) => LoadRequest][] = [
          ['raw', rawPort, rawRequest(s)],
          ['api', apiPort, graphqlRequest(s)],
          ...(s.naiveSql ? [['naive', rawPort, rawRequest(s, true)] as ['naive', number, (i: number) => LoadRequest]] : []),
        ];
        if (round % 2) sides.reverse();
        for (const [side, port, next] of sides) {
          const pid = side === 'api' ? service.pid! : raw.pid!;
          const cpuBefore = cpuSeconds(pid);
          add(totals[side], await drive(port, next, { seconds, concurrency }));
          totals[side].cpu += cpuSeconds(pid) - cpuBefore;
        }
      }
      log(`round ${round + 1} of ${rounds} done`);
    }
    clearInterval(rssTimer);

    const cpuBefore = cpuSeconds(service.pid!);
    let sent = 0;
    await drive(apiPort, () => ({ path: '/graphql', body: (sent++, '{"query":"{__typename}"}') }), { seconds: 3, concurrency });
    const typenameCpu = ((cpuSeconds(service.pid!) - cpuBefore) / sent) * 1e6;

    log('\n| scenario | raw SQL req/s | Nianbao req/s | ratio | raw p50 / p99 ms | Nianbao p50 / p99 ms | statements per request | server CPU µs per request, raw / Nianbao |');
    log('|---|---|---|---|---|---|---|---|');
    for (const s of chosen) {
      const { raw: r, api: a, naive: n } = results.get(s.name)!;
      log(`| ${s.name} ${s.what} | ${rate(r).toFixed(0)} | ${rate(a).toFixed(0)} | **${((rate(a) / rate(r)) * 100).toFixed(0)}%** | ${ms(r, 50)} / ${ms(r, 99)} | ${ms(a, 50)} / ${ms(a, 99)} | ${statements.get(s.name)} | ${cpuPerRequest(r)} / ${cpuPerRequest(a)} |`);
      if (n.requests) log(`| ${s.name} against the naive statement (region through the agency) | ${rate(n).toFixed(0)} | ${rate(a).toFixed(0)} | **${((rate(a) / rate(n)) * 100).toFixed(0)}%** | ${ms(n, 50)} / ${ms(n, 99)} | ${ms(a, 50)} / ${ms(a, 99)} | | ${cpuPerRequest(n)} / ${cpuPerRequest(a)} |`);
    }
    log(`\nService RSS, highest under load: ${rssMax.toFixed(0)} MB. \`{__typename}\`: ${typenameCpu.toFixed(0)} µs of service CPU per request (${sent} requests).`);
    const errors = [...results.values()].reduce((n, r) => n + r.raw.errors + r.api.errors + r.naive.errors, 0);
    if (errors) throw new Error(`${errors} requests failed`);
  } finally {
    await Promise.all([stop(service), stop(raw)]);
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
