/** Browsers and SDKs that accept compressed answers get them: GraphQL answers and the GraphiQL page. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
});
afterAll(() => api?.close());

const query = JSON.stringify({ query: '{ reports(first: 6) { edges { node { title sections { body } } } } }' });
const post = (headers: Record<string, string>) => api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: query });

describe('compressed answers', () => {
  it('compresses a large answer with the encoding the client prefers, to the same JSON', async () => {
    const plain = await post({});
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(10_000);

    const br = await post({ 'accept-encoding': 'gzip, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(text) / 2);
    expect(brotliDecompressSync(brBytes).toString('utf8')).toBe(text);

    const gzip = await post({ 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString('utf8')).toBe(text);
  });

  it('leaves small answers as they are', async () => {
    const small = await api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'br' }, body: '{"query":"{ __typename }"}' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the offline GraphiQL page precompressed (about 2 MB instead of 9 MB)', async () => {
    const page = await api.fetch('/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('br');
    const bytes = Buffer.from(await page.arrayBuffer());
    expect(bytes.length).toBeLessThan(3_000_000);
    const html = brotliDecompressSync(bytes).toString('utf8');
    expect(html.length).toBeGreaterThan(5_000_000);
    expect(html).toContain('LatestReports');
    const plain = await api.fetch('/graphql', { headers: { accept: 'text/html' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(html);
  }, 60_000);
});
