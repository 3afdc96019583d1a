/**
 * Who a request acts as: a token of NIANBAO_API_TOKENS (an ADMIN), or a stored token looked up by the
 * hash of its secret. Looked up once per request, shared by the body limit, the rate limit and the
 * GraphQL context.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { adminWriter, writerForSecret, type Writer } from '../store/services/api-tokens.js';

export type Authenticate = (request: Request) => Promise<Writer | null>;

export const bearerToken = (request: Request) => /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];

export function createAuthenticator(orm: MikroORM, configuredTokens: readonly string[]): Authenticate {
  const configured = new Map(configuredTokens.map((token, i) => [token, adminWriter(`NIANBAO_API_TOKENS #${i + 1}`)]));
  const known = new WeakMap<Request, Promise<Writer | null>>();
  const resolve = async (request: Request): Promise<Writer | null> => {
    const token = bearerToken(request);
    if (token === undefined) return null;
    const writer = configured.get(token);
    if (writer) return writer;
    // A database that cannot be asked accepts no stored token; the write fails, the request does not crash.
    return token.length <= 200 ? writerForSecret(orm.em.fork(), token).catch(() => null) : null;
  };
  return (request) => {
    let writer = known.get(request);
    if (!writer) known.set(request, (writer = resolve(request)));
    return writer;
  };
}
