/** Bad input gets a clear, specific error with a stable code: never a crash, never a silent default. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe('bad input', () => {
  it('rejects a malformed global ID, saying which', async () => {
    const result = await api.graphql(`{ report(id: "not-an-id") { year } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('not-an-id');
    const node = await api.graphql(`{ node(id: "%%%") { id } }`);
    expect(node.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects an ID of the wrong type', async () => {
    const agencyId = Buffer.from('Agency:1').toString('base64');
    const result = await api.graphql(`query($id: ID!) { report(id: $id) { year } }`, { id: agencyId });
    expect(result.errors?.[0].message).toMatch(/names a Agency, not a Report/);
  });

  it('rejects first out of range', async () => {
    const tooMany = await api.graphql(`{ reports(first: 1000) { totalCount } }`);
    expect(tooMany.errors?.[0].message).toMatch(/100/);
    const negative = await api.graphql(`{ reports(first: -1) { totalCount } }`);
    expect(negative.errors?.length).toBeGreaterThan(0);
  });

  it('rejects an unknown enum value', async () => {
    const result = await api.graphql(`{ reports(orderBy: SIDEWAYS) { totalCount } }`);
    expect(result.errors?.[0].message).toMatch(/SIDEWAYS/);
    const variables = await api.graphql(`query($o: ReportOrder) { reports(orderBy: $o) { totalCount } }`, { o: 'SIDEWAYS' });
    expect(variables.errors?.[0].message).toMatch(/SIDEWAYS/);
  });

  it('rejects a region code that is not GB/T 2260', async () => {
    const result = await api.graphql(`{ reports(filter: { regionCode: "35x" }) { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/regionCode/);
  });

  it('rejects a cursor from somewhere else', async () => {
    const result = await api.graphql(`{ reports(after: "bogus") { totalCount } }`);
    expect(result.errors?.[0].message).toMatch(/not a cursor/);
  });

  it('asks for either id or agency and year', async () => {
    const result = await api.graphql(`{ report { year } }`);
    expect(result.errors?.[0].message).toMatch(/either `id`, or `agencyId` and `year`/);
  });
});

describe('probes', () => {
  it('answers /health and /ready', async () => {
    const health = await api.fetch('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await api.fetch('/ready');
    expect(ready.status).toBe(200);
    expect((await ready.json()).status).toBe('ready');
  });
});
