/** The service's command line: configuration, start, and a drain on SIGINT/SIGTERM (entry: serve.ts). */
import { ConfigError, loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startService } from '../server/service.js';
import { StartupError } from '../store/embedded-postgres.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const service = await startService(config, logger);
  process.stdout.write(`\nNianbao is running: open ${service.url}/graphql\n`);
  if (service.sessionToken) {
    process.stdout.write(
      `To try imports and corrections from this machine, add the header (GraphiQL: Headers tab)\n  {"Authorization": "Bearer ${service.sessionToken}"}\nThis token lasts until the service stops; set NIANBAO_API_TOKENS for real ones.\n`,
    );
  }
  process.stdout.write('\n');
  // The first SIGINT or SIGTERM drains; later ones are ignored, never fatal: Ctrl-C reaches every
  // process of the terminal's group and npm forwards it again, so one keypress arrives twice.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return logger.info('already shutting down', { signal });
      stopping = true;
      service.stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error: String(error) });
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof StartupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
