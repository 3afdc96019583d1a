/** The one context factory: a forked EntityManager per request, its loaders, and who is asking. */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OverflowMemo } from '../store/services/search.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Viewer {
  /** The request carried a valid API token: it may import and change reports. */
  canWrite: boolean;
  tokenPresented: boolean;
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
  apiTokens: ReadonlySet<string>;
  maxImportBytes: number;
  /** Matches per field that search ranks exactly before it answers newest first. */
  searchCandidateLimit: number;
}

export function viewerFromRequest(request: Request, apiTokens: ReadonlySet<string>): Viewer {
  const header = request.headers.get('authorization');
  if (!header) return { canWrite: false, tokenPresented: false };
  const token = /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
  return { canWrite: token !== undefined && apiTokens.has(token), tokenPresented: true };
}

export function createContextFactory(options: ContextOptions) {
  const searchOverflow = new OverflowMemo();
  return ({ request }: { request: Request }): Context => {
    const em = options.orm.em.fork() as EntityManager;
    const viewer = viewerFromRequest(request, options.apiTokens);
    return {
      em,
      loaders: createLoaders(em, viewer),
      viewer,
      limits: { maxImportBytes: options.maxImportBytes, searchCandidateLimit: options.searchCandidateLimit },
      searchOverflow,
    };
  };
}
