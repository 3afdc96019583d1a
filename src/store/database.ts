/** Opening the database: the server DATABASE_URL names, or the embedded default; migrated either way. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { migrate, openOrm } from './orm.js';
import { syncRegions } from './services/regions-sync.js';

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Where the embedded server keeps its data when no URL is given. */
  dataDir: string;
  embeddedPort?: number;
  /** statement_timeout of the connections served; migrations run without it (a backfill may take minutes). */
  statementTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface OpenDatabase {
  orm: MikroORM;
  embedded?: EmbeddedPostgres;
  description: string;
  close(): Promise<void>;
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
    orm = await openOrm({ databaseUrl });
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
  return {
    orm: opened,
    embedded,
    description: embedded ? `embedded PostgreSQL (${embedded.dataDir})` : 'DATABASE_URL',
    async close() {
      await opened.close();
      await embedded?.stop();
    },
  };
}
