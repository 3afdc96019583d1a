/** The HTTP application: GraphQL (yoga) at /graphql, plus /health and /ready. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { ReadPool } from '../store/read-pool.js';
import { createContextFactory } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { DEFAULT_CANDIDATE_LIMIT } from '../store/services/search.js';
import { compression } from './compression.js';
import type { Logger } from './logger.js';

export interface AppOptions {
  orm: MikroORM;
  /** The read path's pool (src/store/read-pool.ts). */
  reader: ReadPool;
  logger: Logger;
  apiTokens: readonly string[];
  maxImportBytes: number;
  /** See NIANBAO_SEARCH_RANKING_LIMIT; default DEFAULT_CANDIDATE_LIMIT. */
  searchCandidateLimit?: number;
}

type FetchAPI = { Response: typeof Response };

function json(fetchAPI: FetchAPI, body: unknown, status = 200): Response {
  return new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function probes(orm: MikroORM): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/health') {
        endResponse(json(fetchAPI, { status: 'ok' }));
      } else if (url.pathname === '/ready') {
        try {
          await orm.em.getConnection().execute('select 1');
          endResponse(json(fetchAPI, { status: 'ready', database: 'reachable' }));
        } catch (error) {
          endResponse(json(fetchAPI, { status: 'not ready', database: (error as Error).message }, 503));
        }
      }
    },
  };
}

/** The largest request body: an import's content plus JSON and base64 overhead. */
export function maxBodyBytes(maxImportBytes: number): number {
  return Math.ceil(maxImportBytes * 1.4) + 64 * 1024;
}

/** Refuses oversized bodies before reading them (requests that reach yoga without node:http, e.g. `app.fetch`). */
function bodyLimit(maxImportBytes: number): Plugin {
  const limit = maxBodyBytes(maxImportBytes);
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > limit) {
        endResponse(
          json(
            fetchAPI,
            { errors: [{ message: `Request body of ${length} bytes is over the limit of ${limit} bytes (NIANBAO_MAX_IMPORT_BYTES=${maxImportBytes}).`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
            413,
          ),
        );
      }
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
  return createYoga({
    schema,
    context: createContextFactory({ orm: options.orm, reader: options.reader, apiTokens: new Set(options.apiTokens), maxImportBytes: options.maxImportBytes, searchCandidateLimit: options.searchCandidateLimit ?? DEFAULT_CANDIDATE_LIMIT }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // yoga's built-in check answers an empty 200 before any plugin runs; moved aside so /health and
    // /ready are ours and say what they checked.
    healthCheckEndpoint: '/health/yoga',
    // GraphiQL is served by the compression plugin, rendered offline and precompressed.
    graphiql: false,
    // node:http bodies are limited before yoga sees them (src/server/http.ts), fetch bodies by bodyLimit.
    maxRequestBodySize: false,
    logging: false,
    plugins: [probes(options.orm), bodyLimit(options.maxImportBytes), compression(), requestLog(options.logger), useGraphQlJit()],
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
