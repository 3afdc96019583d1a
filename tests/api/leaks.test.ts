/**
 * What the public must not learn: an agency that only a draft names, where the database lives, and
 * nothing a browser on another site could use with the visitor's credentials.
 */
import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { ReadPool } from '../../src/store/read-pool.js';
import { createLogger } from '../../src/server/logger.js';
import { ormConfig } from '../../src/store/orm.js';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };
const text = readFileSync(new URL('../fixtures/corpus/11_shanghai_kewei_2024.txt', import.meta.url), 'utf8');

describe('an agency only a draft names', () => {
  it('is hidden from the public through agency, node and nodes until its report is published', async () => {
    const imported = await api.graphql(
      `mutation($input: ImportReportInput!) { importReport(input: $input) { ... on ImportReportSuccess { report { id agency { id name } } } } }`,
      { input: { content: text, agencyName: '上海市科学技术委员会', regionCode: '310000', status: 'DRAFT' } },
      auth,
    );
    const { id: reportId, agency } = imported.data.importReport.report;
    // Separate requests: Pothos answers nodes(ids:) with null for an ID that node(id:) of the same request also asked.
    const lookup = async (headers?: Record<string, string>) => ({
      ...(await api.graphql(`query($id: ID!) { agency(id: $id) { name } node(id: $id) { id } }`, { id: agency.id }, headers)).data,
      ...(await api.graphql(`query($id: ID!) { nodes(ids: [$id]) { id } }`, { id: agency.id }, headers)).data,
    });
    const visible = { agency: { name: '上海市科学技术委员会' }, node: { id: agency.id }, nodes: [{ id: agency.id }] };
    expect(await lookup()).toEqual({ agency: null, node: null, nodes: [null] });
    expect(await lookup(auth)).toEqual(visible);

    await api.graphql(`mutation($id: ID!) { publishReport(id: $id) { id } }`, { id: reportId }, auth);
    expect(await lookup()).toEqual(visible);
  });
});

describe('readiness', () => {
  it('says the database is unavailable, without saying where it is', async () => {
    const orm = await MikroORM.init({ ...ormConfig({ databaseUrl: 'postgresql://nianbao:s3cret@127.0.0.1:9/nianbao' }), connect: false });
    const lines: string[] = [];
    const reader = new ReadPool({ connectionString: 'postgresql://nianbao:s3cret@127.0.0.1:9/nianbao' });
    const app = createApp({ orm, reader, logger: createLogger('warn', (line) => lines.push(line)), apiTokens: [], maxImportBytes: 1024 * 1024 });
    const response = await app.fetch(new Request('http://nianbao.test/ready'));
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ status: 'not ready', database: 'database unavailable' });
    expect(body).not.toMatch(/127\.0\.0\.1|:9\b|ECONNREFUSED|s3cret/);
    // The operator still finds the cause in the log.
    expect(lines.join('\n')).toMatch(/ECONNREFUSED/);
    await reader.close();
    await orm.close();
  });
});

describe('CORS', () => {
  const preflight = (app: { fetch: (r: Request) => Response | Promise<Response> }, origin: string) =>
    app.fetch(new Request('http://nianbao.test/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }));

  it('lets any page read, but never with the visitor’s credentials, by default', async () => {
    const response = await preflight(api.app, 'https://elsewhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await api.fetch('/graphql', { method: 'POST', headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows only the listed origins when NIANBAO_CORS_ORIGINS is set', async () => {
    const app = createApp({ orm: api.orm, reader: api.reader, logger: createLogger('silent'), apiTokens: [], maxImportBytes: 1024 * 1024, corsOrigins: ['https://portal.example.gov.cn', 'https://data.example.gov.cn'] });
    const listed = await preflight(app, 'https://portal.example.gov.cn');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://portal.example.gov.cn');
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight(app, 'https://elsewhere.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://elsewhere.example');
  });
});
