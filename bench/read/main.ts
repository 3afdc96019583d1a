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
 *   BENCH_READ_URL  a streaming replica of the bench database (see docs/deployment.md): S1/S2 are also
 *                   measured through a service reading from it, beside the service on the primary alone
 *   BENCH_REPLICA=1 instead, build a throwaway primary and a hot standby of it (pg_basebackup, the
 *                   system's PostgreSQL binaries, free local ports), load the synthetic data there
 *                   (BENCH_SCALE) and measure everything on that pair
 *
 * Beside the raw server and the service (response cache off), S1 and S2 are measured through a
 * service with its response cache on (in memory), in the same rounds.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchDatabase } from '../database.js';
import { countStatements } from './statements.js';
import { cpuSeconds, postgresCpuSeconds, postmasterOf, rssMb } from '../proc.js';
import { drive, fetchOnce, percentile, type LoadRequest, type LoadResult } from './load.js';
import { scenarios, type Scenario } from './scenarios.js';
import { standbyUnavailable, startPrimary, type PrimaryAndStandby } from '../../tests/support/standby.js';

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
  /** CPU seconds of the benchmark's PostgreSQL server (every process of it), and of this load driver, during these runs. */
  postgresCpu: number;
  driverCpu: number;
  /** Bytes of one answer (the first check's). */
  answerBytes: number;
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
const empty = (): Totals => ({ cpu: 0, postgresCpu: 0, driverCpu: 0, answerBytes: 0, requests: 0, errors: 0, seconds: 0, latencies: [] });
const cpuPerRequest = (t: Totals, cpu = t.cpu) => ((cpu / t.requests) * 1e6).toFixed(0);
const rate = (t: Totals) => t.requests / t.seconds;
const ms = (t: Totals, p: number) => percentile(t.latencies.sort((a, b) => a - b), p).toFixed(1);

async function main(): Promise<void> {
  let pair: PrimaryAndStandby | undefined;
  if (process.env.BENCH_REPLICA === '1' && !process.env.BENCH_READ_URL) {
    const unavailable = standbyUnavailable();
    if (unavailable) throw new Error(`BENCH_REPLICA=1: ${unavailable}`);
    if (process.env.BENCH_DATABASE) throw new Error('BENCH_REPLICA=1 loads fresh data on a throwaway primary: unset BENCH_DATABASE');
    pair = await startPrimary();
    process.env.TEST_DATABASE_URL = pair.primaryUrl('postgres');
    log(`Throwaway primary at ${pair.primaryUrl('')}`);
  }
  try {
    await measure(pair);
  } finally {
    pair?.close();
  }
}

async function measure(pair: PrimaryAndStandby | undefined): Promise<void> {
  const database = await openBenchDatabase({ scale: env('BENCH_SCALE', 0.2), departments: env('BENCH_DEPARTMENTS', 30), poolMax: 4, log });
  const sql = database.orm.em.getConnection();
  const year = (await sql.execute<{ y: number }[]>(`select max(year) as y from report`))[0].y;
  // The primary's processes only (a standby's, for the replicated side, are not counted).
  const postmaster = postmasterOf((await sql.execute<{ pid: number }[]>('select pg_backend_pid() as pid'))[0].pid);
  const serverCpu = () => (postmaster ? postgresCpuSeconds(postmaster) : NaN);
  const reportIds = (await sql.execute<{ id: number }[]>(`select id from report where status = 'PUBLISHED' order by md5(id::text) limit 200`)).map((r) => r.id);
  const provinces = (await sql.execute<{ p: string }[]>(`select distinct left(a.region_code, 2) as p from report r join agency a on a.id = r.agency_id where r.year = ? order by 1`, [year])).map((r) => r.p);
  const chosen = scenarios({ reportIds, provinces, year }).filter((s) => new RegExp(process.env.BENCH_ONLY ?? '').test(s.name));

  const [apiPort, rawPort] = [await freePort(), await freePort()];
  // The service as `npm start` runs it: the bundle, built from the sources as they are now.
  execFileSync('npm', ['run', '-s', 'build:service'], { cwd: root, stdio: 'inherit' });
  const serviceEnv = {
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    NIANBAO_LOAD_SAMPLES: 'false',
    NIANBAO_API_TOKENS: '',
    // One load generator is one client address: the limiter still runs, at a limit it never reaches.
    NIANBAO_RATE_LIMIT_PER_MINUTE: '1000000',
    // Every request answered from scratch: what the raw server is compared with.
    NIANBAO_RESPONSE_CACHE: 'false',
  };
  const service = await startProcess(['dist/serve.js'], apiPort, serviceEnv, '/ready');
  const spread = chosen.filter((s) => s.name === 'S1' || s.name === 'S2');
  const [cachedPort, replicaPort] = [await freePort(), await freePort()];
  const cached = spread.length ? await startProcess(['dist/serve.js'], cachedPort, { ...serviceEnv, NIANBAO_RESPONSE_CACHE: 'true' }, '/ready') : undefined;
  if (pair) {
    await pair.startStandby();
    log(`Hot standby at ${pair.standbyUrl('')}`);
  }
  const readUrl = process.env.BENCH_READ_URL ?? pair?.standbyUrl(database.name);
  if (!readUrl) log('No BENCH_READ_URL: primary + replica is not measured (BENCH_REPLICA=1 builds a local standby).');
  const replicated =
    readUrl && spread.length ? await startProcess(['dist/serve.js'], replicaPort, { ...serviceEnv, DATABASE_READ_URL: readUrl, NIANBAO_METRICS: 'true' }, '/ready') : undefined;
  const raw = await startProcess(['--import', 'tsx', 'bench/read/raw-server.ts'], rawPort, { DATABASE_URL: database.url, POOL_MAX: String(poolMax) }, null);
  try {
    log(`\n${reportIds.length} reports for S1, ${provinces.length} provinces of ${year} for S2; ${concurrency} connections, ${rounds} rounds of ${seconds} s per side; pools of ${poolMax}; raw statements ${process.env.BENCH_RAW_PREPARED === '1' ? 'prepared (named)' : 'sent plain (unnamed)'}`);
    for (const s of chosen) await checkSameNumbers(s, apiPort, rawPort);
    log('Both servers print the same numbers for every scenario.\n');

    const statements = await countStatements(database.url, chosen);
    const results = new Map(chosen.map((s) => [s.name, { raw: empty(), api: empty(), naive: empty(), cached: empty(), replicated: empty() }]));
    type Side = 'raw' | 'api' | 'naive' | 'cached' | 'replicated';
    const pids: Record<Side, number> = { raw: raw.pid!, naive: raw.pid!, api: service.pid!, cached: cached?.pid ?? 0, replicated: replicated?.pid ?? 0 };
    let rssMax = 0;
    const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, rssMb(service.pid!))), 250);
    for (const s of chosen) {
      await drive(rawPort, rawRequest(s), { seconds: 1, concurrency });
      await drive(apiPort, graphqlRequest(s), { seconds: 1, concurrency });
      // The cache's warm-up: every variant of the scenario asked once.
      if (cached && spread.includes(s)) await drive(cachedPort, graphqlRequest(s), { seconds: 1, concurrency });
      if (replicated && spread.includes(s)) await drive(replicaPort, graphqlRequest(s), { seconds: 1, concurrency });
    }
    for (let round = 0; round < rounds; round++) {
      for (const s of chosen) {
        const totals = results.get(s.name)!;
        const sides: [Side, number, (i: number) => LoadRequest][] = [
          ['raw', rawPort, rawRequest(s)],
          ['api', apiPort, graphqlRequest(s)],
          ...(s.naiveSql ? [['naive', rawPort, rawRequest(s, true)] as [Side, number, (i: number) => LoadRequest]] : []),
          ...(cached && spread.includes(s) ? [['cached', cachedPort, graphqlRequest(s)] as [Side, number, (i: number) => LoadRequest]] : []),
          ...(replicated && spread.includes(s) ? [['replicated', replicaPort, graphqlRequest(s)] as [Side, number, (i: number) => LoadRequest]] : []),
        ];
        if (round % 2) sides.reverse();
        for (const [side, port, next] of sides) {
          const pid = pids[side];
          const [cpuBefore, postgresBefore, driverBefore] = [cpuSeconds(pid), serverCpu(), process.cpuUsage()];
          add(totals[side], await drive(port, next, { seconds, concurrency }));
          totals[side].cpu += cpuSeconds(pid) - cpuBefore;
          totals[side].postgresCpu += serverCpu() - postgresBefore;
          const driver = process.cpuUsage(driverBefore);
          totals[side].driverCpu += (driver.user + driver.system) / 1e6;
          totals[side].answerBytes ||= Buffer.byteLength((await fetchOnce(port, next(0))).body);
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
    // The machine's cores are shared by the server, PostgreSQL and the load driver: what each spends
    // per request bounds the rate (a server is one thread: 1 s / its CPU per request at most).
    log('\n| scenario | side | answer bytes | CPU µs per request: server / PostgreSQL, all processes of its server / load driver | sum |');
    log('|---|---|---|---|---|');
    for (const s of chosen) {
      const { raw: r, api: a } = results.get(s.name)!;
      for (const [side, t] of [['raw SQL', r], ['Nianbao', a]] as const) {
        const sum = ((t.cpu + t.postgresCpu + t.driverCpu) / t.requests) * 1e6;
        log(`| ${s.name} | ${side} | ${t.answerBytes} | ${cpuPerRequest(t)} / ${cpuPerRequest(t, t.postgresCpu)} / ${cpuPerRequest(t, t.driverCpu)} | ${sum.toFixed(0)} |`);
      }
    }
    if (spread.length) {
      log('\n| scenario | Nianbao, every request computed, req/s | response cache on (memory), req/s | ratio | p50 / p99 ms, computed | p50 / p99 ms, cached | service CPU µs per request, computed / cached |');
      log('|---|---|---|---|---|---|---|');
      for (const s of spread) {
        const { api: a, cached: c } = results.get(s.name)!;
        log(`| ${s.name} | ${rate(a).toFixed(0)} | ${rate(c).toFixed(0)} | **${((rate(c) / rate(a)) * 100).toFixed(0)}%** | ${ms(a, 50)} / ${ms(a, 99)} | ${ms(c, 50)} / ${ms(c, 99)} | ${cpuPerRequest(a)} / ${cpuPerRequest(c)} |`);
      }
    }
    if (replicated) {
      log('\n| scenario | primary alone, req/s | primary + replica, req/s | ratio | p50 / p99 ms, primary | p50 / p99 ms, primary + replica |');
      log('|---|---|---|---|---|---|');
      for (const s of spread) {
        const { api: a, replicated: r } = results.get(s.name)!;
        log(`| ${s.name} | ${rate(a).toFixed(0)} | ${rate(r).toFixed(0)} | **${((rate(r) / rate(a)) * 100).toFixed(0)}%** | ${ms(a, 50)} / ${ms(a, 99)} | ${ms(r, 50)} / ${ms(r, 99)} |`);
      }
      const metrics = (await fetchOnce(replicaPort, { path: '/metrics' })).body;
      const routed = [...metrics.matchAll(/^nianbao_read_routed_total\{database="([^"]+)"\} (\d+)/gm)].map(([, where, n]) => `${where} ${n}`);
      log(`Read statements of the primary + replica service, by database: ${routed.join(', ')}.`);
    }
    log(`\nService RSS, highest under load: ${rssMax.toFixed(0)} MB. \`{__typename}\`: ${typenameCpu.toFixed(0)} µs of service CPU per request (${sent} requests).`);
    const errors = [...results.values()].reduce((n, r) => n + r.raw.errors + r.api.errors + r.naive.errors + r.cached.errors + r.replicated.errors, 0);
    if (errors) throw new Error(`${errors} requests failed`);
  } finally {
    await Promise.all([stop(service), stop(raw), ...[cached, replicated].filter((c): c is ChildProcess => c !== undefined).map(stop)]);
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
