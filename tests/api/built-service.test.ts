/**
 * The service as `npm start` and the production command run it: the bundle in dist/, not the
 * TypeScript sources. On an empty database it applies the migrations compiled beside it, loads the
 * samples and serves GraphiQL, whatever the working folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readSamples } from '../../src/store/services/samples.js';
import { adminQuery, databaseUrlFor } from '../support/databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const database = `nianbao_built_${process.pid}`;
let child: ChildProcess | undefined;
let origin = '';
let output = '';
const TOKEN = 'built-service-test-token-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function withoutNodeEnv(): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...env } = process.env;
  return env;
}

beforeAll(async () => {
  execFileSync('npm', ['run', '-s', 'build:service'], { cwd: root, stdio: 'inherit' });
  await adminQuery(inject('serverUrl'), `create database ${database}`);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [path.join(root, 'dist', 'serve.js')], {
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...withoutNodeEnv(), PORT: String(port), DATABASE_URL: databaseUrlFor(inject('serverUrl'), database), NIANBAO_LOAD_SAMPLES: 'true', LOG_LEVEL: 'warn', NIANBAO_API_TOKENS: TOKEN },
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Nianbao is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the built service did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await adminQuery(inject('serverUrl'), `drop database if exists ${database} with (force)`);
});

describe('the built service (dist/serve.js)', () => {
  it('migrates an empty database with the compiled migrations and loads the samples', async () => {
    const client = new pg.Client({ connectionString: databaseUrlFor(inject('serverUrl'), database) });
    await client.connect();
    try {
      const applied = (await client.query<{ name: string }>('select name from mikro_orm_migrations order by name')).rows.map((r) => r.name);
      const committed = readdirSync(path.join(root, 'migrations')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
      expect(applied).toEqual(committed);
    } finally {
      await client.end();
    }
    const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ reports { totalCount } }' }) });
    expect(await response.json()).toEqual({ data: { reports: { totalCount: readSamples().length } } });
  });

  it('serves GraphiQL from its worker', async () => {
    const page = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Nianbao GraphiQL');
  });

  it('serves the portal from clients/portal/dist and streams exports with the bundled writers', async () => {
    const page = await fetch(`${origin}/portal/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<main id="app"');
    const csv = await fetch(`${origin}/export/reports.csv`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(1 + readSamples().length);
    const xlsx = await fetch(`${origin}/export/reports.xlsx`);
    expect(xlsx.status).toBe(200);
    // A zip archive (what an .xlsx is) starts with PK.
    expect(new TextDecoder().decode((await xlsx.arrayBuffer()).slice(0, 2))).toBe('PK');
  });

  const DOCUMENTS = path.join(root, 'tests', 'fixtures', 'documents');
  /** importReport of a file's bytes with the service's token; `selection` is asked of the result. */
  async function importFile(content: Buffer, fileName: string, selection: string) {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        query: `mutation($input: ImportReportInput!) { importReport(input: $input) { __typename ${selection} } }`,
        variables: { input: { contentBase64: content.toString('base64'), fileName } },
      }),
    });
    return (await response.json()).data.importReport;
  }

  it('reads an imported PDF in its parse worker (the bundled worker entry), not in the serving thread', async () => {
    const pdf = readFileSync(path.join(DOCUMENTS, '05_pingtan_2022.libreoffice.pdf'));
    const expected = JSON.parse(readFileSync(path.join(DOCUMENTS, '05_pingtan_2022.expected.json'), 'utf8'));
    expect(await importFile(pdf, '05_pingtan_2022.pdf', '... on ImportReportSuccess { created report { year applications { cell(row: NEW_RECEIVED, column: TOTAL) } } }')).toEqual({
      __typename: 'ImportReportSuccess',
      created: true,
      report: { year: expected.year, applications: { cell: expected.applications.NEW_RECEIVED.TOTAL } },
    });
    expect(output).not.toContain('parse worker unavailable');
  });

  it('answers a refusal read in the parse worker with its code and message, as in the serving thread', async () => {
    const pdf = readFileSync(path.join(DOCUMENTS, '05_pingtan_2022.libreoffice.pdf'));
    const refused = await importFile(pdf.subarray(0, 4096), 'cut.pdf', '... on ImportReportRefused { code message }');
    expect(refused).toMatchObject({ __typename: 'ImportReportRefused', code: 'DAMAGED_DOCUMENT' });
    expect(refused.message).toContain('cut.pdf');
    expect(output).not.toContain('parse worker unavailable');
  });

  it('settles production mode before any library loads', () => {
    // A bundle's static imports all run before its first line: the entry must import nothing
    // statically, set NODE_ENV, and only then load the service.
    const entry = readFileSync(path.join(root, 'dist', 'serve.js'), 'utf8');
    expect(entry).not.toMatch(/^\s*import\s/m);
    const settled = entry.indexOf('process.env.NODE_ENV ??= "production"');
    expect(settled).toBeGreaterThanOrEqual(0);
    expect(entry.indexOf('await import(')).toBeGreaterThan(settled);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/error/i);
  });
});
