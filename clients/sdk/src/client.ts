/**
 * createNianbaoClient: the generated SDK (one typed function per operation) over a small
 * GraphQL-over-HTTP requester, plus the paginated walk over `reports`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import { NianbaoError, type NianbaoGraphQLError } from './errors.js';
import type { ReportsQuery, ReportsQueryVariables } from './generated/graphql.js';
import { operationSources } from './generated/operation-sources.js';
import { persistedDocumentIds } from './generated/persisted-documents.js';
import { getSdk } from './generated/sdk.js';
import { walkConnection } from './paginate.js';
import { AttemptAborted, backoff, isQueryOnly, withTimeout } from './retry.js';
import { defaultFetch, type FetchLike, type PlatformAbortSignal } from './transport.js';

export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export interface NianbaoClientOptions {
  /** The GraphQL endpoint, e.g. https://nianbao.example.cn/graphql. */
  endpoint: string;
  /** API token for mutations, sent as `Authorization: Bearer …`; a function is asked before every call (token refresh). */
  token?: TokenSource;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** A fetch implementation; the global fetch by default. */
  fetch?: FetchLike;
  /**
   * Send trusted document ids instead of GraphQL texts (the server knows them from this SDK's
   * persisted-documents.json): reads as `GET ?documentId=sha256:…&variables=…`, which browsers and
   * CDNs may cache, writes as POST. Needed when the server accepts trusted documents only.
   */
  persisted?: boolean;
  /** Milliseconds one attempt may take before it is abandoned (error TIMEOUT); default 30000, 0 for none. */
  timeoutMs?: number;
  /**
   * How often a query is tried again after a network error, a timeout, or HTTP 429/502/503/504; default 2.
   * Mutations are never retried: a lost answer does not mean the change was not made.
   */
  retries?: number;
  /** The first wait before a retry, in ms; each further retry waits up to twice as long (random jitter). Default 300. */
  retryDelayMs?: number;
}

/** Per-call options, the last argument of every operation. */
export interface RequestOptions {
  headers?: Record<string, string>;
  /** Aborts the call (and any retry) at once: error ABORTED. */
  signal?: PlatformAbortSignal;
  /** Overrides the client's timeoutMs for this call. */
  timeoutMs?: number;
  /** Overrides the client's retries for this call (queries only). */
  retries?: number;
}

/**
 * A document of one's own: a TypedDocumentNode (from the exported `graphql()` tag, graphql-tag or
 * one's own codegen, with its source text in `loc`), a TypedDocumentString (codegen
 * `documentMode: 'string'`), or plain text (then type the result with request<Result, Variables>).
 */
export type OwnDocument<R, V> = TypedDocumentNode<R, V> | (string & { __apiType?: (variables: V) => R }) | { toString(): string; __apiType?: (variables: V) => R };

export type ReportNode = ReportsQuery['reports']['edges'][number]['node'];
export type AllReportsVariables = Omit<ReportsQueryVariables, 'first' | 'after' | 'last' | 'before'> & {
  /** Reports per request (1–100, default 100). */
  pageSize?: number;
};

export type NianbaoOperations = ReturnType<typeof getSdk<RequestOptions>>;
export interface NianbaoClient extends NianbaoOperations {
  /**
   * Sends a document of one's own (fields the SDK's operations leave out: interchange, sourceText,
   * section(code:), single cells…), typed by the document. Queries are retried like the SDK's own.
   */
  request<R, V extends Record<string, unknown> = Record<string, never>>(document: OwnDocument<R, V>, variables?: V, options?: RequestOptions): Promise<R>;
  /** Every report matching the filter, fetched page by page as the loop consumes them. */
  allReports(variables?: AllReportsVariables, options?: RequestOptions): AsyncGenerator<ReportNode, void, undefined>;
}

function operationNameOf(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  }
  return undefined;
}

/** The text to send and the operation's name (for messages) of any document the client accepts. */
function sourceOf(document: DocumentNode | OwnDocument<unknown, never>): { query: string; operationName?: string } {
  if (typeof document === 'object' && document !== null && 'kind' in document && (document as DocumentNode).kind === 'Document') {
    const node = document as DocumentNode;
    const operationName = operationNameOf(node);
    const query = (operationName !== undefined ? operationSources[operationName] : undefined) ?? node.loc?.source.body;
    if (query === undefined) throw new TypeError(`${operationName ?? 'This document'} has no source text: build it with the graphql() tag, graphql-tag, or codegen's documentMode 'string'`);
    return { query, operationName };
  }
  const query = String(document);
  return { query, operationName: /(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] };
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

interface GraphQLResponseBody {
  data?: unknown;
  errors?: NianbaoGraphQLError[];
}

function parseBody(text: string): GraphQLResponseBody | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === 'object' ? (body as GraphQLResponseBody) : undefined;
  } catch {
    return undefined;
  }
}

/** A trusted document's request: a query as GET with its id and variables in the URL, anything else as POST. */
function persistedRequest(operationName: string, query: string, variables: unknown, headers: Record<string, string>): { method: string; headers: Record<string, string>; body?: string; search?: string } {
  const documentId = persistedDocumentIds[operationName];
  if (documentId === undefined) throw new TypeError(`${operationName} has no trusted document id`);
  if (query.startsWith('query')) {
    const { 'content-type': _omitted, ...getHeaders } = headers;
    const search = `documentId=${encodeURIComponent(documentId)}&operationName=${encodeURIComponent(operationName)}&variables=${encodeURIComponent(JSON.stringify(variables ?? {}))}`;
    return { method: 'GET', headers: getHeaders, search };
  }
  return { method: 'POST', headers, body: JSON.stringify({ documentId, variables: variables ?? {}, operationName }) };
}

export function createNianbaoClient(options: NianbaoClientOptions): NianbaoClient {
  const { endpoint } = options;
  const fetchImpl = options.fetch ?? defaultFetch();

  /** One attempt: an HTTP POST and its answer, as data or a NianbaoError. */
  async function attempt<R>(query: string, operationName: string | undefined, variables: unknown, call: RequestOptions, signal: PlatformAbortSignal | undefined): Promise<R> {
    const name = operationName ?? 'request';
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...options.headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...call.headers,
    };
    let response;
    try {
      // The SDK's own operations go as trusted document ids when asked; a document of one's own as text.
      const trusted = options.persisted && operationName !== undefined && persistedDocumentIds[operationName] !== undefined && operationSources[operationName] === query;
      const init = trusted ? persistedRequest(operationName, query, variables, headers) : { method: 'POST', headers, body: JSON.stringify({ query, variables: variables ?? {}, ...(operationName ? { operationName } : {}) }) };
      const url = init.search ? `${endpoint}${endpoint.includes('?') ? '&' : '?'}${init.search}` : endpoint;
      response = await fetchImpl(url, signal ? { ...init, signal } : init);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new NianbaoError({ kind: 'network', code: 'NETWORK_ERROR', message: `${name}: could not reach ${endpoint}: ${reason}`, operationName: name, cause });
    }
    const text = await response.text();
    const body = parseBody(text);
    // GraphQL errors win over the status: yoga answers 400 for invalid operations, with errors.
    if (body && Array.isArray(body.errors) && body.errors.length > 0) {
      throw NianbaoError.fromGraphQL(name, body.errors, response.status, body.data ?? undefined);
    }
    if (!response.ok) {
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      throw new NianbaoError({ kind: 'http', code: 'HTTP_ERROR', message: `${name}: ${status} from ${endpoint}`, operationName: name, status: response.status });
    }
    if (!body || body.data === undefined || body.data === null) {
      throw new NianbaoError({
        kind: 'response',
        code: 'BAD_RESPONSE',
        message: `${name}: ${endpoint} did not answer with GraphQL data: ${text.slice(0, 200)}`,
        operationName: name,
        status: response.status,
      });
    }
    return body.data as R;
  }

  const retriable = (error: unknown) =>
    error instanceof NianbaoError && (error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT' || (error.code === 'HTTP_ERROR' && RETRY_STATUSES.has(error.status ?? 0)));

  /** Attempts with a timeout each; queries are tried again after a transient failure, with backoff. */
  async function send<R>(document: DocumentNode | OwnDocument<unknown, never>, variables: unknown, call: RequestOptions = {}): Promise<R> {
    const { query, operationName } = sourceOf(document);
    const name = operationName ?? 'request';
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? 30_000;
    const retries = isQueryOnly(query) ? Math.max(0, call.retries ?? options.retries ?? 2) : 0;
    for (let retry = 0; ; retry++) {
      try {
        return await withTimeout((signal) => attempt<R>(query, operationName, variables, call, signal), timeoutMs, call.signal);
      } catch (caught) {
        const error =
          caught instanceof AttemptAborted
            ? new NianbaoError({
                kind: 'network',
                code: caught.reason === 'timeout' ? 'TIMEOUT' : 'ABORTED',
                message: caught.reason === 'timeout' ? `${name}: no answer from ${endpoint} within ${timeoutMs} ms` : `${name}: aborted`,
                operationName: name,
              })
            : caught;
        if (retry >= retries || !retriable(error)) throw error;
        try {
          await backoff(retry, options.retryDelayMs ?? 300, call.signal);
        } catch {
          throw new NianbaoError({ kind: 'network', code: 'ABORTED', message: `${name}: aborted`, operationName: name });
        }
      }
    }
  }

  const request = <R, V>(document: DocumentNode, variables?: V, call?: RequestOptions) => send<R>(document, variables, call);

  const operations = getSdk<RequestOptions>(request);
  return {
    ...operations,
    request: (document, variables, call) => send(document as DocumentNode | OwnDocument<unknown, never>, variables, call),
    allReports({ pageSize = 100, ...variables } = {}, call) {
      return walkConnection(async (after) => (await operations.reports({ ...variables, first: pageSize, after }, call)).reports);
    },
  };
}
