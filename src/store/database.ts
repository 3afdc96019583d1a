/** Opening the database: the server DATABASE_URL names, or the embedded default; migrated either way. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { StartupError, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { publishRuntime, runningEmbedded, withdrawRuntime, type EmbeddedRuntime } from './embedded-runtime.js';
import { migrate, openOrm } from './orm.js';
import { ReadPool } from './read-pool.js';
import { syncRegions } from './services/regions-sync.js';

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Streaming replicas of databaseUrl for public reads. */
  replicaUrls?: readonly string[];
  replicas?: { maxLagMs?: number; checkIntervalMs?: number };
  /** See ReadPoolOptions.namedStatements. */
  namedStatements?: boolean;
  warn?: (message: string, details: Record<string, unknown>) => void;
  /** Where the embedded server keeps its data when no URL is given. */
  dataDir: string;
  embeddedPort?: number;
  /** statement_timeout of the connections served; migrations run without it (a backfill may take minutes). */
  statementTimeoutMs?: number;
  /** How long to keep retrying a database that cannot be reached (it may be starting too); default 30 s. */
  waitMs?: number;
  log?: (message: string) => void;
  /**
   * The embedded default (no URL) as the service runs it: started here and published for other
   * commands (SERVE); or as a command uses it: the running service's server when there is one,
   * else one started for the command alone (SHARE, the default).
   */
  embeddedRole?: 'SERVE' | 'SHARE';
}

export interface OpenDatabase {
  /** Writes. */
  orm: MikroORM;
  /** Reads. */
  reader: ReadPool;
  embedded?: EmbeddedPostgres;
  /** The primary's URL (the embedded server's when none was given): never logged, it may hold a password. */
  url: string;
  description: string;
  close(): Promise<void>;
}

/** Network errors and PostgreSQL's "starting up" / "too many connections": worth waiting for. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P03', '53300']);

/** What went wrong, in words that name no host, port or password (the driver's messages do). */
function unreachable(error: unknown, waitedMs: number, attempts: number): StartupError {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === '28P01' || code === '28000') return new StartupError('PostgreSQL refused the login of DATABASE_URL: check its user name and password.');
  if (TRANSIENT.has(code)) {
    return new StartupError(`The database is unavailable (DATABASE_URL, ${code}): gave up after ${attempts} attempts over ${Math.round(waitedMs / 1000)} s. Check that PostgreSQL is running and reachable, or set NIANBAO_DATABASE_WAIT_MS to wait longer.`);
  }
  return new StartupError(`Could not open the database of DATABASE_URL${code ? ` (${code})` : ''}: check that it is a PostgreSQL server, version 14 or later.`);
}

/** Opens the ORM, retrying with backoff (0.25 s doubling to 5 s) while the server cannot be reached. */
async function connectWithRetry(databaseUrl: string, waitMs: number, log?: (message: string) => void): Promise<MikroORM> {
  const started = Date.now();
  for (let attempt = 1, delay = 250; ; attempt++, delay = Math.min(delay * 2, 5_000)) {
    try {
      return await openOrm({ databaseUrl });
    } catch (error) {
      const waited = Date.now() - started;
      if (!TRANSIENT.has(String((error as { code?: unknown }).code)) || waited + delay > waitMs) throw unreachable(error, waited, attempt);
      log?.(`database unavailable, retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = options.databaseUrl;
  let shared: EmbeddedRuntime | undefined;
  if (!databaseUrl && options.embeddedRole !== 'SERVE') {
    const running = await runningEmbedded(options.dataDir);
    if (running && 'unavailable' in running) {
      throw new StartupError(`The service (process ${running.unavailable.pid}) runs the embedded PostgreSQL of ${options.dataDir}, and it does not answer now (starting or stopping?): try again in a moment.`);
    }
    if (running) {
      shared = running;
      databaseUrl = running.url;
      options.log?.(`using the embedded PostgreSQL of the running service (process ${running.pid})`);
    }
  }
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPort, database: 'nianbao', log: options.log });
    databaseUrl = embedded.url;
    if (options.embeddedRole === 'SERVE') {
      publishRuntime(options.dataDir, { pid: process.pid, postgresPid: embedded.pid, url: embedded.url, dataDir: embedded.dataDir, startedAt: new Date().toISOString() });
    }
  }
  let orm: MikroORM | undefined;
  try {
    orm = await connectWithRetry(databaseUrl, options.waitMs ?? 30_000, options.log);
    const applied = await migrate(orm);
    if (applied.length) options.log?.(`applied migrations: ${applied.join(', ')}`);
    await syncRegions(orm.em.fork());
    if (options.statementTimeoutMs) {
      await orm.close();
      orm = await openOrm({ databaseUrl, statementTimeoutMs: options.statementTimeoutMs });
    }
  } catch (error) {
    await orm?.close();
    if (embedded) withdrawRuntime(options.dataDir);
    await embedded?.stop();
    throw error;
  }
  const opened = orm;
  const reader = new ReadPool({
    connectionString: databaseUrl,
    statementTimeoutMs: options.statementTimeoutMs,
    replicaUrls: options.replicaUrls,
    namedStatements: options.namedStatements,
    replicas: { ...options.replicas, warn: options.warn ?? (() => undefined), info: (message, details) => options.log?.(`${message}: ${details.replica}`) },
  });
  await reader.start();
  return {
    orm: opened,
    reader,
    embedded,
    url: databaseUrl,
    description: embedded ? `embedded PostgreSQL (${embedded.dataDir})` : shared ? `embedded PostgreSQL of the running service (${shared.dataDir})` : 'DATABASE_URL',
    async close() {
      await reader.close();
      await opened.close();
      if (embedded) withdrawRuntime(options.dataDir);
      await embedded?.stop();
    },
  };
}
