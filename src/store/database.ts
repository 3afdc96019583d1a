/** Opening the database: the server DATABASE_URL names, or the embedded default; migrated either way. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { StartupError, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
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
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPort, database: 'nianbao', log: options.log });
    databaseUrl = embedded.url;
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
    description: embedded ? `embedded PostgreSQL (${embedded.dataDir})` : 'DATABASE_URL',
    async close() {
      await reader.close();
      await opened.close();
      await embedded?.stop();
    },
  };
}
