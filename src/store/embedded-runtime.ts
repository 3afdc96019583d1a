/**
 * The embedded default shared: the service that runs the embedded PostgreSQL writes where it listens
 * into a small file beside the data folder (DATA_DIR.server.json, readable by its user only), and
 * other commands (`npm run import`, `token`, `agencies`) connect to that server instead of starting a
 * second one on the same data folder, which PostgreSQL would refuse. A file left by a process that
 * died is recognised (its process is gone, or its server does not answer) and removed.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedRuntime {
  /** The process that started the server and stops it. */
  pid: number;
  /** The postmaster. */
  postgresPid: number | null;
  url: string;
  dataDir: string;
  startedAt: string;
}

export const runtimeFile = (requestedDataDir: string) => `${path.resolve(requestedDataDir)}.server.json`;

const alive = (pid: number | null) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function publishRuntime(requestedDataDir: string, runtime: EmbeddedRuntime): void {
  const file = runtimeFile(requestedDataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(runtime, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** Removes the file, if it is this process's. */
export function withdrawRuntime(requestedDataDir: string): void {
  const file = runtimeFile(requestedDataDir);
  if (read(file)?.pid === process.pid) rmSync(file, { force: true });
}

function read(file: string): EmbeddedRuntime | null {
  try {
    const runtime = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedRuntime;
    return typeof runtime.pid === 'number' && typeof runtime.url === 'string' ? runtime : null;
  } catch {
    return null;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The embedded server a running service shares for this data folder; null when none runs. A stale
 * file (its process gone) is removed; a live process whose server does not answer (starting or
 * stopping) is reported as such, so the caller does not start a second server on the same folder.
 */
export async function runningEmbedded(requestedDataDir: string): Promise<EmbeddedRuntime | { unavailable: EmbeddedRuntime } | null> {
  const file = runtimeFile(requestedDataDir);
  const runtime = read(file);
  if (!runtime) return null;
  if (!alive(runtime.pid) || (runtime.postgresPid !== null && !alive(runtime.postgresPid))) {
    rmSync(file, { force: true });
    return null;
  }
  return (await answers(runtime.url)) ? runtime : { unavailable: runtime };
}
