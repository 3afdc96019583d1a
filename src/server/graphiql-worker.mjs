// Renders the offline GraphiQL page (about 9 MB of HTML) and compresses it, in a worker thread:
// loading @graphql-yoga/render-graphiql costs ~80 MB of memory, which goes away with the worker.
// Plain JavaScript so it runs in a worker whatever loader the service was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const html = Buffer.from(renderGraphiQL(workerData.options), 'utf8');
const gzip = new Uint8Array(gzipSync(html, { level: 9 }));
const br = new Uint8Array(brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 7, [constants.BROTLI_PARAM_SIZE_HINT]: html.length } }));
parentPort.postMessage({ gzip, br, size: html.length }, [gzip.buffer, br.buffer]);
