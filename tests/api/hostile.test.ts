/**
 * A hostile client over real HTTP: the attacks of issue 10 and the OWASP GraphQL list. Each must be
 * refused quickly, with a stable code, while a trivial query sent at the same time keeps answering.
 * The bounds (100 ms to refuse, 200 ms for the trivial query) are the issue's; each attack is tried
 * up to five times until both are met and the fastest counts, so a loaded machine's pauses do not fail the suite, while an
 * attack that makes the service work (seconds, before these limits) still does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, serveOverHttp, type TestApi } from '../support/api.js';

let api: TestApi;
let server: { origin: string; close(): Promise<void> };
beforeAll(async () => {
  api = await createTestApi({ limits: { maxRequestBytes: 64 * 1024, statementTimeoutMs: 5_000, maxExpensiveConcurrency: 4 } });
  server = await serveOverHttp(api);
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});

const REFUSE_MS = 100;
const TRIVIAL_MS = 200;

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
const graphql = (query: string, variables?: Record<string, unknown>) => post(JSON.stringify({ query, variables }));
const request = (query: string, variables?: Record<string, unknown>) => {
  const body = JSON.stringify({ query, variables });
  return () => post(body);
};
const requestBody = (body: BodyInit | (() => BodyInit)) => () => post(typeof body === 'function' ? body() : body);
const requestGet = (query: string) => {
  const url = `${server.origin}/graphql?query=${encodeURIComponent(query)}`;
  return () => fetch(url);
};
const aliases = (n: number, field = '__typename') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const ids = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`Report:${i + 1}`).toString('base64'));
const STATISTICS = 'statistics(measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }]) { groups { values { value } } }';

function chunked(totalBytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(`{"query":"{ ${'a: __typename '.repeat(4000)}`);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

interface Attack {
  name: string;
  /** Builds the request (not timed: the client's work), then returns what sends it (timed). */
  prepare(): () => Promise<Response>;
  status: number;
  /** Expected extensions.code of the first error (absent for refusals made by Node's HTTP parser). */
  code?: string;
}

const ATTACKS: Attack[] = [
  { name: '200,000 __typename aliases in 3.7 MB', prepare: () => request(aliases(200_000)), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'an oversized body streamed without Content-Length', prepare: () => requestBody(() => chunked(4 * 1024 * 1024)), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: '3,000 __typename aliases within the body limit', prepare: () => request(aliases(3_000)), status: 200, code: 'QUERY_TOO_COMPLEX' },
  { name: '80 aliases of statistics', prepare: () => request(aliases(80, STATISTICS)), status: 200, code: 'QUERY_TOO_COMPLEX' },
  { name: '7 aliases of statistics (over the cost budget)', prepare: () => request(aliases(7, STATISTICS)), status: 200, code: 'QUERY_TOO_COMPLEX' },
  { name: '6,000 same-name fields', prepare: () => request(`{ ${'__typename '.repeat(6_000)}}`), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: '5,000 same-name fields within the body limit', prepare: () => request(`{ ${'__typename '.repeat(5_000)}}`), status: 200, code: 'QUERY_TOO_COMPLEX' },
  {
    name: '10,000 declared variables',
    prepare: () => request(`query(${Array.from({ length: 10_000 }, (_, i) => `$v${i}: Int`).join(' ')}) { __typename }`),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  { name: '1,000 undeclared variables', prepare: () => request('{ __typename }', Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`v${i}`, i]))), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '1,000 directives on one field', prepare: () => request(`{ __typename ${'@include(if: true) '.repeat(1_000)}}`), status: 200, code: 'QUERY_TOO_COMPLEX' },
  { name: 'introspection nested 40 deep', prepare: () => request(`{ __schema { types { fields { type ${'{ ofType '.repeat(40)}{ name }${' }'.repeat(40)} } } } }`), status: 200, code: 'QUERY_TOO_COMPLEX' },
  {
    name: 'circular fragments',
    prepare: () => request('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    status: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  { name: 'a batch of 1,000 operations', prepare: () => requestBody(JSON.stringify(Array.from({ length: 1_000 }, () => ({ query: '{ __typename }' })))), status: 400 },
  { name: 'nodes(ids:) with 1,000 IDs', prepare: () => request('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(1_000) }), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'nodes(ids:) with 8,699 IDs', prepare: () => request('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(8_699) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a 100 kB query string (GET)', prepare: () => requestGet(aliases(8_000)), status: 431 },
  { name: 'a mutation over GET (CSRF)', prepare: () => requestGet('mutation { deleteReport(id: "UmVwb3J0OjE=") }'), status: 405 },
  { name: 'a write without a token', prepare: () => request('mutation { deleteReport(id: "UmVwb3J0OjE=") }'), status: 200, code: 'UNAUTHENTICATED' },
  { name: 'a search query of 10,000 characters', prepare: () => request('query($q: String!) { search(query: $q) { totalCount } }', { q: '电'.repeat(10_000) }), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'malformed JSON', prepare: () => requestBody('{"query": "{ __typename }"'), status: 400 },
];

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const trivial = async () => {
  const response = await graphql('{ __typename }');
  return (await response.json()) as { data?: unknown };
};

describe('hostile requests', () => {
  it.each(ATTACKS)('refuses $name quickly, while a trivial query keeps answering', async (attack) => {
    let refusedIn = Infinity;
    let trivialIn = Infinity;
    // (a shared 2-core machine under load has measured 102 ms as the best of three)
    for (let attempt = 0; attempt < 5 && (refusedIn >= REFUSE_MS || trivialIn >= TRIVIAL_MS || attempt < 2); attempt++) {
      const send = attack.prepare();
      const [[response, ms], [answer, trivialMs]] = await Promise.all([timed(send), timed(trivial)]);
      expect(response.status).toBe(attack.status);
      const text = await response.text();
      if (attack.code) expect(JSON.parse(text).errors[0].extensions.code).toBe(attack.code);
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|select |postgres/i);
      expect(answer).toEqual({ data: { __typename: 'Query' } });
      refusedIn = Math.min(refusedIn, ms);
      trivialIn = Math.min(trivialIn, trivialMs);
    }
    expect(refusedIn).toBeLessThan(REFUSE_MS);
    expect(trivialIn).toBeLessThan(TRIVIAL_MS);
  });

  it('treats SQL in arguments as text', async () => {
    const injected = "'; drop table report; --";
    const result = await (await graphql('query($q: String!) { search(query: $q) { totalCount } regions(nameContains: $q) { code } }', { q: injected })).json();
    expect(result).toEqual({ data: { search: { totalCount: 0 }, regions: [] } });
    expect((await (await graphql('{ reports { totalCount } }')).json()).data.reports.totalCount).toBe(0);
  });
});
