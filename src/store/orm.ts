import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities/index.js';
import { projectPath, RUNNING_BUILT } from './project-files.js';

export const MIGRATIONS_DIR = projectPath('migrations');
/** The built service runs the migrations compiled beside it (`npm run build:service`); tsx and vitest run the sources. */
const RUNNABLE_MIGRATIONS_DIR = RUNNING_BUILT ? projectPath('dist', 'migrations') : MIGRATIONS_DIR;

export interface OrmOptions {
  databaseUrl: string;
  /** Called with every SQL statement MikroORM sends (used to count statements per request). */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /** Every statement of every connection is cancelled after this long (PostgreSQL statement_timeout). */
  statementTimeoutMs?: number;
  /** Only the migration CLI writes migrations/.snapshot-nianbao.json; a running service never touches the repo. */
  writeSnapshot?: boolean;
}

export function ormConfig({ databaseUrl, onQuery, poolMax, statementTimeoutMs, writeSnapshot }: OrmOptions): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    // MikroORM's own dataloader batches relation loads (Reference/Collection) across one tick.
    dataloader: true,
    pool: { min: 0, max: poolMax ?? 10 },
    driverOptions: statementTimeoutMs ? { connection: { statement_timeout: statementTimeoutMs } } : {},
    forceUtcTimezone: true,
    debug: onQuery ? ['query'] : false,
    logger: onQuery ? (message: string) => onQuery(message) : undefined,
    highlighter: undefined,
    // Without this, vitest (and tsx) fail to load .ts migrations: ERR_UNKNOWN_FILE_EXTENSION.
    dynamicImportProvider: (id: string) => import(id),
    migrations: {
      path: RUNNABLE_MIGRATIONS_DIR,
      pathTs: RUNNABLE_MIGRATIONS_DIR,
      glob: '!(*.d).{js,ts}',
      snapshotName: '.snapshot-nianbao',
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      silent: true,
      snapshot: writeSnapshot ?? false,
    },
    discovery: { warnWhenNoEntities: true },
  });
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** Applies every pending committed migration; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
