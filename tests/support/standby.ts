/**
 * A throwaway PostgreSQL primary and a hot standby of it (pg_basebackup -R), on free local ports,
 * from the system's PostgreSQL binaries: for the replica tests. The system cluster is left alone
 * (its pg_hba has no replication entry). As root, the servers run as the postgres OS user.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup'];

/** Why the replica tests cannot run here, or undefined. */
export function standbyUnavailable(): string | undefined {
  const missing = TOOLS.filter((tool) => !existsSync(path.join(BIN, tool)));
  if (missing.length) return `no ${missing.join(', ')} in ${BIN} (set TEST_PG_BIN)`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root and there is no postgres OS user to run PostgreSQL as';
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PrimaryAndStandby {
  primaryUrl(database: string): string;
  standbyUrl(database: string): string;
  /** Takes the standby (after the primary has the data it should start with). */
  startStandby(): Promise<void>;
  stopStandby(): void;
  close(): void;
}

export async function startPrimary(): Promise<PrimaryAndStandby> {
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(BIN, tool), asRoot ? ['-u', 'postgres', '--', path.join(BIN, tool), ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-standby-'));
  chmodSync(dir, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primary = path.join(dir, 'primary');
  const standby = path.join(dir, 'standby');
  const settings = (port: number) => `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_wal_senders=4 -c wal_level=replica`;
  run('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', ['-D', primary, '-l', path.join(dir, 'primary.log'), '-o', settings(primaryPort), '-w', 'start']);
  const url = (port: number, database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  let standbyRunning = false;
  return {
    primaryUrl: (database) => url(primaryPort, database),
    standbyUrl: (database) => url(standbyPort, database),
    async startStandby() {
      run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standby, '-R', '-X', 'stream', '-c', 'fast']);
      run('pg_ctl', ['-D', standby, '-l', path.join(dir, 'standby.log'), '-o', settings(standbyPort), '-w', 'start']);
      standbyRunning = true;
    },
    stopStandby() {
      if (standbyRunning) run('pg_ctl', ['-D', standby, '-m', 'fast', '-w', 'stop']);
      standbyRunning = false;
    },
    close() {
      for (const data of [standby, primary]) {
        try {
          if (existsSync(path.join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } catch {
          // Already stopped.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
