/**
 * Cross-origin calls. Reads are public, so by default any page may call the API, but without
 * credentials (yoga's default would echo any origin and allow them). With NIANBAO_CORS_ORIGINS,
 * only those origins may call, credentials allowed.
 */
import type { CORSOptions } from 'graphql-yoga';

export function corsOptions(origins: readonly string[]): CORSOptions {
  const common = { methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'], maxAge: 600 };
  if (!origins.length) return { ...common, credentials: false };
  return { ...common, origin: [...origins], credentials: true };
}
