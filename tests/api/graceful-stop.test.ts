/**
 * Stopping the service as operators do: SIGTERM or SIGINT to `npm start` (npm, or the node process it
 * runs) or to the production command (node itself, on the built dist/serve.js). Requests in flight are answered, then nothing is
 * left running or holding the port; the production command exits 0. (npm reports 143/130 for a signal
 * it received itself, whatever its child did: that status is npm's.)
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const IN_FLIGHT = 6;

let api: TestApi;
const groups: number[] = [];
beforeAll(async () => {
  api = await createTestApi();
  // The production command runs the bundle `npm ci` builds; this test's sources may be newer.
  execFileSync('npm', ['run', '-s', 'build:service'], { cwd: root, stdio: 'inherit' });
});
afterAll(async () => {
  // A failed test must not leave a service behind.
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await api?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Does the port take a new connection? A plain TCP connect each time: an HTTP client would reuse a
 * kept-alive connection, which a draining server still answers on, and never see the listener close.
 */
const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Started {
  child: ChildProcess;
  port: number;
  /** The node process serving (the child itself, or npm's child). */
  nodePid: number;
  exited: Promise<number | null>;
}

async function start(command: 'npm' | 'node'): Promise<Started> {
  const port = await freePort();
  const args = command === 'npm' ? ['start'] : ['dist/serve.js'];
  // Its own process group, as a terminal gives one; stdin ignored as under a service manager.
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The requests wait on a lock for as long as the machine takes to signal: no statement timeout or
    // shutdown deadline may end them first (a slow machine took over 10 s, the default deadline).
    env: { ...process.env, PORT: String(port), DATABASE_URL: api.databaseUrl, NIANBAO_LOAD_SAMPLES: 'false', LOG_LEVEL: 'warn', NIANBAO_STATEMENT_TIMEOUT_MS: '120000', NIANBAO_SHUTDOWN_TIMEOUT_MS: '120000' },
  });
  groups.push(child.pid!);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(() => output.includes('Nianbao is running'), `the service to start:\n${output}`, 60_000);
  const nodePid = command === 'node' ? child.pid! : Number(spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split('\n')[0]);
  expect(nodePid).toBeGreaterThan(0);
  return { child, port, nodePid, exited };
}

/** Sends requests that wait on a lock, signals, releases the lock: what did each request get? */
async function stopWithRequestsInFlight(started: Started, signal: NodeJS.Signals, target: 'child' | 'node' | 'group'): Promise<string[]> {
  const locker = new pg.Client({ connectionString: api.databaseUrl });
  await locker.connect();
  await locker.query('begin');
  await locker.query('lock table report in access exclusive mode');
  try {
    return await inFlightWhileLocked(started, locker, signal, target);
  } finally {
    await locker.query('rollback').catch(() => undefined);
    await locker.end();
  }
}

async function inFlightWhileLocked(started: Started, locker: pg.Client, signal: NodeJS.Signals, target: 'child' | 'node' | 'group'): Promise<string[]> {
  const requests = Array.from({ length: IN_FLIGHT }, () =>
    fetch(`http://127.0.0.1:${started.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ reports { totalCount } }' }) }).then(
      async (response) => `${response.status} ${JSON.stringify((await response.json()).data)}`,
      (error: Error & { cause?: { code?: string } }) => `failed: ${error.cause?.code ?? error.message}`,
    ),
  );
  // Inside a transaction pg_stat_activity is a snapshot taken once: cleared before each look.
  const waiting = async () => (await locker.query(`select pg_stat_clear_snapshot(), count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)).rows[0].n;
  await until(async () => (await waiting()) === IN_FLIGHT, 'the requests to reach the database');
  if (target === 'group') process.kill(-started.child.pid!, signal);
  else process.kill(target === 'node' ? started.nodePid : started.child.pid!, signal);
  // The service is draining: it takes no new connection, and still answers those in flight.
  await until(async () => !(await accepting(started.port)), 'the listener to close');
  await locker.query('rollback');
  return Promise.all(requests);
}

async function expectNothingLeft(started: Started): Promise<void> {
  await until(() => !alive(started.nodePid) && !alive(started.child.pid!), 'every process to exit');
  const port = await new Promise<boolean>((resolve) => {
    const probe = createServer().once('error', () => resolve(false)).listen(started.port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  expect(port, 'the port is free again').toBe(true);
}

const answered = Array(IN_FLIGHT).fill(`200 ${JSON.stringify({ reports: { totalCount: 0 } })}`);

describe('stopping npm start', () => {
  it.each([
    ['SIGTERM', 'child'],
    ['SIGTERM', 'node'],
    ['SIGINT', 'group'],
  ] as const)('%s to %s: in-flight requests are answered, nothing is left', async (signal, target) => {
    const started = await start('npm');
    expect(await stopWithRequestsInFlight(started, signal, target)).toEqual(answered);
    const code = await started.exited;
    if (target === 'node') expect(code).toBe(0);
    await expectNothingLeft(started);
  }, 90_000);
});

describe('stopping the production command (node, no wrapper)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: in-flight requests are answered, exit 0', async (signal) => {
    const started = await start('node');
    expect(await stopWithRequestsInFlight(started, signal, 'child')).toEqual(answered);
    expect(await started.exited).toBe(0);
    await expectNothingLeft(started);
  }, 90_000);
});
