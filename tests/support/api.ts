/**
 * A test file's own Nianbao: a fresh database cloned from the migrated template, the real HTTP
 * layer (yoga's fetch), and a counter of the SQL statements each request sends.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App, type RequestLimits } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { openOrm } from '../../src/store/orm.js';
import { ReadPool } from '../../src/store/read-pool.js';
import { DataVersion } from '../../src/store/data-version.js';
import { responseCache, type ResponseCache } from '../../src/server/response-cache.js';
import { metrics } from '../../src/server/metrics.js';
import { adminQuery, databaseUrlFor } from './databases.js';

export const EDITOR_TOKEN = 'test-editor-token-0123456789';
/** The headers of a request made with EDITOR_TOKEN (an ADMIN token of NIANBAO_API_TOKENS). */
export const TOKEN_HEADERS = { authorization: `Bearer ${EDITOR_TOKEN}` };

/** A report of tests/fixtures/corpus, as text. */
export const corpusText = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8');

/**
 * An agency without a region, stored as imports before agency identity left such duplicates (an
 * import would resolve the name to the existing agency instead); its global ID.
 */
export async function insertBareAgency(api: Pick<TestApi, 'orm'>, name: string): Promise<string> {
  const [row] = await api.orm.em.getConnection().execute(`insert into agency (name, created_at, updated_at) values (?, now(), now()) returning id`, [name]);
  return Buffer.from(`Agency:${row.id}`).toString('base64');
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

export interface TestApi {
  app: App;
  orm: MikroORM;
  /** The read path's pool of this test file's database. */
  reader: ReadPool;
  /** URL of this test file's own database (for commands run as child processes). */
  databaseUrl: string;
  /** SQL statements sent since the last reset. */
  statements: string[];
  /** With `cache`: the followed data version and the response cache. */
  dataVersion?: DataVersion;
  responseCache?: ResponseCache;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  searchCandidateLimit?: number;
  limits?: Partial<RequestLimits>;
  /** A response cache (in memory, or in Redis with redisUrl) following this database's data version. */
  cache?: { ttlMs?: number; redisUrl?: string; httpMaxAgeSeconds?: number };
  /** Trusted documents by id (sha256:<hex> → text); `only`: no other document runs. */
  trustedDocuments?: { documents: ReadonlyMap<string, string>; only: boolean };
  /** Prometheus metrics at /metrics, behind this token if given. */
  metrics?: { token?: string };
  /** Reports per statement of an export. */
  exportPageSize?: number;
}

export async function createTestApi({ cache, metrics: metricsOptions, ...options }: TestApiOptions = {}): Promise<TestApi> {
  const serverUrl = inject('serverUrl');
  const database = `nianbao_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${database} template ${inject('templateDatabase')}`);
  const statements: string[] = [];
  const databaseUrl = databaseUrlFor(serverUrl, database);
  const orm = await openOrm({
    databaseUrl,
    statementTimeoutMs: options.limits?.statementTimeoutMs ?? 5_000,
    onQuery: (logged) => {
      // MikroORM colours its log lines when it sees a terminal: "\x1b[39mselect" has no word boundary.
      const message = logged.replace(/\x1b\[[0-9;]*m/g, '');
      if (/\b(select|insert|update|delete|with)\b/i.test(message)) statements.push(message);
    },
  });
  // The read path's statements count too: they are what a request costs.
  const reader = new ReadPool({ connectionString: databaseUrl, statementTimeoutMs: options.limits?.statementTimeoutMs ?? 5_000, onStatement: (text) => statements.push(text) });
  const dataVersion = cache ? await DataVersion.follow({ connectionString: databaseUrl }) : undefined;
  const metered = metricsOptions ? metrics({ reader, token: metricsOptions.token, processMetrics: false }) : undefined;
  const cached = dataVersion ? responseCache({ dataVersion, ttlMs: cache?.ttlMs ?? 60_000, redisUrl: cache?.redisUrl, redisPrefix: `nianbao:test:${database}:response:`, onLookup: metered?.cacheLookup }) : undefined;
  const app = createApp({
    orm,
    reader,
    logger: createLogger(process.env.TEST_LOG_LEVEL as any ?? 'silent'),
    apiTokens: [EDITOR_TOKEN],
    maxImportBytes: 2 * 1024 * 1024,
    dataVersion,
    responseCache: cached,
    metrics: metered,
    httpMaxAgeSeconds: cache?.httpMaxAgeSeconds,
    ...options,
  });
  const fetch = (path: string, init?: RequestInit) => Promise.resolve(app.fetch(new Request(`http://nianbao.test${path}`, init)));
  return {
    app,
    orm,
    reader,
    databaseUrl,
    statements,
    dataVersion,
    responseCache: cached,
    fetch,
    async graphql(query, variables, headers) {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    async close() {
      await cached?.close();
      await dataVersion?.close();
      await reader.close();
      await orm.close();
      await adminQuery(serverUrl, `drop database if exists ${database} with (force)`);
    },
  };
}

/** The test file's app on a real node:http server at 127.0.0.1 (a free port), for clients that need a URL. */
export async function serveOverHttp(api: TestApi): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
