/**
 * A portal sends its reads as trusted documents over GET: the SDK's manifest names every document
 * by its sha256, the service answers public reads with an ETag and a short public max-age (304 when
 * the ETag still holds), never for requests with a token; NIANBAO_TRUSTED_DOCUMENTS_ONLY refuses
 * any other document.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustedDocuments } from '../../src/server/trusted-documents.js';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, EDITOR_TOKEN, serveOverHttp, type TestApi } from '../support/api.js';
import { createNianbaoClient, type FetchLike } from '../../clients/sdk/src/index.js';
import { operationSources } from '../../clients/sdk/src/generated/operation-sources.js';
import { persistedDocumentIds } from '../../clients/sdk/src/generated/persisted-documents.js';

const manifest = path.resolve(import.meta.dirname, '../../clients/sdk/dist/persisted-documents.json');
const documents = loadTrustedDocuments(manifest);
const REPORTS = persistedDocumentIds.reports;
const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };

const url = (documentId: string, variables: unknown = { first: 2 }) =>
  `/graphql?documentId=${encodeURIComponent(documentId)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;

describe('the SDK manifest', () => {
  it('names every operation of the SDK by the sha256 of the exact text it sends', () => {
    expect(Object.keys(persistedDocumentIds).sort()).toEqual(Object.keys(operationSources).sort());
    for (const [name, text] of Object.entries(operationSources)) {
      const id = `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
      expect(persistedDocumentIds[name]).toBe(id);
      expect(documents.get(id)).toBe(text);
    }
  });
});

describe('trusted documents over GET', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ cache: { httpMaxAgeSeconds: 15 }, trustedDocuments: { documents, only: false } });
    await loadSamples(api.orm.em.fork());
    await api.dataVersion!.refresh();
  });
  afterAll(() => api?.close());

  it('answers a public read with an ETag and a short public max-age, and 304 while the ETag holds', async () => {
    const first = await api.fetch(url(REPORTS), { headers: { accept: 'application/json' } });
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.reports.edges).toHaveLength(2);
    expect(first.headers.get('cache-control')).toBe('public, max-age=15');
    expect(first.headers.get('vary')).toMatch(/Authorization/i);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();

    // The same text sent as POST is the same cached answer.
    api.statements.length = 0;
    const posted = await api.graphql(documents.get(REPORTS)!, { first: 2 });
    expect(posted.data).toEqual(body.data);
    expect(api.statements).toHaveLength(0);

    const again = await api.fetch(url(REPORTS), { headers: { accept: 'application/json', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('public, max-age=15');

    // A write retires the ETag: the full answer again, under a new one.
    const id = body.data.reports.edges[0].node.id;
    await api.graphql(`mutation($id: ID!) { publishReport(id: $id, publishedOn: "2025-02-01") { status } }`, { id }, auth);
    const changed = await api.fetch(url(REPORTS), { headers: { accept: 'application/json', 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('never marks an answer to a request with a token as cacheable', async () => {
    const response = await api.fetch(url(REPORTS), { headers: { accept: 'application/json', ...auth } });
    expect(response.status).toBe(200);
    expect((await response.json()).data.reports.edges).toHaveLength(2);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  it('refuses an unknown document id, saying what it trusts', async () => {
    const response = await api.fetch(url(`sha256:${'0'.repeat(64)}`), { headers: { accept: 'application/json' } });
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(body.errors[0].message).toMatch(/persisted-documents\.json/);
  });

  it('is what the SDK sends with `persisted: true`: reads as GET, the same answers', async () => {
    const http = await serveOverHttp(api);
    try {
      const sent: { url: string; method: string }[] = [];
      const recording: FetchLike = (target, init) => {
        sent.push({ url: target, method: init.method });
        return fetch(target, init);
      };
      const endpoint = `${http.origin}/graphql`;
      const persisted = createNianbaoClient({ endpoint, persisted: true, fetch: recording });
      const plain = createNianbaoClient({ endpoint });
      expect(await persisted.reports({ first: 3 })).toEqual(await plain.reports({ first: 3 }));
      expect(sent).toEqual([{ method: 'GET', url: expect.stringContaining(`documentId=${encodeURIComponent(REPORTS)}`) }]);
    } finally {
      await http.close();
    }
  });
});

describe('NIANBAO_TRUSTED_DOCUMENTS_ONLY', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ trustedDocuments: { documents, only: true } });
    await loadSamples(api.orm.em.fork());
  });
  afterAll(() => api?.close());

  it('refuses any other document, and runs the trusted ones, writes included (POST with documentId)', async () => {
    const refused = await api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ reports { totalCount } }' }) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');

    const read = await api.fetch(url(REPORTS, { first: 1 }), { headers: { accept: 'application/json' } });
    const id = (await read.json()).data.reports.edges[0].node.id;
    const write = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ documentId: persistedDocumentIds.publishReport, variables: { id, publishedOn: '2025-03-01' } }),
    });
    expect((await write.json()).data.publishReport).toMatchObject({ publishedOn: '2025-03-01' });
  });
});
