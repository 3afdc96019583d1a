/**
 * Where the project's own files are, whether this code runs from src/ (tsx, vitest) or from the
 * service bundle in dist/ (`npm start`): found by walking up to the project's package.json, so a
 * path never depends on how deep the running file sits.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'nianbao') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No nianbao package.json above ${from}: the service runs from inside its project folder.`);
  }
}

const here = fileURLToPath(import.meta.url);

export const PROJECT_ROOT = findProjectRoot(path.dirname(here));

/** True in the built service (dist/serve.js), whose migrations are compiled beside it. */
export const RUNNING_BUILT = !here.endsWith('.ts');

export const projectPath = (...parts: string[]) => path.join(PROJECT_ROOT, ...parts);
