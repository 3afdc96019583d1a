/** A replica is used only while its checks find it up, in recovery and within the lag bound. */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ReadConnections } from '../../../src/store/read-connections.js';
import { lsn, Replica, replicaFailed } from '../../../src/store/replicas.js';

function replicaAnswering(answer: () => { recovering: boolean; replayed: string | null; lag_ms: number }) {
  const warnings: string[] = [];
  const checker = { query: async () => ({ rows: [answer()] }) } as unknown as pg.Pool;
  const replica = new Replica('replica 1', {} as ReadConnections, checker, { maxLagMs: 2_000, checkIntervalMs: 1_000, warn: (message, details) => warnings.push(`${message}: ${details.reason}`) });
  return { replica, warnings };
}

describe('replica checks', () => {
  it('order WAL positions as PostgreSQL does', () => {
    expect(lsn('0/16B3748')).toBe(0x16b3748n);
    expect(lsn('1/0')! > lsn('0/FFFFFFFF')!).toBe(true);
    expect(lsn(null)).toBeNull();
  });

  it('take a replica within the lag bound, skip it beyond, with one warning per spell', async () => {
    let lag = 0;
    const { replica, warnings } = replicaAnswering(() => ({ recovering: true, replayed: '0/3000060', lag_ms: lag }));
    await replica.check();
    expect(replica.fit).toBe(true);
    expect(replica.replayed).toBe(0x3000060n);
    lag = 2_500;
    await replica.check();
    await replica.check();
    expect(replica.fit).toBe(false);
    expect(warnings).toEqual(['replica skipped: reads go to the primary: it lags 2500 ms behind (more than 2000 ms)']);
    lag = 10;
    await replica.check();
    expect(replica.fit).toBe(true);
  });

  it('skip a server that is not in recovery, or cannot be reached', async () => {
    const primary = replicaAnswering(() => ({ recovering: false, replayed: null, lag_ms: 0 }));
    await primary.replica.check();
    expect(primary.replica.fit).toBe(false);
    expect(primary.warnings[0]).toMatch(/not a replica/);
    const down = replicaAnswering(() => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await down.replica.check();
    expect(down.replica.fit).toBe(false);
    expect(down.warnings[0]).toMatch(/cannot be reached \(ECONNREFUSED\)/);
  });

  it('send a read back to the primary for a server gone or a recovery conflict, not for a bad statement', () => {
    expect(replicaFailed(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(replicaFailed(Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' }))).toBe(true);
    expect(replicaFailed(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(replicaFailed(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
  });
});
