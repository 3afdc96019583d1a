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

/**
 * The EntityManager and the loaders are made on first use (most requests only read, and many need
 * no loader). They are defined as getters on yoga's own context object: yoga merges what a factory
 * returns with Object.assign, which would call the getters at once.
 */
export function createContextFactory(options: ContextOptions) {
  const searchOverflow = new OverflowMemo();
  const limits = { maxImportBytes: options.maxImportBytes, searchCandidateLimit: options.searchCandidateLimit };
  return (initial: { request: Request }): Omit<Context, 'em' | 'loaders'> => {
    const viewer = viewerFromRequest(initial.request, options.apiTokens);
    let em: EntityManager | undefined;
    let loaders: Loaders | undefined;
    Object.defineProperties(initial, {
      em: { get: () => (em ??= options.orm.em.fork() as EntityManager), configurable: true },
      loaders: { get: () => (loaders ??= createLoaders(options.reader, viewer)), configurable: true },
    });
    return { reader: options.reader, viewer, limits, searchOverflow };
  };
}
