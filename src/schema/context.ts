/**
 * The one context factory: who is asking, the read pool and its per-request loaders (reads), and a
 * forked EntityManager (writes).
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ReadPool } from '../store/read-pool.js';
import { OverflowMemo } from '../store/services/search.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Viewer {
  /** The request carried a valid API token: it may import and change reports. */
  canWrite: boolean;
  tokenPresented: boolean;
}

export interface Context {
  /** Writes (and the services that still read through the ORM). */
  em: EntityManager;
  /** Reads: prepared statements that return the shapes served. */
  reader: ReadPool;
  loaders: Loaders;
  viewer: Viewer;
  limits: { maxImportBytes: number; searchCandidateLimit: number };
  /** Shared by every request of the service: words too common to rank (see OverflowMemo). */
  searchOverflow: OverflowMemo;
}

export interface ContextOptions {
  orm: MikroORM;
  reader: ReadPool;
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
    const viewer = viewerFromRequest(request, options.apiTokens);
    let em: EntityManager | undefined;
    return {
      // Forked on first use: most requests only read, through the read pool.
      get em() {
        return (em ??= options.orm.em.fork() as EntityManager);
      },
      reader: options.reader,
      loaders: createLoaders(options.reader, viewer),
      viewer,
      limits: { maxImportBytes: options.maxImportBytes, searchCandidateLimit: options.searchCandidateLimit },
      searchOverflow,
    };
  };
}
