/**
 * HTTP caching of GraphQL answers: a public read sent as GET (a trusted document, see
 * trusted-documents.ts) whose answer the response cache keeps carries its ETag and may be kept by
 * browsers and CDNs for a short while; the response cache answers 304 to a matching If-None-Match.
 * Whatever carries a token (drafts, writes) is never stored by anyone.
 */
import type { Plugin } from 'graphql-yoga';
import { isPublicRequest } from './response-cache.js';

export function httpCaching(maxAgeSeconds: number): Plugin {
  return {
    onResponse({ request, response }) {
      if (!isPublicRequest(request)) {
        response.headers.set('cache-control', 'private, no-store');
        return;
      }
      if (request.method !== 'GET' || !(response.status === 304 || (response.status === 200 && response.headers.has('etag')))) return;
      response.headers.set('cache-control', `public, max-age=${maxAgeSeconds}`);
      // A shared cache must not hand a public answer to a request with a token, nor the other way round.
      response.headers.append('vary', 'Authorization');
    },
  };
}
