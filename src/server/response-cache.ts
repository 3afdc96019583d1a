/**
 * Response cache for public reads (@graphql-yoga/plugin-response-cache): a query without an
 * Authorization header is answered from the cache when the same document and variables were
 * answered at the current data version (src/store/data-version.ts). The version is part of every key
 * and a key of an older version is never served (nor answered 304), so every committed write —
 * import, correction, publication, deletion, agency or region change, from any instance or the CLI
 * — retires all cached answers at once; entries of old versions simply expire. Token-bearing requests
 * (the only ones that may see drafts) never read or fill the cache. While the version cannot be
 * followed, nothing is cached. The app's afterWrite plugin makes a mutation's own instance see it at once.
 *
 * In memory by default (LRU); in Redis when REDIS_URL is set, shared by every instance. An
 * unreachable Redis is a miss, never an error.
 */
import { createInMemoryCache, hashSHA256, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { failFastRedis } from './redis.js';
import type { DataVersion } from '../store/data-version.js';
import { languageOf } from '../format/index.js';

export interface ResponseCacheOptions {
  dataVersion: DataVersion;
  /** How long an answer is kept at most (a safety net: a new version retires it before). */
  ttlMs: number;
  /** Shared cache; absent: this process's memory. */
  redisUrl?: string;
  /** Prefix of the Redis keys; default nianbao:response:. */
  redisPrefix?: string;
  /** Entries kept in memory (LRU). */
  maxEntries?: number;
  /** Told of every public query: served from the cache or not. */
  onLookup?: (hit: boolean) => void;
}

export interface ResponseCache {
  /** In this order, before graphql-jit. */
  plugins: Plugin[];
  close(): Promise<void>;
}

const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

export const isPublicRequest = (request: Request) => !request.headers.has('authorization');

/** `v<version>:<hash>`: the version an answer was computed at, then yoga's key (document, variables, operation). */
function versionOf(key: string): number | null {
  const match = /^v(\d+):/.exec(key);
  return match ? Number(match[1]) : null;
}

/** Only entries of the current version are ever read. */
function current(cache: Cache, dataVersion: DataVersion): Cache {
  return {
    get: (key) => (versionOf(key) !== null && versionOf(key) === dataVersion.current ? cache.get(key) : undefined),
    set: (key, data, entities, ttl) => (versionOf(key) === dataVersion.current ? cache.set(key, data, entities, ttl) : undefined),
    invalidate: () => undefined,
  };
}

function redisCache(url: string, prefix = 'nianbao:response:'): Cache & { stored(): Promise<unknown> | undefined; close(): void } {
  const { redis, connected } = failFastRedis(url);
  const pending = new Set<Promise<void>>();
  return {
    async get(key) {
      await connected();
      const stored = await redis.get(prefix + key).catch(() => null);
      return stored ? (JSON.parse(stored) as ExecutionResult<Record<string, unknown>>) : undefined;
    },
    set(key, data, _entities, ttl) {
      const writing = (async () => {
        await connected();
        await redis.set(prefix + key, JSON.stringify(data), 'PX', Math.max(1, Math.round(ttl))).catch(() => undefined);
      })();
      pending.add(writing);
      void writing.finally(() => pending.delete(writing));
      return writing;
    },
    // The plugin does not wait for set(): the answer waits instead, so that whoever asks next, on any
    // instance, finds it.
    stored: () => (pending.size ? Promise.all(pending) : undefined),
    invalidate: () => undefined,
    close: () => redis.disconnect(),
  };
}

export function responseCache(options: ResponseCacheOptions): ResponseCache {
  const { dataVersion } = options;
  const redis = options.redisUrl ? redisCache(options.redisUrl, options.redisPrefix) : undefined;
  const cache = current(redis ?? createInMemoryCache({ max: options.maxEntries ?? 2_000 }), dataVersion);
  const outcome = new WeakMap<Request, boolean>();
  const keys = new WeakMap<Request, string>();
  const executing = new WeakSet<Request>();
  const queries = new WeakSet<Request>();
  const enabled = (request: Request) => isPublicRequest(request) && dataVersion.current !== null;

  // The plugin looks answers up (before parsing) and answers 304. Its own storing wraps execution
  // to rewrite the document (adding __typename and id everywhere, for entity invalidation we do
  // not need), which graphql-jit's executor, installed after it, bypasses anyway: it is switched
  // off once execution starts, and storeAnswers keeps the answer instead.
  const lookUpAnswers = useResponseCache({
    session: () => null,
    enabled: (request) => enabled(request) && !executing.has(request),
    ttl: options.ttlMs,
    cache,
    invalidateViaMutation: false,
    // The version is read before the query runs: an answer computed while a write commits is filed
    // under the version before it, which that write retires.
    async buildResponseCacheKey({ documentString, variableValues, operationName, request }) {
      // Finding messages follow Accept-Language: a Chinese answer is never served for English, nor the reverse.
      const language = languageOf(request.headers.get('accept-language'));
      const hash = await hashSHA256(`${documentString}|${JSON.stringify(variableValues ?? {})}|${operationName ?? ''}|${language}`);
      const key = `v${dataVersion.current ?? 0}:${hash}`;
      keys.set(request, key);
      return key;
    },
  });
  const startExecution: Plugin = {
    onExecute({ args }) {
      const request = (args.contextValue as { request: Request }).request;
      executing.add(request);
      if (getOperationAST(args.document, args.operationName)?.operation === 'query') queries.add(request);
    },
  };
  const storeAnswers: Plugin = {
    onExecutionResult({ request, result }) {
      const key = keys.get(request);
      if (!key || !queries.has(request) || !enabled(request) || !result || Symbol.asyncIterator in result || result.errors?.length) return;
      const headers = (((result.extensions ??= {}) as { http?: { headers?: Record<string, string> } }).http ??= {}).headers ??= {};
      headers.ETag = key;
      headers['Last-Modified'] = new Date().toUTCString();
      void cache.set(key, result, [], options.ttlMs);
    },
    async onResponse({ request }) {
      if (outcome.get(request) === false) await redis?.stored();
    },
    onResultProcess({ request, result }) {
      if (!enabled(request) || Array.isArray(result)) return;
      const hit = Boolean((result as Record<symbol, unknown>)[SERVED_FROM_CACHE]);
      outcome.set(request, hit);
      options.onLookup?.(hit);
    },
  };
  return {
    plugins: [startExecution, lookUpAnswers, storeAnswers],
    async close() {
      redis?.close();
    },
  };
}
