/**
 * Request limits as a client meets them: small bodies unless a token imports, capped documents and
 * variables, a real cost for aggregates and nodes(ids:), a statement timeout, and a bound on
 * concurrent expensive queries that keeps cheap ones answering.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ limits: { maxRequestBytes: 16 * 1024, statementTimeoutMs: 400, maxExpensiveConcurrency: 1 } });
});
afterAll(() => api?.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const STATISTICS = `statistics(measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }]) { groups { values { value } } }`;

/** Holds an exclusive lock on the report tables until released: every statement that reads them waits. */
async function lockReports(): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: api.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query('lock table report, agency, report_rollup, report_cell_vector, report_section in access exclusive mode');
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

describe('request size', () => {
  it('refuses a large body from anyone without a token, before reading it', async () => {
    const body = JSON.stringify({ query: `{ ${'__typename '.repeat(2000)}}` });
    const response = await post(body);
    expect(response.status).toBe(413);
    const result = await response.json();
    expect(result.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(result.errors[0].message).toMatch(/NIANBAO_MAX_REQUEST_BYTES/);
  });

  it('refuses a large body sent without Content-Length while it streams in', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets a token holder send an import-sized body', async () => {
    const content = '政府信息公开工作年度报告。'.repeat(3000);
    const body = JSON.stringify({ query: 'mutation($c: String!) { importReport(input: { content: $c }) { __typename ... on ImportReportRefused { code } } }', variables: { c: content } });
    expect(body.length).toBeGreaterThan(16 * 1024);
    const anonymous = await post(body);
    expect(anonymous.status).toBe(413);
    const withToken = await post(body, { authorization: `Bearer ${EDITOR_TOKEN}` });
    expect((await withToken.json()).data.importReport).toEqual({ __typename: 'ImportReportRefused', code: 'NO_REPORT_FOUND' });
  });

  it('refuses HTML nested deeper than a browser nests, with its own code and the limit in the message', async () => {
    const content = `<html><body>${'<div>'.repeat(5000)}政府信息公开工作年度报告${'</div>'.repeat(5000)}</body></html>`;
    const body = JSON.stringify({ query: 'mutation($c: String!) { importReport(input: { content: $c }) { __typename ... on ImportReportRefused { code message } } }', variables: { c: content } });
    const result = await (await post(body, { authorization: `Bearer ${EDITOR_TOKEN}` })).json();
    expect(result.data.importReport).toMatchObject({ __typename: 'ImportReportRefused', code: 'TOO_DEEP' });
    expect(result.data.importReport.message).toContain('512');
  });
});

describe('document limits', () => {
  it('caps aliases, counting __typename too', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    const result = await api.graphql(`{ ${aliases} }`);
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0].message).toMatch(/alias/i);
    expect((await api.graphql(`{ a: __typename b: __typename }`)).data).toEqual({ a: 'Query', b: 'Query' });
  });

  it('caps tokens, so repeated fields cannot pile up', async () => {
    const result = await api.graphql(`{ ${'x '.repeat(2100)}}`);
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0].message).toMatch(/Token limit of 2000/);
  });

  it('caps directives and depth', async () => {
    const directives = await api.graphql(`{ __typename ${'@include(if: true) '.repeat(11)}}`);
    expect(directives.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const deep = `{ __schema { types { fields { type ${'{ ofType '.repeat(20)}{ name }${' }'.repeat(20)} } } } }`;
    const depth = await api.graphql(deep);
    expect(depth.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('caps variables', async () => {
    const variables = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, i]));
    const result = await api.graphql(`{ __typename }`, variables);
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0].message).toMatch(/101, at most 100/);
  });
});

describe('cost', () => {
  it('counts an aggregate as expensive: a few per request, not eighty', async () => {
    const five = Array.from({ length: 5 }, (_, i) => `s${i}: ${STATISTICS}`).join(' ');
    expect((await api.graphql(`{ ${five} }`)).errors).toBeUndefined();
    const seven = Array.from({ length: 7 }, (_, i) => `s${i}: ${STATISTICS}`).join(' ');
    const result = await api.graphql(`{ ${seven} }`);
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.data).toBeNull();
  });

  it('takes at most 100 IDs in nodes(ids:)', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`Report:${i + 1}`).toString('base64'));
    const hundred = await api.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ids(100) });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data.nodes).toHaveLength(100);
    const more = await api.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ids(101) });
    expect(more.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(more.errors?.[0].message).toMatch(/at most 100 IDs, got 101/);
  });
});

describe('time and concurrency', () => {
  it('cancels a statement that runs past the statement timeout, with a clear error', async () => {
    const release = await lockReports();
    try {
      const result = await api.graphql(`{ reports { totalCount } }`);
      expect(result.errors?.[0].extensions?.code).toBe('QUERY_TIMEOUT');
      expect(result.errors?.[0].message).toMatch(/400 ms/);
      expect(JSON.stringify(result)).not.toMatch(/statement|canceling|sql/i);
    } finally {
      await release();
    }
    expect((await api.graphql(`{ reports { totalCount } }`)).data).toEqual({ reports: { totalCount: 0 } });
  });

  it('queues expensive queries beyond the bound, refuses past the queue, and keeps cheap queries answering', async () => {
    const release = await lockReports();
    let expensive: Promise<Response>[];
    try {
      // One slot (maxExpensiveConcurrency: 1) and 25 places in the queue: the 27th is refused at once.
      expensive = Array.from({ length: 27 }, () => post(JSON.stringify({ query: `{ ${STATISTICS} }` })));
      const firstAnswered = await Promise.race(expensive.map((p, i) => p.then(() => i)));
      expect(firstAnswered).toBe(26);
      const cheap = await api.graphql(`{ region(code: "35") { name } }`);
      expect(cheap.data).toEqual({ region: { name: '福建省' } });
    } finally {
      await release();
    }
    const answers = await Promise.all(expensive);
    const busy = answers[26];
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect((await busy.json()).errors[0].extensions.code).toBe('SERVICE_BUSY');
    // The queued ones run one at a time once the tables are free again.
    const codes = await Promise.all(answers.slice(0, 26).map(async (r) => ((await r.json()).errors?.[0]?.extensions?.code as string) ?? 'OK'));
    expect(codes.filter((c) => c !== 'OK' && c !== 'QUERY_TIMEOUT')).toEqual([]);
    expect(codes.filter((c) => c === 'OK').length).toBeGreaterThan(20);
  });
});
