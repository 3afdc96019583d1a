/** The HTTP application: GraphQL (yoga) at /graphql, plus /health and /ready. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createContextFactory } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { renderOfflineGraphiQL } from './graphiql.js';
import type { Logger } from './logger.js';

export interface AppOptions {
  orm: MikroORM;
  logger: Logger;
  apiTokens: readonly string[];
  maxImportBytes: number;
}

function probes(orm: MikroORM): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/health') {
        endResponse(Response.json({ status: 'ok' }));
      } else if (url.pathname === '/ready') {
        try {
          await orm.em.getConnection().execute('select 1');
          endResponse(fetchAPI.Response.json({ status: 'ready', database: 'reachable' }));
        } catch (error) {
          endResponse(fetchAPI.Response.json({ status: 'not ready', database: (error as Error).message }, { status: 503 }));
        }
      }
    },
  };
}

function requestLog(logger: Logger): Plugin {
  return {
    onRequest({ request, serverContext }) {
      (serverContext as Record<string, unknown>).startedAt = performance.now();
      void request;
    },
    onResponse({ request, response, serverContext }) {
      const started = (serverContext as Record<string, unknown>).startedAt as number | undefined;
      logger.info('request', {
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        ms: started === undefined ? undefined : Math.round((performance.now() - started) * 10) / 10,
      });
    },
  };
}

export function createApp(options: AppOptions) {
  return createYoga({
    schema,
    context: createContextFactory({ orm: options.orm, apiTokens: new Set(options.apiTokens), maxImportBytes: options.maxImportBytes }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Nianbao GraphiQL' },
    renderGraphiQL: renderOfflineGraphiQL,
    logging: false,
    plugins: [probes(options.orm), requestLog(options.logger)],
    maskedErrors: {
      maskError(error, message) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        if (original instanceof GraphQLError && original.extensions?.code) return error as GraphQLError;
        if (error instanceof GraphQLError && error.extensions?.code && !error.originalError) return error;
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
