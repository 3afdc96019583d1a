/**
 * The database a benchmark measures: a fresh one loaded with synthetic national data, or one kept
 * from an earlier run (BENCH_DATABASE, migrated and measured as it is). On the server in
 * TEST_DATABASE_URL / DATABASE_URL, else on an embedded PostgreSQL in a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/store/embedded-postgres.js';
import { migrate, openOrm } from '../src/store/orm.js';
import { readRegionDataset, syncRegions } from '../src/store/services/regions-sync.js';
import { loadSynthetic } from './synthetic/load.js';

export interface BenchDatabase {
  /** URL of the bench database itself. */
  url: string;
  name: string;
  orm: MikroORM;
  /** Drops a freshly loaded database unless BENCH_KEEP=1; a reused one is always kept. */
  close(): Promise<void>;
}

export interface BenchDatabaseOptions {
  scale: number;
  departments: number;
  poolMax: number;
  log: (message: string) => void;
}

export async function openBenchDatabase(options: BenchDatabaseOptions): Promise<BenchDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let tempDir: string | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    tempDir = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'data'), database: 'postgres' });
    serverUrl = embedded.url;
  }
  const reuse = process.env.BENCH_DATABASE;
  if (reuse && !/^[a-z_][a-z0-9_]*$/.test(reuse)) throw new Error(`BENCH_DATABASE: not a database name: ${reuse}`);
  const name = reuse ?? `nianbao_bench_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  if (!reuse) await admin.query(`create database ${name}`);
  const orm = await openOrm({ databaseUrl: url.toString(), poolMax: options.poolMax });
  const close = async () => {
    await orm.close();
    if (process.env.BENCH_KEEP !== '1' && !reuse) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    const migrating = performance.now();
    await migrate(orm);
    if (reuse) {
      const count = await orm.em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from report');
      options.log(`Database ${name}: migrated in ${((performance.now() - migrating) / 1000).toFixed(1)} s; ${count[0].n} reports`);
    } else {
      await syncRegions(orm.em.fork());
      options.log(`Loading synthetic data: scale ${options.scale} of the county-level divisions, ${options.departments} departments each, 2020–2024`);
      const summary = await loadSynthetic(url.toString(), { regions: readRegionDataset(), countyFraction: options.scale, departmentsPerCounty: options.departments, years: [2020, 2021, 2022, 2023, 2024], seed: 2260 }, options.log);
      options.log(
        `Loaded ${summary.agencies} agencies, ${summary.reports} reports, ${summary.applicationRows} application rows, ${summary.sections} sections, ${summary.findings} findings in ${summary.loadSeconds.toFixed(1)} s (rollup and cell vectors ${summary.precomputeSeconds.toFixed(1)} s of it); search indexes and ANALYZE ${summary.indexSeconds.toFixed(1)} s`,
      );
      if (process.env.BENCH_KEEP === '1') options.log(`Kept as ${name}: measure it again with BENCH_DATABASE=${name}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url: url.toString(), name, orm, close };
}
