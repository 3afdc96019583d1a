/**
 * Start-up as an operator meets it: a database that is still starting is waited for, with a plain
 * message per retry; one that never comes gives a plain reason, naming no host, port or password.
 */
import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { StartupError } from '../../src/store/embedded-postgres.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

/** A port with nothing behind it yet: `open()` starts forwarding it to the real server. */
async function latePort(target: URL): Promise<{ port: number; open(): Promise<Server> }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return {
    port,
    open: async () => {
      const proxy = createServer((socket) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        socket.pipe(upstream).pipe(socket);
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
      });
      await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
      return proxy;
    },
  };
}

describe('opening the database at start', () => {
  it('waits for a database that comes up late', async () => {
    const target = new URL(api.databaseUrl);
    const late = await latePort(target);
    const url = new URL(api.databaseUrl);
    url.host = `127.0.0.1:${late.port}`;
    const messages: string[] = [];
    let proxy: Server | undefined;
    const opening = openDatabase({ databaseUrl: url.toString(), dataDir: '/nonexistent', waitMs: 20_000, log: (m) => {
      messages.push(m);
      // Up after the first failed attempt.
      if (!proxy && messages.length === 1) void late.open().then((p) => (proxy = p));
    } });
    const database = await opening;
    try {
      expect(messages[0]).toBe('database unavailable, retrying in 250 ms');
      expect((await database.orm.em.getConnection().execute('select 1 as one'))[0]).toEqual({ one: 1 });
    } finally {
      await database.close();
      await new Promise((resolve) => proxy?.close(resolve));
    }
  });

  it('gives up with a plain reason when it never comes', async () => {
    const late = await latePort(new URL(api.databaseUrl));
    const error = await openDatabase({ databaseUrl: `postgresql://nianbao:s3cret@127.0.0.1:${late.port}/nianbao`, dataDir: '/nonexistent', waitMs: 600 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as Error).message;
    expect(message).toMatch(/^The database is unavailable \(DATABASE_URL, ECONNREFUSED\): gave up after \d+ attempts/);
    expect(message).not.toMatch(/s3cret|127\.0\.0\.1|nianbao@|:\d{4,5}/);
    expect((error as Error).stack ?? '').not.toMatch(/s3cret/);
  });
});
