/** A worker thread of the parse pool (parse-pool.ts): reads and checks reports (readReport), nothing else. */
import { parentPort } from 'node:worker_threads';
import { ImportRefused, readReport, type ImportRequest } from './read-report.js';

parentPort!.on('message', async ({ id, request }: { id: number; request: ImportRequest }) => {
  try {
    parentPort!.postMessage({ id, read: await readReport(request) });
  } catch (error) {
    const refused = error instanceof ImportRefused ? { code: error.code, issues: error.issues } : null;
    parentPort!.postMessage({ id, error: { message: (error as Error).message, refused } });
  }
});
