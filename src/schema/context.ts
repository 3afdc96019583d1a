/** The one context factory: a forked EntityManager per request, its loaders, and who is asking. */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Writer } from '../store/services/api-tokens.js';
import { OverflowMemo } from '../store/services/search.js';
import type { Authenticate } from './authenticate.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Viewer {
  /** The request carried a valid API token: it may import and change reports (of its scope). */
  canWrite: boolean;
  tokenPresented: boolean;
  /** Who writes: the token's name, role and scope. */
  writer?: Writer;
}

export interface Context {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer;
  limits: { maxImportBytes: number; searchCandidateLimit: number };
  /** Shared by every request of the service: words too common to rank (see OverflowMemo). */
  searchOverflow: OverflowMemo;
}

export interface ContextOptions {
  orm: MikroORM;
  authenticate: Authenticate;
  maxImportBytes: number;
  /** Matches per field that search ranks exactly before it answers newest first. */
  searchCandidateLimit: number;
}

export async function viewerFromRequest(request: Request, authenticate: Authenticate): Promise<Viewer> {
  if (!request.headers.get('authorization')) return { canWrite: false, tokenPresented: false };
  const writer = await authenticate(request);
  return { canWrite: writer !== null, tokenPresented: true, writer: writer ?? undefined };
}

export function createContextFactory(options: ContextOptions) {
  const searchOverflow = new OverflowMemo();
  return async ({ request }: { request: Request }): Promise<Context> => {
    const em = options.orm.em.fork() as EntityManager;
    const viewer = await viewerFromRequest(request, options.authenticate);
    return {
      em,
      loaders: createLoaders(em, viewer),
      viewer,
      limits: { maxImportBytes: options.maxImportBytes, searchCandidateLimit: options.searchCandidateLimit },
      searchOverflow,
    };
  };
}
