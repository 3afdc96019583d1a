/**
 * Compressed responses: the GraphiQL page from its precompressed copies, GraphQL answers of 1 KB
 * or more compressed on the way out (brotli or gzip, whichever the client prefers, at fast
 * settings: a report page of 11 KB costs well under 0.1 ms).
 */
import { brotliCompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { graphiqlPage } from './graphiql.js';

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (Accept-Encoding, with q-values), or null for none. */
export function chooseEncoding(header: string | null): Encoding | null {
  if (!header) return null;
  let best: { encoding: Encoding; q: number } | null = null;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (!(q > 0)) continue;
    const candidates: Encoding[] = name === '*' ? ['br', 'gzip'] : name === 'br' || name === 'gzip' ? [name] : [];
    for (const encoding of candidates) {
      // Equal preference: brotli, the smaller.
      if (!best || q > best.q || (q === best.q && encoding === 'br' && best.encoding === 'gzip')) best = { encoding, q };
    }
  }
  return best?.encoding ?? null;
}

const MIN_BYTES = 1024;

function compress(body: Uint8Array, encoding: Encoding): Uint8Array {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 5 });
}

function wantsGraphiQL(request: Request, url: URL): boolean {
  return request.method === 'GET' && url.pathname === '/graphql' && (request.headers.get('accept') ?? '').includes('text/html');
}

export function compression(): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!wantsGraphiQL(request, url)) return;
      const page = await graphiqlPage();
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      const body = (encoding ? page[encoding] : gunzipSync(page.gzip)) as Uint8Array<ArrayBuffer>;
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', vary: 'Accept-Encoding', 'cache-control': 'public, max-age=3600' };
      if (encoding) headers['content-encoding'] = encoding;
      endResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      // JSON answers only: a streamed download (JSON Lines, CSV, XLSX) must not be read whole into memory.
      if (response.headers.has('content-encoding') || !/^application\/(graphql-response\+)?json\b/.test(response.headers.get('content-type') ?? '')) return;
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return;
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.length < MIN_BYTES) {
        setResponse(new fetchAPI.Response(body, { status: response.status, headers: response.headers }));
        return;
      }
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-encoding', encoding);
      headers.append('vary', 'Accept-Encoding');
      headers.delete('content-length');
      setResponse(new fetchAPI.Response(compress(body, encoding) as Uint8Array<ArrayBuffer>, { status: response.status, headers }));
    },
  };
}
