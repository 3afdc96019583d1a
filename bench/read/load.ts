/**
 * A closed-loop HTTP load driver: `concurrency` keep-alive connections, each sending its next request
 * as soon as the last answer is read, for a fixed time. Light on CPU, since it shares the machine
 * with the servers it measures.
 */
import http from 'node:http';

export interface LoadRequest {
  path: string;
  body?: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  /** milliseconds, sorted */
  latencies: number[];
  firstError?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function send(agent: http.Agent, port: number, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: request.path,
        agent,
        method: request.body === undefined ? 'GET' : 'POST',
        headers: request.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

export async function fetchOnce(port: number, request: LoadRequest): Promise<{ status: number; body: string }> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    return await send(agent, port, request);
  } finally {
    agent.destroy();
  }
}

/** An answer that is not a 200, or a GraphQL answer with errors, counts as an error. */
export async function drive(port: number, next: (i: number) => LoadRequest, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let counter = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          const { status, body } = await send(agent, port, next(counter++));
          if (status !== 200 || body.startsWith('{"errors"')) {
            errors++;
            firstError ??= `${status} ${body.slice(0, 300)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: latencies.length, errors, seconds, latencies: latencies.sort((a, b) => a - b), firstError };
}
