/**
 * Parsing in worker threads: reading a report is pure CPU (a few milliseconds for a page of text, up
 * to seconds for a long PDF). The import command reads a folder's reports in parallel, and the next
 * batch while one is written; the service reads each import there, so that no import holds the
 * thread that answers every other request.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ImportRefused, readReport, type ImportErrorCode, type ImportRequest, type ReadReport } from './read-report.js';

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js', import.meta.url);

/**
 * Run from TypeScript sources (tsx), a worker needs the same loader. `execArgv: ['--import', 'tsx']`
 * is not enough on Node 20 (the worker's entry is resolved before the loader is registered, every
 * worker failed with ERR_UNKNOWN_FILE_EXTENSION and the pool silently read in the main thread), so
 * the worker is a one-line script that loads its entry through tsx's API.
 */
function startWorker(): Worker {
  if (!WORKER.pathname.endsWith('.ts')) return new Worker(WORKER);
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
}

type Reply = { id: number; read: ReadReport } | { id: number; error: { message: string; refused: { code: ImportErrorCode; issues: ImportRefused['issues'] } | null } };

export class ParsePool {
  private workers: Worker[];
  private readonly pending = new Map<number, { request: ImportRequest; resolve(read: ReadReport): void; reject(error: Error): void }>();
  private next = 0;

  /**
   * `size` 0: read in this thread (a few files are not worth starting workers for). `onFallBack` is
   * told when the workers cannot run and this thread reads instead (slower: worth a warning).
   */
  constructor(
    size = Math.min(4, availableParallelism()),
    private readonly onFallBack: (reason: string) => void = () => undefined,
  ) {
    this.workers = Array.from({ length: size }, () => {
      const worker = startWorker();
      worker.on('message', (reply: Reply) => {
        const waiting = this.pending.get(reply.id)!;
        this.pending.delete(reply.id);
        if ('read' in reply) waiting.resolve(reply.read);
        else waiting.reject(reply.error.refused ? new ImportRefused(reply.error.refused.code, reply.error.message, reply.error.refused.issues) : new Error(reply.error.message));
      });
      // A worker that cannot run (or dies) leaves the reading to this thread: slower, never lost.
      worker.on('error', (error) => this.fallBack(error.message));
      worker.on('exit', (code) => code !== 0 && this.fallBack(`a worker exited with code ${code}`));
      return worker;
    });
  }

  private fallBack(reason: string): void {
    const workers = this.workers;
    this.workers = [];
    if (workers.length) this.onFallBack(reason);
    for (const worker of workers) void worker.terminate();
    for (const waiting of this.pending.values()) this.readHere(waiting.request).then(waiting.resolve, waiting.reject);
    this.pending.clear();
  }

  private readHere(request: ImportRequest): Promise<ReadReport> {
    return new Promise((resolve) => resolve(readReport(request)));
  }

  read(request: ImportRequest): Promise<ReadReport> {
    if (!this.workers.length) return this.readHere(request);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject });
      this.workers[id % this.workers.length].postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
