/**
 * Two instances of the service (separate processes, as `npm start` runs them) behind one address,
 * sharing PostgreSQL and Redis: an answer one computed is served by the other from Redis, a write
 * through one retires the cached answers of both, and the rate limit counts the requests of both.
 * Skipped, saying why, without Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, redisReachable } from '../support/redis.js';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';
import { loadSamples } from '../../src/store/services/samples.js';

const reachable = await redisReachable();
if (!reachable) console.log(`several instances: skipped, no Redis at ${REDIS_URL} (set TEST_REDIS_URL)`);

const root = path.resolve(import.meta.dirname, '../..');
const RATE_LIMIT = 40;
const METRICS_TOKEN = 'metrics-token-0123456789';
const LIST = '{ reports(first: 3) { totalCount edges { node { id publishedOn } } } }';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!reachable)('two instances sharing Redis', () => {
  let api: TestApi;
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  let publicRequests = 0;

  async function start(env: Record<string, string>): Promise<string> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let errors = '';
    child.stderr!.on('data', (chunk) => (errors += chunk));
    const url = `http://127.0.0.1:${port}`;
    for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
      if (child.exitCode !== null) throw new Error(`instance exited: ${errors}`);
      if (Date.now() > deadline) throw new Error(`instance did not start: ${errors}`);
      if ((await fetch(`${url}/ready`).catch(() => null))?.ok) return url;
    }
  }
  async function read(url: string, headers: Record<string, string> = {}) {
    if (!headers.authorization) publicRequests++;
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: LIST }) });
    return { status: response.status, body: await response.json() };
  }
  const cacheHits = async (url: string) => {
    const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return Number(/^nianbao_response_cache_lookups_total\{result="hit"\} (\d+)/m.exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    api = await createTestApi();
    await loadSamples(api.orm.em.fork());
    const env = {
      DATABASE_URL: api.databaseUrl,
      REDIS_URL,
      NIANBAO_REDIS_PREFIX: `nianbao:test:${randomBytes(6).toString('hex')}:`,
      NIANBAO_API_TOKENS: EDITOR_TOKEN,
      NIANBAO_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      NIANBAO_METRICS: '1',
      NIANBAO_METRICS_TOKEN: METRICS_TOKEN,
      LOG_LEVEL: 'warn',
    };
    urls.push(...(await Promise.all([start(env), start(env)])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
    await api?.close();
  });

  it("serves one instance's answer from the other, and a write through one retires both", async () => {
    const [a, b] = urls;
    const first = await read(a);
    expect(first.status).toBe(200);
    const hitsBefore = await cacheHits(b);
    expect((await read(b)).body).toEqual(first.body);
    expect(await cacheHits(b)).toBe(hitsBefore + 1);

    const id = first.body.data.reports.edges[0].node.id;
    const published = await fetch(`${a}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
      body: JSON.stringify({ query: `mutation { publishReport(id: "${id}", publishedOn: "2025-04-01") { publishedOn } }` }),
    });
    expect((await published.json()).data.publishReport.publishedOn).toBe('2025-04-01');
    expect((await read(a)).body.data.reports.edges[0].node.publishedOn).toBe('2025-04-01');
    // B hears of the write through PostgreSQL's notification: within moments, never the old answer for long.
    let seen = '';
    for (const deadline = Date.now() + 2_000; seen !== '2025-04-01' && Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      seen = (await read(b)).body.data.reports.edges[0].node.publishedOn;
    }
    expect(seen).toBe('2025-04-01');
  });

  it('counts the rate limit of a client address across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; statuses.length === 0 || statuses.at(-1) !== 429; i++) {
      if (i > RATE_LIMIT * 2) break;
      statuses.push((await read(urls[i % 2])).status);
    }
    expect(statuses.at(-1)).toBe(429);
    // Every public request to either instance counted: the limit was reached at the limit exactly.
    expect(publicRequests - 1).toBe(RATE_LIMIT);
  });
});
