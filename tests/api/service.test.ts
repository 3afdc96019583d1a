/**
 * The whole service as `npm start` runs it: the embedded PostgreSQL default with sample data and
 * GraphiQL, and a shutdown that lets in-flight requests finish, then stops the database.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { startService } from '../../src/server/service.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'nianbao-service-'));
chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach it
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const query = (url: string, body: string) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.json());

describe('the service with no configuration', () => {
  it('starts an embedded PostgreSQL, loads the samples, serves, and survives a restart', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    const config = loadConfig({ NIANBAO_DATA_DIR: path.join(dataDir, 'pg'), PORT: String(await freePort()) });
    const first = await startService(config, logger);
    const answer = await query(first.url, JSON.stringify({ query: '{ reports { totalCount } }' }));
    expect(answer).toEqual({ data: { reports: { totalCount: 6 } } });
    // A local run without configured tokens gets one for this run, so imports can be tried at once.
    expect(first.sessionToken).toMatch(/^[\w-]{24}$/);
    expect(lines.join('\n')).not.toContain(first.sessionToken);
    const write = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.sessionToken}` },
      body: JSON.stringify({ query: 'mutation { importReport(input: { content: " " }) { __typename ... on ImportReportRefused { code } } }' }),
    });
    expect((await write.json()).data.importReport).toEqual({ __typename: 'ImportReportRefused', code: 'EMPTY_INPUT' });
    const page = await fetch(`${first.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('LatestReports');

    // A request in flight when the shutdown starts still gets its answer.
    const received = new Promise((resolve) => first.server.once('request', resolve));
    const inFlight = query(first.url, JSON.stringify({ query: '{ reports(first: 50) { edges { node { applications { rows { cells { value } } } sections { body } } } } }' }));
    await received;
    await first.stop('test');
    expect((await inFlight).data.reports.edges).toHaveLength(6);
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();

    // Data persists; the samples are not loaded twice.
    const second = await startService({ ...config, PORT: await freePort(), NIANBAO_API_TOKENS: ['configured-token-0123456789'] }, logger);
    expect(second.sessionToken).toBeUndefined();
    const again = await query(second.url, JSON.stringify({ query: '{ reports { totalCount } }' }));
    expect(again.data.reports.totalCount).toBe(6);
    await second.stop('test');
    const samples = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'sample data');
    expect(samples.map((l) => [l.loaded, l.alreadyPresent])).toEqual([[6, 0], [0, 6]]);
  }, 120_000);
});
