/**
 * `npm run import` next to `npm start` on the embedded default: the service publishes where its
 * embedded PostgreSQL listens (beside the data folder), the import connects there instead of
 * starting a second server on the same folder, and the service answers with the imported report at
 * once. A file left by a service that died is recognised and does not stop the import.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);
const folder = mkdtempSync(path.join(tmpdir(), 'nianbao-shared-'));
chmodSync(folder, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach it
const dataDir = path.join(folder, 'data');
const runtimeFile = `${dataDir}.server.json`;
const corpus = (name: string) => path.join(root, 'tests/fixtures/corpus', name);
let service: ChildProcess | undefined;

afterAll(() => {
  if (service?.exitCode === null) process.kill(-service.pid!, 'SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

// The embedded default: no DATABASE_URL, the test's own data folder.
const env = () => {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...rest, NIANBAO_DATA_DIR: dataDir, NIANBAO_LOAD_SAMPLES: 'false', LOG_LEVEL: 'warn' };
};

async function importFiles(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'import', '--', ...args], { cwd: root, env: env() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('importing while the service runs on the embedded default', () => {
  it('connects to the service’s PostgreSQL, and the service serves the report', async () => {
    const port = await freePort();
    service = spawn('node', ['--import', 'tsx', 'src/cli/serve.ts'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env(), PORT: String(port) } });
    let output = '';
    service.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90_000;
    while (!output.includes('Nianbao is running')) {
      if (Date.now() > deadline || service.exitCode !== null) throw new Error(`the service did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const runtime = JSON.parse(readFileSync(runtimeFile, 'utf8'));
    expect(runtime).toMatchObject({ pid: service.pid, url: expect.stringMatching(/^postgresql:\/\/nianbao@127\.0\.0\.1:\d+\/nianbao$/) });

    const imported = await importFiles(corpus('01_shanting_zaozhuang_2024.txt'), '--region-code', '370406');
    expect(imported.stderr).not.toMatch(/already runs/);
    expect(imported.stdout).toMatch(/^imported 1, updated 0/);
    expect(imported.code).toBe(0);

    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ reports { totalCount edges { node { agency { name regionCode } applications { cell(row: NEW_RECEIVED, column: TOTAL) } } } } }' }),
    });
    expect((await answer.json()).data.reports).toEqual({ totalCount: 1, edges: [{ node: { agency: { name: '枣庄市山亭区人民政府', regionCode: '370406' }, applications: { cell: 34 } } }] });

    const exited = new Promise((resolve) => service!.once('exit', resolve));
    process.kill(service.pid!, 'SIGTERM');
    await exited;
    expect(existsSync(runtimeFile)).toBe(false);
  }, 180_000);

  it('starts its own server when the file is left by a service that died', async () => {
    writeFileSync(runtimeFile, JSON.stringify({ pid: 2 ** 22 + 1, postgresPid: null, url: 'postgresql://nianbao@127.0.0.1:1/nianbao', dataDir, startedAt: new Date().toISOString() }));
    const again = await importFiles(corpus('01_shanting_zaozhuang_2024.txt'), '--region-code', '370406');
    expect(again.stdout).toMatch(/^imported 0, updated 0, unchanged 1/);
    expect(again.code).toBe(0);
    expect(existsSync(runtimeFile)).toBe(false);
  }, 120_000);
});
