/**
 * Starting and stopping the whole service: database (the given server, or the embedded one),
 * migrations, sample data, HTTP. Shutdown finishes in-flight requests, then closes the database.
 */
import { createServer, type Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openDatabase } from '../store/database.js';
import { loadSamples } from '../store/services/samples.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';

export interface RunningService {
  url: string;
  orm: MikroORM;
  logger: Logger;
  stop(reason?: string): Promise<void>;
}

export async function startService(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningService> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.NIANBAO_DATA_DIR,
    embeddedPort: config.NIANBAO_EMBEDDED_PG_PORT,
    log: (message) => logger.info(message),
  });
  const { orm } = database;
  try {
    const loadSampleData = config.NIANBAO_LOAD_SAMPLES ?? Boolean(database.embedded);
    if (loadSampleData) {
      const loaded = await loadSamples(orm.em.fork());
      logger.info('sample data', { loaded: loaded.loaded, alreadyPresent: loaded.skipped });
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const app = createApp({ orm, logger, apiTokens: config.NIANBAO_API_TOKENS, maxImportBytes: config.NIANBAO_MAX_IMPORT_BYTES });
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  if (config.NIANBAO_API_TOKENS.length === 0) logger.warn('no API tokens configured (NIANBAO_API_TOKENS): imports and corrections are disabled');
  logger.info('serving', { graphql: `${url}/graphql`, database: database.description });

  let stopping: Promise<void> | undefined;
  const stop = (reason = 'stop') =>
    (stopping ??= (async () => {
      logger.info('shutting down', { reason });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), config.NIANBAO_SHUTDOWN_TIMEOUT_MS);
      await closed;
      clearTimeout(deadline);
      await database.close();
      logger.info('stopped');
    })());
  return { url, orm, logger, stop };
}
