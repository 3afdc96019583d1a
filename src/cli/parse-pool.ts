/**
 * Parsing in worker threads: reading a report is pure CPU (a few to tens of milliseconds), so a
 * folder's reports are read in parallel, and while one batch is being written, the next is read.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ImportRefused, readReport, type ImportErrorCode, type ImportRequest, type ReadReport } from '../store/services/read-report.js';

/** Run from TypeScript sources (tsx), a worker needs the same loader. */
const WORKER_OPTIONS = import.meta.url.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {};

type Reply = { id: number; read: ReadReport } | { id: number; error: { message: string; refused: { code: ImportErrorCode; issues: ImportRefused['issues'] } | null } };

export class ParsePool {
  private workers: Worker[];
  private readonly pending = new Map<number, { request: ImportRequest; resolve(read: ReadReport): void; reject(error: Error): void }>();
  private next = 0;

  /** `size` 0: read in this thread (a few files are not worth starting workers for). */
  constructor(size = Math.min(4, availableParallelism())) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), WORKER_OPTIONS);
      worker.on('message', (reply: Reply) => {
        const waiting = this.pending.get(reply.id)!;
        this.pending.delete(reply.id);
        if ('read' in reply) waiting.resolve(reply.read);
        else waiting.reject(reply.error.refused ? new ImportRefused(reply.error.refused.code, reply.error.message, reply.error.refused.issues) : new Error(reply.error.message));
      });
      // A worker that cannot run (or dies) leaves the reading to this thread: slower, never lost.
      worker.on('error', () => this.fallBack());
      worker.on('exit', (code) => code !== 0 && this.fallBack());
      return worker;
    });
  }

  private fallBack(): void {
    const workers = this.workers;
    this.workers = [];
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
