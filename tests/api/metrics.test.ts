/**
 * An operator scrapes /metrics: requests and latency per operation, response cache hits, the read
 * pool's connections and where reads went; only with the metrics token, and not at all unless
 * metrics are switched on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, type TestApi } from '../support/api.js';

const TOKEN = 'metrics-token-0123456789';

describe('metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ cache: {}, metrics: { token: TOKEN } });
    await loadSamples(api.orm.em.fork());
    await api.dataVersion!.refresh();
  });
  afterAll(() => api?.close());

  const scrape = async () => {
    const response = await api.fetch('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };
  const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"+]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

  it('counts requests and their latency per operation, cache hits and misses, pool connections and routed reads', async () => {
    for (let i = 0; i < 3; i++) await api.graphql('query portalList { reports(first: 5) { totalCount edges { node { id year } } } }');
    // Each first time a miss: the list, then this one.
    await api.graphql('{ __typename }');
    const text = await scrape();
    expect(value(text, 'nianbao_graphql_requests_total{operation="portalList",method="POST",status="200"}')).toBe(3);
    expect(value(text, 'nianbao_graphql_requests_total{operation="anonymous",method="POST",status="200"}')).toBe(1);
    expect(value(text, 'nianbao_graphql_request_duration_seconds_count{operation="portalList"}')).toBe(3);
    expect(value(text, 'nianbao_response_cache_lookups_total{result="hit"}')).toBe(2);
    expect(value(text, 'nianbao_response_cache_lookups_total{result="miss"}')).toBe(2);
    expect(value(text, 'nianbao_read_pool_connections{database="primary",state="total"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'nianbao_read_pool_connections{database="primary",state="waiting"}')).toBe(0);
    expect(value(text, 'nianbao_read_routed_total{database="primary"}')).toBeGreaterThanOrEqual(1);
  });

  it('asks for the token', async () => {
    expect((await api.fetch('/metrics')).status).toBe(401);
    expect((await api.fetch('/metrics', { headers: { authorization: 'Bearer metrics-token-wrong-0000' } })).status).toBe(401);
  });

  it('is not served unless switched on', async () => {
    const plain = await createTestApi();
    try {
      expect((await plain.fetch('/metrics')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
