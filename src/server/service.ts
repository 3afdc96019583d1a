/**
 * Starting and stopping the whole service: database (the given server, or the embedded one),
 * migrations, sample data, HTTP. Shutdown finishes in-flight requests, then closes the database.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openDatabase } from '../store/database.js';
import { StartupError } from '../store/embedded-postgres.js';
import { loadSamples } from '../store/services/samples.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { DataVersion } from '../store/data-version.js';
import { ParsePool } from '../store/services/parse-pool.js';
import type { ImportRequest } from '../store/services/read-report.js';
import { memoryStore, redisStore } from './rate-limit.js';
import { metrics } from './metrics.js';
import { responseCache, type ResponseCache } from './response-cache.js';
import { loadTrustedDocuments, TrustedDocumentsError } from './trusted-documents.js';

export interface RunningService {
  url: string;
  orm: MikroORM;
  logger: Logger;
  server: Server;
  /** The token generated for a local zero-configuration run, if any (see startService). */
  sessionToken?: string;
  stop(reason?: string): Promise<void>;
}

export async function startService(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningService> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.NIANBAO_DATA_DIR,
    embeddedPort: config.NIANBAO_EMBEDDED_PG_PORT,
    statementTimeoutMs: config.NIANBAO_STATEMENT_TIMEOUT_MS,
    waitMs: config.NIANBAO_DATABASE_WAIT_MS,
    replicaUrls: config.DATABASE_READ_URL,
    namedStatements: config.NIANBAO_READ_NAMED_STATEMENTS,
    replicas: { maxLagMs: config.NIANBAO_REPLICA_MAX_LAG_MS, checkIntervalMs: config.NIANBAO_REPLICA_CHECK_MS },
    warn: (message, details) => logger.warn(message, details),
    log: (message) => logger.info(message),
    embeddedRole: 'SERVE',
  });
  const { orm, reader } = database;
  try {
    const loadSampleData = config.NIANBAO_LOAD_SAMPLES ?? Boolean(database.embedded);
    if (loadSampleData) {
      const loaded = await loadSamples(orm.em.fork());
      logger.info('sample data', { loaded: loaded.loaded, textRefreshed: loaded.refreshed, alreadyPresent: loaded.skipped });
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  // Zero configuration should still let a person on this machine try imports: a local, embedded run
  // with no tokens gets one for this run only. A server reachable from elsewhere never does.
  const localTrial = config.NIANBAO_API_TOKENS.length === 0 && Boolean(database.embedded) && isLoopback(config.HOST);
  const sessionToken = localTrial ? randomBytes(18).toString('base64url') : undefined;
  const apiTokens = sessionToken ? [sessionToken] : config.NIANBAO_API_TOKENS;
  let documents: Map<string, string> | undefined;
  try {
    documents = loadTrustedDocuments(config.NIANBAO_TRUSTED_DOCUMENTS_FILE);
  } catch (error) {
    if (!(error instanceof TrustedDocumentsError)) throw error;
    if (config.NIANBAO_TRUSTED_DOCUMENTS_ONLY) {
      await database.close();
      throw new StartupError(`NIANBAO_TRUSTED_DOCUMENTS_ONLY is set, but: ${error.message}`);
    }
    logger.warn('trusted documents unavailable: only query texts are accepted', { reason: error.message });
  }
  const rateLimitStore = config.REDIS_URL ? redisStore(config.REDIS_URL, `${config.NIANBAO_REDIS_PREFIX}rate:`) : memoryStore();
  const metered = config.NIANBAO_METRICS ? metrics({ reader, token: config.NIANBAO_METRICS_TOKEN }) : undefined;
  // The data version keys the cache, and tells the replicas' router that a write happened.
  let dataVersion: DataVersion | undefined;
  let cache: ResponseCache | undefined;
  if (config.NIANBAO_RESPONSE_CACHE || config.DATABASE_READ_URL.length) {
    dataVersion = await DataVersion.follow({
      connectionString: config.DATABASE_LISTEN_URL ?? database.url,
      onState: (state, error) => (state === 'lost' ? logger.warn('data version not followed: public reads are not cached meanwhile', { error: error?.message }) : logger.info('data version followed')),
    });
    dataVersion.onChange(() => reader.afterWrite());
  }
  if (dataVersion && config.NIANBAO_RESPONSE_CACHE) {
    cache = responseCache({ dataVersion, ttlMs: config.NIANBAO_RESPONSE_CACHE_TTL_MS, maxEntries: config.NIANBAO_RESPONSE_CACHE_MAX_ENTRIES, redisUrl: config.REDIS_URL, redisPrefix: `${config.NIANBAO_REDIS_PREFIX}response:`, onLookup: metered?.cacheLookup });
  }
  const closeCache = async () => {
    await cache?.close();
    await dataVersion?.close();
  };
  // Started at the first import (a worker thread costs memory a service that only reads never needs).
  let parsePool: ParsePool | undefined;
  const parse = (request: ImportRequest) =>
    (parsePool ??= new ParsePool(1, (reason) => logger.warn('parse worker unavailable: imports are read in the serving thread', { reason }))).read(request);
  const app = createApp({
    orm,
    reader,
    logger,
    parse,
    apiTokens,
    maxImportBytes: config.NIANBAO_MAX_IMPORT_BYTES,
    searchCandidateLimit: config.NIANBAO_SEARCH_RANKING_LIMIT,
    corsOrigins: config.NIANBAO_CORS_ORIGINS,
    rateLimits: {
      store: rateLimitStore,
      perAddress: config.NIANBAO_RATE_LIMIT_PER_MINUTE,
      perToken: config.NIANBAO_TOKEN_RATE_LIMIT_PER_MINUTE,
      trustProxy: config.NIANBAO_TRUST_PROXY,
    },
    dataVersion,
    responseCache: cache,
    metrics: metered,
    trustedDocuments: documents ? { documents, only: config.NIANBAO_TRUSTED_DOCUMENTS_ONLY } : undefined,
    httpMaxAgeSeconds: config.NIANBAO_HTTP_MAX_AGE_SECONDS,
    limits: { maxRequestBytes: config.NIANBAO_MAX_REQUEST_BYTES, statementTimeoutMs: config.NIANBAO_STATEMENT_TIMEOUT_MS, maxExpensiveConcurrency: config.NIANBAO_MAX_EXPENSIVE_CONCURRENCY },
  });
  const server: Server = createServer(app);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
  } catch (error) {
    await rateLimitStore.close();
    await closeCache();
    await database.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.PORT} on ${config.HOST} is already in use: stop what runs there, or set PORT to another port.`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on ${config.HOST}:${config.PORT}: use a port above 1024, or another HOST.`);
    throw error;
  }
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  // The token goes to the terminal only (serve.ts): logs are shipped and kept, secrets must not be.
  if (sessionToken) logger.info('no API tokens configured: a token for this run only was printed on the terminal (local use)');
  else if (apiTokens.length === 0) logger.warn('no API tokens configured (NIANBAO_API_TOKENS): imports and corrections are disabled');
  logger.info('serving', { graphql: `${url}/graphql`, portal: `${url}/portal/`, database: database.description });

  let stopping: Promise<void> | undefined;
  const stop = (reason = 'stop') =>
    (stopping ??= (async () => {
      logger.info('shutting down', { reason });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), config.NIANBAO_SHUTDOWN_TIMEOUT_MS);
      await closed;
      clearTimeout(deadline);
      await rateLimitStore.close();
      await closeCache();
      await parsePool?.close();
      await database.close();
      logger.info('stopped');
    })());
  return { url, orm, logger, server, sessionToken, stop };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
