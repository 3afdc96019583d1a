/**
 * Rate limits over real HTTP: per client address without a token, per token with one, answered 429
 * with Retry-After; counted in memory, or in Redis (shared by every instance) when REDIS_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { memoryStore, redisStore, type RateLimitStore } from '../../src/server/rate-limit.js';
import { createTestApi, EDITOR_TOKEN, serveOverHttp, type TestApi } from '../support/api.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisReachable = await new Promise<boolean>((resolve) => {
  const url = new URL(REDIS_URL);
  const socket = createConnection(Number(url.port || 6379), url.hostname);
  socket.once('connect', () => (socket.end(), resolve(true)));
  socket.once('error', () => resolve(false));
});

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

/** An app with the given store and limits, served on a real port. */
async function serveLimited(store: RateLimitStore, perAddress: number, perToken: number) {
  const app = createApp({ orm: api.orm, reader: api.reader, logger: createLogger('silent'), apiTokens: [EDITOR_TOKEN], maxImportBytes: 1024 * 1024, rateLimits: { store, perAddress, perToken } });
  const server = await serveOverHttp({ ...api, app });
  const ask = (headers: Record<string, string> = {}) =>
    fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
  return { server, ask };
}

async function statuses(ask: () => Promise<Response>, n: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < n; i++) result.push((await ask()).status);
  return result;
}

describe.each([
  ['in memory', () => memoryStore()],
  ['in Redis', () => redisStore(REDIS_URL, `nianbao:test:${randomBytes(6).toString('hex')}:`)],
])('rate limits counted %s', (where, makeStore) => {
  it.skipIf(where === 'in Redis' && !redisReachable)('answers 429 with Retry-After past the limit of an address, and counts a token apart', async () => {
    const store = makeStore();
    const { server, ask } = await serveLimited(store, 3, 5);
    try {
      expect(await statuses(() => ask(), 4)).toEqual([200, 200, 200, 429]);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      const body = await refused.json();
      expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0].message).toMatch(/at most 3 per 60 s per client address/);

      // A valid token has its own allowance; an invented one counts against the address.
      expect(await statuses(() => ask({ authorization: `Bearer ${EDITOR_TOKEN}` }), 6)).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await ask({ authorization: 'Bearer invented-token-0123456789' })).status).toBe(429);
    } finally {
      await server.close();
      await store.close();
    }
  });
});

describe('a shared count', () => {
  it.skipIf(!redisReachable)('holds across instances of the service when kept in Redis', async () => {
    const prefix = `nianbao:test:${randomBytes(6).toString('hex')}:`;
    const [storeA, storeB] = [redisStore(REDIS_URL, prefix), redisStore(REDIS_URL, prefix)];
    const a = await serveLimited(storeA, 4, 4);
    const b = await serveLimited(storeB, 4, 4);
    try {
      expect([...(await statuses(() => a.ask(), 2)), ...(await statuses(() => b.ask(), 3))]).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await a.server.close();
      await b.server.close();
      await storeA.close();
      await storeB.close();
    }
  });

  it('lets requests through when Redis cannot be reached', async () => {
    const store = redisStore('redis://127.0.0.1:9', 'nianbao:test:');
    const { server, ask } = await serveLimited(store, 1, 1);
    try {
      expect(await statuses(() => ask(), 3)).toEqual([200, 200, 200]);
    } finally {
      await server.close();
      await store.close();
    }
  });
});
