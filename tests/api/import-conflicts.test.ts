/**
 * An import beside another write to the same agencies (e.g. a merge, which locks several agencies at
 * once) can deadlock. PostgreSQL then aborts one of them: a bulk import tries that report again on
 * its own once its batch is committed, so the file is imported rather than lost or reported as an
 * unexpected error; over GraphQL the answer is a clean, retryable CONFLICT.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminWriter } from '../../src/store/services/api-tokens.js';
import { readReport } from '../../src/store/services/read-report.js';
import { importBatch } from '../../src/store/writes/bulk-import.js';
import { databaseError } from '../../src/server/database-errors.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const LOCK = 'select pg_advisory_xact_lock(872302, hashtext($1))';
const read = (file: string) => readReport({ content: new Uint8Array(readFileSync(new URL(`../fixtures/corpus/${file}`, import.meta.url))), fileName: file });

async function waitForBlockedAdvisoryLock(client: pg.Client): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await client.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`);
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import never waited for the lock');
}

describe('an import that deadlocks with another write', () => {
  it('is tried again once its batch is committed, and imported', async () => {
    const other = new pg.Client({ connectionString: api.databaseUrl });
    await other.connect();
    try {
      const [shanting, pingtan] = await Promise.all([read('01_shanting_zaozhuang_2024.txt'), read('02_pingtan_2024.txt')]);
      const deadlocks = async () => (await other.query(`select deadlocks::int as n from pg_stat_database where datname = current_database()`)).rows[0].n as number;
      const deadlocksBefore = await deadlocks();
      // The other writer holds 平潭's region and, later, wants 山亭's: the batch holds 山亭's (its first
      // report) and waits for 平潭's (its second). Only the batch looks for the deadlock (the other
      // waits longer before looking), so the batch's second report is the one aborted.
      await other.query('begin');
      await other.query(`set local deadlock_timeout = '60s'`);
      await other.query(LOCK, ['350128']);
      const batch = importBatch(api.orm.em, [
        { read: shanting, overrides: { agencyName: '枣庄市山亭区人民政府', regionCode: '370406' } },
        { read: pingtan, overrides: { agencyName: '平潭综合实验区管委会', regionCode: '350128' } },
      ], adminWriter('cli'));
      await waitForBlockedAdvisoryLock(other);
      // Granted when the batch commits (after its second report was aborted); then the retry may go on.
      await other.query(LOCK, ['370406']);
      await other.query('commit');
      const outcomes = await batch;
      expect(outcomes.map((o) => (o instanceof Error ? o.message : o.created))).toEqual([true, true]);
      // The pg_stat counters are sent when a backend goes idle: poll a little.
      for (let i = 0; i < 40 && (await deadlocks()) === deadlocksBefore; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await deadlocks()).toBeGreaterThan(deadlocksBefore);
      const reports = await api.graphql(`{ reports { totalCount edges { node { agency { regionCode } } } } }`);
      expect(reports.data.reports.edges.map((e: any) => e.node.agency.regionCode).sort()).toEqual(['350128', '370406']);
    } finally {
      await other.end();
    }
  }, 60_000);

  it('is a clean, retryable CONFLICT over GraphQL', () => {
    const error = databaseError(Object.assign(new Error('deadlock detected'), { code: '40P01' }), 5_000);
    expect(error?.extensions.code).toBe('CONFLICT');
    expect(error?.message).toMatch(/retry/);
  });
});
