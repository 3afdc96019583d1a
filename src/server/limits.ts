/**
 * Request limits enforced before any work: body size, GraphQL document size and shape (GraphQL
 * Armor), and the number of variables. A hostile request must cost less to refuse than a trivial
 * query costs to answer, so each check runs before parsing, validation or SQL.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The SDK's largest operation (statistics with its fragments) is about 540 tokens; GraphiQL's introspection 190. */
export const MAX_TOKENS = 2_000;
export const MAX_ALIASES = 30;
export const MAX_DIRECTIVES = 10;
export const MAX_DEPTH = 20;
export const MAX_VARIABLES = 100;

type FetchAPI = { Response: typeof Response; Request: typeof Request };

/** A GraphQL error answered with an HTTP status (yoga reads `extensions.http`). */
export function limitError(message: string, code: string, status: number, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}

/** The rest of an oversized body is never read: the connection closes, so no client reuses it mid-upload. */
function tooLargeResponse(fetchAPI: FetchAPI, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }), {
    status: 413,
    headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
  });
}

/** Reads at most `limit` bytes of the body; null when there are more (the rest is never read). */
async function readBody(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export interface BodyLimitOptions {
  /** Any request. */
  maxRequestBytes: number;
  /** Requests with a valid write token: an import's content plus JSON and base64 overhead. */
  maxImportBytes: number;
  mayWrite(request: Request): boolean | Promise<boolean>;
}

/**
 * Only a token holder may send an import-sized body; everyone else gets the small limit. Checked on
 * Content-Length first (nothing read), then while the body streams in (chunked uploads have none).
 */
export function bodyLimit(options: BodyLimitOptions): Plugin {
  const importLimit = Math.ceil(options.maxImportBytes * 1.4) + 64 * 1024;
  const limits = new WeakMap<Request, number>();
  const tooLarge = (fetchAPI: FetchAPI, limit: number, length?: number) =>
    tooLargeResponse(
      fetchAPI,
      `Request body${length === undefined ? '' : ` of ${length} bytes`} is over the limit of ${limit} bytes${limit === importLimit ? ' (NIANBAO_MAX_IMPORT_BYTES)' : ' (NIANBAO_MAX_REQUEST_BYTES; imports need an API token)'}.`,
    );
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const limit = (await options.mayWrite(request)) ? Math.max(importLimit, options.maxRequestBytes) : options.maxRequestBytes;
      limits.set(request, limit);
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > limit) endResponse(tooLarge(fetchAPI, limit, length));
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const limit = limits.get(request);
      // A declared length was checked in onRequest, and HTTP delivers no more than it declares:
      // only bodies without one (chunked) are counted while they stream in.
      if (limit === undefined || !requestParser || request.headers.has('content-length')) return;
      setRequestParser(async (original) => {
        const body = await readBody(original, limit);
        if (body === null) return tooLarge(fetchAPI, limit);
        return requestParser(new fetchAPI.Request(original.url, { method: original.method, headers: original.headers, body: body as unknown as BodyInit }));
      });
    },
    onParams({ params }) {
      const count = params.variables && typeof params.variables === 'object' ? Object.keys(params.variables).length : 0;
      if (count > MAX_VARIABLES) throw limitError(`Too many variables: ${count}, at most ${MAX_VARIABLES}.`, 'QUERY_TOO_COMPLEX', 400);
    },
  };
}

/** Armor reports "Syntax Error: …" with no code; ours say what was refused, with a stable code. */
function coded(ctx: unknown, error: GraphQLError): void {
  const mutable = error as unknown as { message: string; extensions: Record<string, unknown> };
  mutable.message = `Request refused: ${error.message.replace(/^Syntax Error: /, '')} Ask for less in one request.`;
  mutable.extensions.code = 'QUERY_TOO_COMPLEX';
  void ctx;
}

/** Caps on tokens, aliases, directives and depth, checked while parsing and validating. */
export function documentLimits(): Plugin {
  const onReject = [coded];
  return EnvelopArmorPlugin({
    maxTokens: { n: MAX_TOKENS, onReject },
    maxAliases: { n: MAX_ALIASES, onReject, allowList: [] },
    maxDirectives: { n: MAX_DIRECTIVES, onReject },
    maxDepth: { n: MAX_DEPTH, onReject, flattenFragments: true, ignoreIntrospection: false },
    // Cost is Pothos's (src/schema/costs.ts), where field arguments are known.
    costLimit: { enabled: false },
    // The schema is public (introspection, schema.graphql): suggestions reveal nothing.
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}
