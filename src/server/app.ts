/** The HTTP application: GraphQL (yoga) at /graphql, exports at /export/…, the reference portal at /portal, plus /health and /ready. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { ReadPool } from '../store/read-pool.js';
import { createAuthenticator } from '../schema/authenticate.js';
import { createContextFactory, type ContextOptions } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { DEFAULT_CANDIDATE_LIMIT } from '../store/services/search.js';
import { compression } from './compression.js';
import { explainRefusedVariables } from './variables.js';
import { expensiveGate } from './expensive-gate.js';
import { exportsPlugin } from './exports/index.js';
import { portal } from './portal.js';
import { corsOptions } from './cors.js';
import { databaseError } from './database-errors.js';
import { bodyLimit, documentLimits } from './limits.js';
import type { Logger } from './logger.js';
import { httpCaching } from './http-caching.js';
import { rateLimit, type RateLimitOptions } from './rate-limit.js';
import type { DataVersion } from '../store/data-version.js';
import { afterWrite } from './after-write.js';
import type { Metrics } from './metrics.js';
import type { ResponseCache } from './response-cache.js';
import { trustedDocuments } from './trusted-documents.js';
import { textInputGuard } from './text-input.js';

export interface AppOptions {
  orm: MikroORM;
  /** The read path's pool (src/store/read-pool.ts). */
  reader: ReadPool;
  logger: Logger;
  apiTokens: readonly string[];
  maxImportBytes: number;
  /** See NIANBAO_SEARCH_RANKING_LIMIT; default DEFAULT_CANDIDATE_LIMIT. */
  searchCandidateLimit?: number;
  /** How imports are read and checked (the service: its parse worker); default: in this thread. */
  parse?: ContextOptions['parse'];
  /** See src/server/limits.ts and the NIANBAO_* limits of config.ts; defaults as there. */
  limits?: Partial<RequestLimits>;
  /** NIANBAO_CORS_ORIGINS; empty: any origin may read, without credentials. */
  corsOrigins?: readonly string[];
  /** Per token and per client address (src/server/rate-limit.ts); absent: no limit. */
  rateLimits?: RateLimitOptions;
  /** Public reads answered from a cache keyed by the data version (src/server/response-cache.ts); absent: none. */
  responseCache?: ResponseCache;
  /** max-age of public GET answers the response cache keeps (src/server/http-caching.ts); default 10 s. */
  httpMaxAgeSeconds?: number;
  /** The followed data version (src/store/data-version.ts), when a cache or replicas depend on it. */
  dataVersion?: DataVersion;
  /** Prometheus metrics at /metrics (src/server/metrics.ts); absent: none, and no cost. */
  metrics?: Metrics;
  /** Trusted documents by id (src/server/trusted-documents.ts); `only`: refuse any other document. */
  trustedDocuments?: { documents: ReadonlyMap<string, string>; only: boolean };
  /** Reports per statement of an export (src/server/exports); default EXPORT_PAGE_SIZE. */
  exportPageSize?: number;
}

export interface RequestLimits {
  maxRequestBytes: number;
  statementTimeoutMs: number;
  maxExpensiveConcurrency: number;
}

const DEFAULT_LIMITS: RequestLimits = { maxRequestBytes: 64 * 1024, statementTimeoutMs: 5_000, maxExpensiveConcurrency: 4 };

type FetchAPI = { Response: typeof Response };

function json(fetchAPI: FetchAPI, body: unknown, status = 200): Response {
  return new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function probes(orm: MikroORM, logger: Logger): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/health') {
        endResponse(json(fetchAPI, { status: 'ok' }));
      } else if (url.pathname === '/ready') {
        try {
          await orm.em.getConnection().execute('select 1');
          endResponse(json(fetchAPI, { status: 'ready', database: 'reachable' }));
        } catch (error) {
          // The driver's message names the database host and port: logged, never answered.
          logger.warn('readiness check failed', { error: (error as Error).message });
          endResponse(json(fetchAPI, { status: 'not ready', database: 'database unavailable' }, 503));
        }
      }
    },
  };
}

/** Finding messages follow Accept-Language: a shared cache must keep the Chinese and English answers apart. */
function varyOnLanguage(): Plugin {
  return {
    onResponse({ response }) {
      if ((response.headers.get('content-type') ?? '').includes('json')) response.headers.append('vary', 'Accept-Language');
    },
  };
}

function requestLog(logger: Logger): Plugin {
  // Where yoga has already parsed the URL, keep its path: parsing it again costs more than the log line.
  const started = new WeakMap<Request, { at: number; path: string }>();
  return {
    onRequest({ request, url }) {
      started.set(request, { at: performance.now(), path: url.pathname });
    },
    onResponse({ request, response }) {
      const begun = started.get(request);
      logger.info('request', {
        method: request.method,
        path: begun?.path ?? new URL(request.url).pathname,
        status: response.status,
        ms: begun === undefined ? undefined : Math.round((performance.now() - begun.at) * 10) / 10,
      });
    },
  };
}

export function createApp(options: AppOptions) {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const authenticate = createAuthenticator(options.orm, options.apiTokens);
  const mayWrite = async (request: Request) => (await authenticate(request)) !== null;
  return createYoga({
    schema,
    context: createContextFactory({ orm: options.orm, reader: options.reader, authenticate, maxImportBytes: options.maxImportBytes, searchCandidateLimit: options.searchCandidateLimit ?? DEFAULT_CANDIDATE_LIMIT, parse: options.parse }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: corsOptions(options.corsOrigins ?? []),
    // yoga's built-in check answers an empty 200 before any plugin runs; moved aside so /health and
    // /ready are ours and say what they checked.
    healthCheckEndpoint: '/health/yoga',
    // GraphiQL is served by the compression plugin, rendered offline and precompressed.
    graphiql: false,
    // bodyLimit refuses oversized bodies; yoga's own limit would pipe every body through a stream.
    maxRequestBodySize: false,
    extraParamNames: ['documentId'],
    logging: false,
    plugins: [
      probes(options.orm, options.logger),
      ...(options.metrics ? [options.metrics.plugin] : []),
      portal(),
      ...(options.rateLimits ? [rateLimit(options.rateLimits, mayWrite, options.logger)] : []),
      bodyLimit({ maxRequestBytes: limits.maxRequestBytes, maxImportBytes: options.maxImportBytes, mayWrite }),
      exportsPlugin({ orm: options.orm, reader: options.reader, authenticate, logger: options.logger, pageSize: options.exportPageSize }),
      // Before the limits and the cache: they see the trusted document's text.
      ...(options.trustedDocuments ? [trustedDocuments(options.trustedDocuments.documents, options.trustedDocuments.only)] : []),
      documentLimits(),
      ...(options.dataVersion ? [afterWrite(options.dataVersion)] : []),
      ...(options.responseCache ? [...options.responseCache.plugins, httpCaching(options.httpMaxAgeSeconds ?? 10)] : []),
      textInputGuard(),
      expensiveGate(limits.maxExpensiveConcurrency),
      varyOnLanguage(),
      compression(),
      requestLog(options.logger),
      explainRefusedVariables(),
      useGraphQlJit(),
    ],
    maskedErrors: {
      maskError(error, message) {
        if (error instanceof GraphQLError) {
          // Errors of the request itself (syntax, validation, variable coercion) carry no original error.
          if (!error.originalError) {
            return error.extensions?.code ? error : new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
          }
          // Errors our resolvers raise on purpose carry a stable code; graphql-js's own (variable
          // coercion) carry none and are the caller's mistake.
          if (error.originalError instanceof GraphQLError) {
            return error.extensions?.code ? error : new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
          }
        }
        const original = error instanceof GraphQLError ? error.originalError : error;
        const known = databaseError(original, limits.statementTimeoutMs);
        if (known) {
          return new GraphQLError(known.message, { nodes: error instanceof GraphQLError ? error.nodes : undefined, path: error instanceof GraphQLError ? error.path : undefined, extensions: known.extensions });
        }
        options.logger.error('unexpected error', { error: (original as Error)?.stack ?? String(original) });
        return new GraphQLError(message, {
          nodes: error instanceof GraphQLError ? error.nodes : undefined,
          path: error instanceof GraphQLError ? error.path : undefined,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      },
    },
  });
}

export type App = ReturnType<typeof createApp>;
