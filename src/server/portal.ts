/**
 * The reference portal (clients/portal, built by `npm ci`'s postinstall) served at /portal: the
 * files of its dist folder, each read and compressed once (brotli and gzip) and kept in memory —
 * a few hundred kilobytes. Hashed assets are cached for a year, the page itself is revalidated.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { projectPath } from '../store/project-files.js';
import { chooseEncoding } from './compression.js';

export const PORTAL_DIST = projectPath('clients', 'portal', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

interface StaticFile {
  type: string;
  plain: Uint8Array;
  br: Uint8Array;
  gzip: Uint8Array;
  immutable: boolean;
}

export function portal(dist = PORTAL_DIST): Plugin {
  const files = new Map<string, Promise<StaticFile | null>>();
  const load = (relative: string) => {
    let found = files.get(relative);
    if (!found) {
      const path = resolve(dist, relative);
      // Nothing outside the dist folder, whatever the URL says.
      found = path.startsWith(dist.endsWith(sep) ? dist : dist + sep)
        ? readFile(path).then(
            (plain): StaticFile => ({
              type: TYPES[extname(path)] ?? 'application/octet-stream',
              plain,
              br: brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
              gzip: gzipSync(plain, { level: 9 }),
              immutable: relative.startsWith('assets/'),
            }),
            () => null,
          )
        : Promise.resolve(null);
      files.set(relative, found);
      // Only files that exist are kept: URLs that name nothing must not grow the map.
      void found.then((file) => file ?? files.delete(relative));
    }
    return found;
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/portal' && !url.pathname.startsWith('/portal/')) return;
      if (url.pathname === '/portal') {
        endResponse(new fetchAPI.Response(null, { status: 308, headers: { location: `/portal/${url.search}` } }));
        return;
      }
      const relative = decodeURIComponent(url.pathname.slice('/portal/'.length)) || 'index.html';
      const file = await load(relative);
      if (!file) {
        const built = await load('index.html');
        const message = built ? `No file ${url.pathname} in the portal.` : 'The portal is not built: run `npm ci` (or `npm run build`) in the project.';
        endResponse(new fetchAPI.Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      const headers: Record<string, string> = {
        'content-type': file.type,
        vary: 'Accept-Encoding',
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      };
      if (encoding) headers['content-encoding'] = encoding;
      endResponse(new fetchAPI.Response((encoding ? file[encoding] : file.plain) as Uint8Array<ArrayBuffer>, { status: 200, headers }));
    },
  };
}
