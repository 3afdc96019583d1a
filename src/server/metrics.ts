/**
 * Prometheus metrics at /metrics (prom-client, a registry of our own): GraphQL requests and their
 * latency per operation and outcome, response cache hits, the read pools' connections and where
 * public reads were routed (primary or replica), plus the process's own figures. Off unless
 * NIANBAO_METRICS is set; with NIANBAO_METRICS_TOKEN the scraper must send it as a bearer token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { bearerToken } from '../schema/authenticate.js';
import type { ReadPool } from '../store/read-pool.js';

export interface MetricsOptions {
  reader: ReadPool;
  /** Asked by /metrics; absent: no token needed (keep /metrics off the public network then). */
  token?: string;
  /** Process figures (memory, CPU, event loop lag); default on. */
  processMetrics?: boolean;
}

export interface Metrics {
  plugin: Plugin;
  /** For the response cache: one public query answered from the cache or not. */
  cacheLookup(hit: boolean): void;
  registry: Registry;
}

/** Operation names come from clients: only sane ones become labels, and not too many of them. */
const MAX_OPERATIONS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const NAMED_OPERATION = /^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/;

export function metrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'nianbao_' });
  const requests = new Counter({ name: 'nianbao_graphql_requests_total', help: 'GraphQL requests by operation name, HTTP method and status', labelNames: ['operation', 'method', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'nianbao_graphql_request_duration_seconds',
    help: 'Time from request to response, by operation name',
    labelNames: ['operation'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const cache = new Counter({ name: 'nianbao_response_cache_lookups_total', help: 'Public queries answered from the response cache (hit) or computed (miss)', labelNames: ['result'], registers: [registry] });
  new Gauge({
    name: 'nianbao_read_pool_connections',
    help: "The read path's connections per database (primary, replica URL index): total, idle, and requests waiting for one",
    labelNames: ['database', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const pool of options.reader.stats()) {
        this.set({ database: pool.database, state: 'total' }, pool.totalCount);
        this.set({ database: pool.database, state: 'idle' }, pool.idleCount);
        this.set({ database: pool.database, state: 'waiting' }, pool.waitingCount);
      }
    },
  });
  new Counter({
    name: 'nianbao_read_routed_total',
    help: 'Read statements by the database that answered them (primary, or a replica)',
    labelNames: ['database'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [database, count] of options.reader.routed()) this.inc({ database }, count);
    },
  });

  const operations = new Set<string>();
  const label = (name: string | undefined) => {
    if (!name || !NAME.test(name)) return name ? 'other' : 'anonymous';
    if (!operations.has(name)) {
      if (operations.size >= MAX_OPERATIONS) return 'other';
      operations.add(name);
    }
    return name;
  };
  const started = new WeakMap<Request, { at: number; operation?: string }>();
  const expected = options.token ? Buffer.from(options.token) : undefined;
  const authorized = (request: Request) => {
    if (!expected) return true;
    const given = Buffer.from(bearerToken(request) ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const plugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/metrics') {
        if (!authorized(request)) {
          endResponse(new fetchAPI.Response('metrics need the token of NIANBAO_METRICS_TOKEN as a bearer token\n', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' } }));
          return;
        }
        endResponse(new fetchAPI.Response(await registry.metrics(), { status: 200, headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } }));
        return;
      }
      if (url.pathname === '/graphql') started.set(request, { at: performance.now() });
    },
    onParams({ request, params }) {
      const begun = started.get(request);
      if (begun) begun.operation = label(params.operationName ?? NAMED_OPERATION.exec(params.query ?? '')?.[1]);
    },
    onResponse({ request, response }) {
      const begun = started.get(request);
      if (!begun) return;
      const operation = begun.operation ?? 'none';
      requests.inc({ operation, method: request.method, status: String(response.status) });
      latency.observe({ operation }, (performance.now() - begun.at) / 1000);
    },
  };
  return { plugin, registry, cacheLookup: (hit) => cache.inc({ result: hit ? 'hit' : 'miss' }) };
}
