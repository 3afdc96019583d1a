/**
 * Rate limits per API token and per client address: a fixed window of one minute, counted in memory,
 * or in Redis when REDIS_URL is set so every instance of the service shares the count. Over the
 * limit: 429 with Retry-After, before the body is read. An unreachable Redis lets requests through
 * (logged): a limit must not become the outage.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { bearerToken } from '../schema/authenticate.js';
import type { Logger } from './logger.js';
import { failFastRedis } from './redis.js';

export interface RateLimitStore {
  /** Counts one request for `key`; returns the count in the current window and the ms until it ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  close(): Promise<void>;
}

export function memoryStore(): RateLimitStore {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      // Forget ended windows now and then, so a flood of addresses cannot grow the map for ever.
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.endsAt <= now) windows.delete(k);
      let window = windows.get(key);
      if (!window || window.endsAt <= now) windows.set(key, (window = { count: 0, endsAt: now + windowMs }));
      window.count++;
      return { count: window.count, resetMs: window.endsAt - now };
    },
    async close() {},
  };
}

const HIT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {c, ttl}`;

export function redisStore(url: string, prefix = 'nianbao:rate:'): RateLimitStore {
  const { redis, connected } = failFastRedis(url);
  return {
    async hit(key, windowMs) {
      await connected();
      const [count, resetMs] = (await redis.eval(HIT, 1, prefix + key, windowMs)) as [number, number];
      return { count, resetMs };
    },
    async close() {
      redis.disconnect();
    },
  };
}

export interface RateLimitOptions {
  store: RateLimitStore;
  /** Requests per window from one client address without a valid token; 0: no limit. */
  perAddress: number;
  /** Requests per window with one valid API token; 0: no limit. */
  perToken: number;
  windowMs?: number;
  /** Behind a reverse proxy: the client is the first address of X-Forwarded-For. */
  trustProxy?: boolean;
}

function clientAddress(request: Request, serverContext: unknown, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwarded || (serverContext as { req?: IncomingMessage }).req?.socket?.remoteAddress || 'unknown';
}

export function rateLimit(options: RateLimitOptions, mayWrite: (request: Request) => boolean | Promise<boolean>, logger: Logger): Plugin {
  const windowMs = options.windowMs ?? 60_000;
  let warned = false;
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== '/graphql') return;
      // A token that does not check out counts against the address: inventing tokens buys no quota.
      const token = bearerToken(request);
      const byToken = token !== undefined && (await mayWrite(request));
      const limit = byToken ? options.perToken : options.perAddress;
      if (!limit) return;
      const key = byToken ? `token:${createHash('sha256').update(token!).digest('hex').slice(0, 32)}` : `addr:${clientAddress(request, serverContext, options.trustProxy ?? false)}`;
      let counted: { count: number; resetMs: number };
      try {
        counted = await options.store.hit(key, windowMs);
      } catch (error) {
        if (!warned) logger.warn('rate limit store unavailable: requests are not limited meanwhile', { error: (error as Error).message });
        warned = true;
        return;
      }
      warned = false;
      if (counted.count <= limit) return;
      const retryAfter = Math.max(1, Math.ceil(counted.resetMs / 1000));
      const message = `Too many requests: at most ${limit} per ${windowMs / 1000} s ${byToken ? 'per API token' : 'per client address'}. Retry in ${retryAfter} s.`;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'RATE_LIMITED' } }] }), {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) },
        }),
      );
    },
  };
}
