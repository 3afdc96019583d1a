/**
 * Public reads spread over a streaming replica (DATABASE_READ_URL): a hot standby of a throwaway
 * primary, built with pg_basebackup on free local ports. Reads are served by the standby (seen in
 * pg_stat_activity on each side), a read after a write sees the write, requests with a token stay on
 * the primary, and a stopped standby sends reads back to the primary within a second, without an
 * error to anyone. Skipped, saying why, where the PostgreSQL server binaries are missing.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { DataVersion } from '../../src/store/data-version.js';
import { openDatabase, type OpenDatabase } from '../../src/store/database.js';
import { loadSamples } from '../../src/store/services/samples.js';
import { EDITOR_TOKEN } from '../support/api.js';
import { adminQuery } from '../support/databases.js';
import { standbyUnavailable, startPrimary, type PrimaryAndStandby } from '../support/standby.js';

const unavailable = standbyUnavailable();
if (unavailable) console.log(`read replicas: skipped, ${unavailable}`);

const LIST = '{ reports(first: 5) { totalCount edges { node { id year applications { cell(row: NEW_RECEIVED, column: TOTAL) } } } } }';
const kewei = readFileSync(new URL('../fixtures/corpus/11_shanghai_kewei_2024.txt', import.meta.url), 'utf8');

describe.skipIf(unavailable)('read replicas', () => {
  let cluster: PrimaryAndStandby;
  let database: OpenDatabase;
  let dataVersion: DataVersion;
  let app: App;
  const warnings: string[] = [];

  async function graphql(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
    const response = await app.fetch(new Request('http://nianbao.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) }));
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  const routed = (where: string) => database.reader.routed().get(where) ?? 0;
  async function readersActiveSince(url: string, since: string): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`select count(*)::int as n from pg_stat_activity where application_name = 'nianbao read' and state_change >= $1`, [since]);
      return rows[0].n;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    cluster = await startPrimary();
    await adminQuery(cluster.primaryUrl('postgres'), 'create database nianbao');
    database = await openDatabase({
      databaseUrl: cluster.primaryUrl('nianbao'),
      dataDir: '/nonexistent',
      replicaUrls: [cluster.standbyUrl('nianbao')],
      replicas: { checkIntervalMs: 100, maxLagMs: 5_000 },
      statementTimeoutMs: 5_000,
      warn: (message, details) => warnings.push(`${message}: ${details.reason}`),
    });
    await loadSamples(database.orm.em.fork());
    await cluster.startStandby();
    dataVersion = await DataVersion.follow({ connectionString: database.url });
    dataVersion.onChange(() => database.reader.afterWrite());
    app = createApp({ orm: database.orm, reader: database.reader, dataVersion, logger: createLogger('silent'), apiTokens: [EDITOR_TOKEN], maxImportBytes: 2 * 1024 * 1024 });
    // The standby is taken into use at its first good check.
    for (const deadline = Date.now() + 15_000; routed('replica 1') === 0 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) await graphql(LIST);
  }, 120_000);
  afterAll(async () => {
    await dataVersion?.close();
    await database?.close();
    cluster?.close();
  });

  it('serves public reads from the standby, not the primary', async () => {
    expect(routed('replica 1')).toBeGreaterThan(0);
    const [{ now }] = (await database.orm.em.getConnection().execute('select now()::text as now')) as { now: string }[];
    const before = { primary: routed('primary'), replica: routed('replica 1') };
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await graphql(LIST));
    expect(answers[0].reports.totalCount).toBeGreaterThan(0);
    expect(routed('primary')).toBe(before.primary);
    expect(routed('replica 1')).toBeGreaterThanOrEqual(before.replica + 5);
    expect(await readersActiveSince(cluster.standbyUrl('nianbao'), now)).toBeGreaterThan(0);
    expect(await readersActiveSince(cluster.primaryUrl('nianbao'), now)).toBe(0);
  });

  it('keeps requests with a token on the primary, and a public read after a write sees it', async () => {
    const before = (await graphql(LIST)).reports.totalCount;
    const primaryBefore = routed('primary');
    const imported = await graphql(`mutation($input: ImportReportInput!) { importReport(input: $input) { __typename } }`, { authorization: `Bearer ${EDITOR_TOKEN}` }, {
      input: { content: kewei, agencyName: '上海市经济和信息化委员会', regionCode: '310000' }, // a new agency: the sample's own would be updated
    });
    expect(imported.importReport.__typename).toBe('ImportReportSuccess');
    const editor = await graphql(LIST, { authorization: `Bearer ${EDITOR_TOKEN}` });
    expect(editor.reports.totalCount).toBe(before + 1);
    expect(routed('primary')).toBeGreaterThan(primaryBefore);
    // The router waits for the standby to replay the write (or reads the primary meanwhile).
    expect((await graphql(LIST)).reports.totalCount).toBe(before + 1);
  });

  it('falls back to the primary within a second when the standby stops, with no error to the client', async () => {
    const primaryBefore = routed('primary');
    cluster.stopStandby();
    const stopped = performance.now();
    let fallback = Infinity;
    while (performance.now() - stopped < 3_000) {
      await graphql(LIST);
      if (routed('primary') > primaryBefore) {
        fallback = performance.now() - stopped;
        break;
      }
    }
    console.log(`read replicas: standby stopped, reads answered by the primary after ${Math.round(fallback)} ms`);
    expect(fallback).toBeLessThan(1_000);
    for (let i = 0; i < 5; i++) await graphql(LIST);
    expect(warnings.some((w) => w.startsWith('replica skipped'))).toBe(true);
  });
});
