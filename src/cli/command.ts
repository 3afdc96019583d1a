/** What the commands share: the database they work on, and how they end (exit code, plain messages). */
import type { Config } from '../server/config.js';
import { ConfigError } from '../server/config.js';
import { openDatabase, type OpenDatabase } from '../store/database.js';
import { StartupError } from '../store/embedded-postgres.js';

/** The database of DATABASE_URL, or the embedded default. */
export function openCommandDatabase(config: Config, log?: (message: string) => void): Promise<OpenDatabase> {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.NIANBAO_DATA_DIR,
    embeddedPort: config.NIANBAO_EMBEDDED_PG_PORT,
    waitMs: config.NIANBAO_DATABASE_WAIT_MS,
    log,
  });
}

/** A wrong command line: its message is the usage; exit code 64 (EX_USAGE). */
export class UsageError extends Error {}

/**
 * Runs a command's main: its result is the exit code. Errors the person can act on (`plain`, usage,
 * configuration, start-up) print their message only; anything else its stack, exit code 1.
 */
export function runCommand(main: () => Promise<number>, plain: (error: unknown) => string | null = () => null): void {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      const known = error instanceof UsageError || error instanceof ConfigError || error instanceof StartupError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
      const message = plain(error) ?? (known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.stderr.write(`${message}\n`);
      process.exitCode = error instanceof UsageError ? 64 : 1;
    },
  );
}
