/**
 * The service on node:http. Bodies are checked here, before yoga builds a fetch Request for them:
 * a POST must say its length (411 otherwise), and one over the limit is refused at once (413)
 * without reading it. Yoga's own streaming limit, which pipes every body through a transform
 * stream, is then not needed (see createApp's maxRequestBodySize).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { App } from './app.js';

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

export function createHttpServer(app: App, maxBodyBytes: number): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH') {
      const declared = request.headers['content-length'];
      if (declared === undefined) {
        refuse(response, 411, 'LENGTH_REQUIRED', 'Send the request body with a Content-Length header (chunked bodies are not accepted).');
        return;
      }
      const length = Number(declared);
      if (!/^\d+$/.test(declared) || length > maxBodyBytes) {
        refuse(response, 413, 'PAYLOAD_TOO_LARGE', `Request body of ${declared} bytes is over the limit of ${maxBodyBytes} bytes.`);
        return;
      }
    }
    void app(request, response);
  });
}
