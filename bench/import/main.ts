/**
 * `npm run bench:import`: a folder of BENCH_REPORTS (1,000) report files — the corpus's real reports,
 * each with a sidecar naming a different county government — imported end to end by
 * `npm run import` into a fresh database on the server of TEST_DATABASE_URL / DATABASE_URL (the
 * system PostgreSQL). Prints reports/s (wall, from the command's start to its exit) and, on Linux with
 * a local server, the CPU time of the command and of its PostgreSQL backends (what other load on a
 * shared machine disturbs least), then checks the statistics rollup and the cell vectors against a
 * full rebuild and the search index against the texts.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { cpuSeconds } from '../proc.js';
import { migrate, openOrm } from '../../src/store/orm.js';
import { readRegionDataset, syncRegions } from '../../src/store/services/regions-sync.js';
import { rebuildReportReadSql } from '../../src/store/reports/read-model.js';
import { rebuildRollupStatements, rebuildVectorStatements } from '../../src/store/services/rollup.js';

const run = promisify(execFile);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1000);
const root = path.resolve(import.meta.dirname, '..', '..');
const corpus = path.join(root, 'tests/fixtures/corpus');
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The corpus's complete reports (the excerpts and the pre-2019 one are not). */
const sources = readdirSync(corpus).filter((f) => /^(0[1-8]|1[136]|28)_.*\.(txt|html)$/.test(f) && !/pre2019|fragment/.test(f)).sort();
const counties = readRegionDataset().filter((r) => r.level === 'COUNTY');

const folder = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-import-'));
for (let i = 0; i < REPORTS; i++) {
  const source = sources[i % sources.length];
  const county = counties[(i * 7919) % counties.length];
  const name = `report-${String(i).padStart(5, '0')}`;
  copyFileSync(path.join(corpus, source), path.join(folder, `${name}${path.extname(source)}`));
  writeFileSync(path.join(folder, `${name}.meta.json`), JSON.stringify({ agencyName: `${county.name}人民政府`, regionCode: county.code, level: 'COUNTY', kind: 'GOVERNMENT' }));
}

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();

/** GNU time, when installed (Linux): the command's CPU time, its children's included. */
const TIME = existsSync('/usr/bin/time') && existsSync('/proc/self/stat') ? '/usr/bin/time' : null;

/**
 * The CPU seconds of the PostgreSQL backends serving `database` while the import runs (a local
 * server only: their /proc entries; 0 elsewhere). Polled, since a backend's entry goes with it.
 */
async function watchBackends(database: string): Promise<{ stop(): Promise<number> }> {
  const seen = new Map<number, number>();
  const poll = async () => {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    for (const { pid } of rows) {
      // 0: gone already, or not on this machine
      const cpu = cpuSeconds(pid);
      if (cpu) seen.set(pid, cpu);
    }
  };
  // The bench's own connections (migrations, region sync) spent theirs before: not counted.
  await poll();
  const before = new Map(seen);
  const timer = setInterval(() => void poll().catch(() => undefined), 100);
  return {
    async stop() {
      clearInterval(timer);
      return [...seen].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0);
    },
  };
}

/** One import of the folder into a fresh database with these options; checks the rollup and the search index after it. */
async function measure(label: string, options: string[]): Promise<number> {
  const database = `nianbao_bench_import_${process.pid}_${label.replace(/\W/g, '')}`;
  await admin.query(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const orm = await openOrm({ databaseUrl: url.toString() });
  try {
    await migrate(orm);
    await syncRegions(orm.em.fork());
    const backends = await watchBackends(database);
    const timeFile = path.join(tmpdir(), `${database}.time`);
    const command = ['npm', 'run', '--silent', 'import', '--', folder, '--json', ...options];
    const started = performance.now();
    // CPU time is the measure that other load on a shared machine disturbs least: the command's
    // (node, its parse workers, npm) by /usr/bin/time, and its PostgreSQL backends' from /proc.
    const result = await run(TIME ? TIME : command[0], TIME ? ['-f', '%U %S', '-o', timeFile, ...command] : command.slice(1), {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const seconds = (performance.now() - started) / 1000;
    const serverCpu = await backends.stop();
    const summary = JSON.parse(result.stdout) as { files: { outcome: string }[] };
    const imported = summary.files.filter((f) => f.outcome === 'imported').length;
    const rate = imported / seconds;
    console.log(`${label}: ${imported} of ${REPORTS} reports imported in ${seconds.toFixed(1)} s: ${rate.toFixed(1)} reports/s end to end`);
    if (TIME && existsSync(timeFile)) {
      const [user, system] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
      rmSync(timeFile, { force: true });
      console.log(`  CPU: the command ${(user + system).toFixed(1)} s, its PostgreSQL backends ${serverCpu.toFixed(1)} s: ${((user + system + serverCpu) * 1000 / Math.max(imported, 1)).toFixed(1)} ms per report`);
    }
    if (imported !== REPORTS) console.log(result.stderr.slice(-2000));

    // The rollup and cell vectors as the imports left them must equal a rebuild from the base tables.
    const connection = orm.em.getConnection();
    const snapshot = async () => {
      const [rollup] = await connection.execute(`select md5(string_agg((to_jsonb(t) - 'id')::text, '|' order by (to_jsonb(t) - 'id')::text)) as h, count(*)::int as n from report_rollup t`);
      const [vectors] = await connection.execute(`select md5(string_agg(t::text, '|' order by t::text)) as h, count(*)::int as n from report_cell_vector t`);
      // The parts are json built by aggregates: compared as jsonb, since their key order follows the rows' heap order.
      const [read] = await connection.execute(`select md5(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text)) as h, count(*)::int as n from report_read t`);
      return { rollup, vectors, read };
    };
    const kept = await snapshot();
    await orm.em.transactional(async (tx) => {
      for (const sql of [...rebuildRollupStatements(), ...rebuildVectorStatements(), rebuildReportReadSql('true')]) await tx.execute(sql);
    });
    const after = await snapshot();
    const same = JSON.stringify(kept) === JSON.stringify(after);
    if (!same) console.log('  differs:', Object.keys(kept).filter((k) => JSON.stringify((kept as any)[k]) !== JSON.stringify((after as any)[k])).join(', '));
    // The search index finds every report by a phrase of its own first section.
    const [found] = await connection.execute(`select count(*)::int as n from report r where exists (select 1 from report_section s where s.report_id = r.id and s.number = 1
      and nianbao_bigrams(s.body) @@ quote_literal(substr(nianbao_search_text(s.body), 5, 2))::tsquery and strpos(nianbao_search_text(s.body), substr(nianbao_search_text(s.body), 5, 6)) > 0)`);
    console.log(`  rollup ${kept.rollup.n} rows, cell vectors ${kept.vectors.n} rows, read model ${kept.read.n} rows: ${same ? 'equal to a full rebuild' : 'DIFFERENT from a full rebuild'}; search index finds ${found.n} of ${imported} reports by their own text`);
    if (!same || found.n !== imported) process.exitCode = 1;
    return rate;
  } finally {
    await orm.close();
    await admin.query(`drop database if exists ${database} with (force)`);
  }
}

try {
  console.log(`${REPORTS} files: ${sources.length} corpus reports as ${REPORTS} county governments (sidecars), system PostgreSQL`);
  // Side by side, on the same machine load: one transaction per report read in the main thread, then the defaults.
  const baseline = process.env.BENCH_BASELINE === '0' ? null : await measure('one transaction per report, no workers (--batch 1 --workers 0)', ['--batch', '1', '--workers', '0']);
  const batched = await measure('batches of 50, 2 writers, parse workers (defaults)', []);
  if (baseline) console.log(`ratio: ${(batched / baseline).toFixed(2)}× the per-report rate`);
} finally {
  await admin.end();
  rmSync(folder, { recursive: true, force: true });
}
