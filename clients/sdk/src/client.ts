/**
 * createNianbaoClient: the generated SDK (one typed function per operation) over a small
 * GraphQL-over-HTTP requester, plus the paginated walk over `reports`.
 */
import type { DocumentNode } from 'graphql';
import { NianbaoError, type NianbaoGraphQLError } from './errors.js';
import type { ReportsQuery, ReportsQueryVariables } from './generated/graphql.js';
import { operationSources } from './generated/operation-sources.js';
import { persistedDocumentIds } from './generated/persisted-documents.js';
import { getSdk } from './generated/sdk.js';
import { walkConnection } from './paginate.js';
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
}

/** Per-call options, the last argument of every operation. */
export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: PlatformAbortSignal;
}

export type ReportNode = ReportsQuery['reports']['edges'][number]['node'];
export type AllReportsVariables = Omit<ReportsQueryVariables, 'first' | 'after' | 'last' | 'before'> & {
  /** Reports per request (1–100, default 100). */
  pageSize?: number;
};

export type NianbaoOperations = ReturnType<typeof getSdk<RequestOptions>>;
export interface NianbaoClient extends NianbaoOperations {
  /** Every report matching the filter, fetched page by page as the loop consumes them. */
  allReports(variables?: AllReportsVariables, options?: RequestOptions): AsyncGenerator<ReportNode, void, undefined>;
}

function operationNameOf(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  }
  throw new TypeError('Document has no named operation');
}

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

  async function request<R, V>(document: DocumentNode, variables?: V, call: RequestOptions = {}): Promise<R> {
    const operationName = operationNameOf(document);
    const query = operationSources[operationName];
    if (query === undefined) throw new TypeError(`${operationName} is not an operation of this SDK`);
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
      const init = options.persisted ? persistedRequest(operationName, query, variables, headers) : { method: 'POST', headers, body: JSON.stringify({ query, variables: variables ?? {}, operationName }) };
      const url = init.search ? `${endpoint}${endpoint.includes('?') ? '&' : '?'}${init.search}` : endpoint;
      response = await fetchImpl(url, call.signal ? { ...init, signal: call.signal } : init);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new NianbaoError({ kind: 'network', code: 'NETWORK_ERROR', message: `${operationName}: could not reach ${endpoint}: ${reason}`, operationName, cause });
    }
    const text = await response.text();
    const body = parseBody(text);
    // GraphQL errors win over the status: yoga answers 400 for invalid operations, with errors.
    if (body && Array.isArray(body.errors) && body.errors.length > 0) {
      throw NianbaoError.fromGraphQL(operationName, body.errors, response.status, body.data ?? undefined);
    }
    if (!response.ok) {
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      throw new NianbaoError({ kind: 'http', code: 'HTTP_ERROR', message: `${operationName}: ${status} from ${endpoint}`, operationName, status: response.status });
    }
    if (!body || body.data === undefined || body.data === null) {
      throw new NianbaoError({
        kind: 'response',
        code: 'BAD_RESPONSE',
        message: `${operationName}: ${endpoint} did not answer with GraphQL data: ${text.slice(0, 200)}`,
        operationName,
        status: response.status,
      });
    }
    return body.data as R;
  }

  const operations = getSdk<RequestOptions>(request);
  return {
    ...operations,
    allReports({ pageSize = 100, ...variables } = {}, call) {
      return walkConnection(async (after) => (await operations.reports({ ...variables, first: pageSize, after }, call)).reports);
    },
  };
}
