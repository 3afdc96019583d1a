/**
 * The one context factory: who is asking, the read pool and its per-request loaders (reads), and a
 * forked EntityManager (writes).
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { languageOf, type Language } from '../format/index.js';
import type { ReadPool } from '../store/read-pool.js';
import type { Writer } from '../store/services/api-tokens.js';
import { readReport, type ImportRequest, type ReadReport } from '../store/services/read-report.js';
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
  /** Writes (and the services that still read through the ORM). */
  em: EntityManager;
  /** Reads: prepared statements that return the shapes served. */
  reader: ReadPool;
  loaders: Loaders;
  viewer: Viewer;
  limits: { maxImportBytes: number; searchCandidateLimit: number };
  /** Shared by every request of the service: words too common to rank (see OverflowMemo). */
  searchOverflow: OverflowMemo;
  /** The language of finding messages: Chinese unless Accept-Language prefers English. */
  language: Language;
  /** Reads and checks an import (readReport), in the service's parse worker when it has one. */
  parse: (request: ImportRequest) => Promise<ReadReport>;
}

export interface ContextOptions {
  orm: MikroORM;
  reader: ReadPool;
  authenticate: Authenticate;
  maxImportBytes: number;
  /** Matches per field that search ranks exactly before it answers newest first. */
  searchCandidateLimit: number;
  /** See Context.parse; default: readReport in this thread. */
  parse?: (request: ImportRequest) => Promise<ReadReport>;
}

const ANONYMOUS: Viewer = { canWrite: false, tokenPresented: false };

export async function viewerFromRequest(request: Request, authenticate: Authenticate): Promise<Viewer> {
  if (!request.headers.get('authorization')) return ANONYMOUS;
  const writer = await authenticate(request);
  return { canWrite: writer !== null, tokenPresented: true, writer: writer ?? undefined };
}

/**
 * The EntityManager and the loaders are made on first use (most requests only read, and many need
 * no loader). They are defined as getters on yoga's own context object: yoga merges what a factory
 * returns with Object.assign, which would call the getters at once.
 */
export function createContextFactory(options: ContextOptions) {
  const searchOverflow = new OverflowMemo();
  const limits = { maxImportBytes: options.maxImportBytes, searchCandidateLimit: options.searchCandidateLimit };
  const parse = options.parse ?? readReport;
  const build = (initial: { request: Request }, viewer: Viewer): Omit<Context, 'em' | 'loaders'> => {
    let em: EntityManager | undefined;
    let loaders: Loaders | undefined;
    // With a token a request may write, then read what it wrote, or read drafts being edited: the
    // primary answers it, never a replica that may not have replayed the write yet.
    const reader = viewer.tokenPresented ? options.reader.onPrimary() : options.reader;
    Object.defineProperties(initial, {
      em: { get: () => (em ??= options.orm.em.fork() as EntityManager), configurable: true },
      loaders: { get: () => (loaders ??= createLoaders(reader, viewer)), configurable: true },
    });
    return { reader, viewer, limits, searchOverflow, parse, language: languageOf(initial.request.headers.get('accept-language')) };
  };
  // Public reads (no token) take the synchronous path: no lookup, no await.
  return (initial: { request: Request }) =>
    initial.request.headers.get('authorization') ? viewerFromRequest(initial.request, options.authenticate).then((viewer) => build(initial, viewer)) : build(initial, ANONYMOUS);
}
