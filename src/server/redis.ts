/**
 * A Redis connection for what must never wait on Redis (rate limits, the response cache): commands
 * fail at once while it is disconnected (the caller then goes on without it), after a first
 * connection the first requests wait for briefly.
 */
import { Redis } from 'ioredis';

export interface FailFastRedis {
  redis: Redis;
  /** Resolves when the first connection is made, or after a second; at once when already past it. */
  connected(): Promise<unknown> | undefined;
}

export function failFastRedis(url: string): FailFastRedis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  redis.on('error', () => undefined);
  const firstConnection = new Promise((resolve) => {
    redis.once('ready', resolve);
    setTimeout(resolve, 1_000).unref();
  });
  return { redis, connected: () => (['wait', 'connecting', 'connect'].includes(redis.status) ? firstConnection : undefined) };
}
