/**
 * Trusted documents (the GraphQL-over-HTTP convention): a client sends `documentId=sha256:<hex>`
 * instead of a GraphQL text, as `GET /graphql?documentId=…&variables=…` for reads (cacheable by
 * browsers and CDNs, see http-caching.ts) or in a POST body. The documents are those of a manifest
 * (hex hash → text), by default the one the SDK's build writes. Other texts stay allowed unless
 * NIANBAO_TRUSTED_DOCUMENTS_ONLY is set.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

export class TrustedDocumentsError extends Error {}

/** The manifest's documents by id (`sha256:<hex>`); every hash is checked against its text. */
export function loadTrustedDocuments(file: string): Map<string, string> {
  if (!existsSync(file)) throw new TrustedDocumentsError(`No trusted documents manifest at ${file}: build the SDK (npm run build) or set NIANBAO_TRUSTED_DOCUMENTS_FILE.`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TrustedDocumentsError(`The trusted documents manifest ${file} is not JSON: ${(error as Error).message}`);
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) throw new TrustedDocumentsError(`The trusted documents manifest ${file} must be an object of sha256 hex hash → document text.`);
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string' || createHash('sha256').update(text, 'utf8').digest('hex') !== hash.toLowerCase()) {
      throw new TrustedDocumentsError(`The trusted documents manifest ${file}: the entry ${hash.slice(0, 16)}… is not the sha256 of its text.`);
    }
    documents.set(`sha256:${hash.toLowerCase()}`, text);
  }
  return documents;
}

/** documentId from the POST body, else from the URL (yoga's GET parser keeps only the standard parameters). */
function documentIdOf(params: Record<string, unknown>, request: Request): string | null {
  const given = typeof params.documentId === 'string' ? params.documentId : request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null;
  if (!given) return null;
  return given.startsWith('sha256:') ? given.toLowerCase() : `sha256:${given.toLowerCase()}`;
}

const error = (message: string, code: string, status = 400) => ({ message, extensions: { code, http: { status } } });

export function trustedDocuments(documents: ReadonlyMap<string, string>, only: boolean): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => documents.get(id) ?? null,
    allowArbitraryOperations: !only,
    extractPersistedOperationId: (params, request) => documentIdOf(params as Record<string, unknown>, request),
    customErrors: {
      notFound: error('Unknown documentId: this service trusts the documents of its SDK manifest (persisted-documents.json) only; send the query text, or a documentId of that manifest.', 'PERSISTED_QUERY_NOT_FOUND'),
      keyNotFound: error('Send a GraphQL document as `query`, or a trusted document as `documentId=sha256:<hex>`.', 'BAD_REQUEST'),
      persistedQueryOnly: error('This service runs only trusted documents (NIANBAO_TRUSTED_DOCUMENTS_ONLY): send `documentId=sha256:<hex>` of a document of the SDK manifest, not a query text.', 'PERSISTED_QUERY_ONLY', 403),
    },
  }) as Plugin;
}
