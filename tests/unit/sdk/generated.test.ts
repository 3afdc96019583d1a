/**
 * The committed SDK code is what `npm run codegen` makes from the committed schema.graphql and
 * operations: codegen runs here in memory (same codegen.ts) and every file must match.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../../codegen.js';

const root = path.resolve(import.meta.dirname, '../../..');
const generatedDir = path.join(root, 'clients/sdk/src/generated');

describe('generated SDK code', () => {
  it('is up to date (run `npm run codegen` after changing the schema or clients/sdk/operations)', async () => {
    const files: { filename: string; content: string }[] = await generate({ ...config, cwd: root, silent: true }, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = readFileSync(path.resolve(root, file.filename), 'utf8');
      expect(committed, `${file.filename} is stale: run npm run codegen`).toBe(file.content);
    }
    // A file left behind by an older config or a removed operation is stale too.
    const expected = files.map((f) => path.relative(generatedDir, path.resolve(root, f.filename))).sort();
    expect(readdirSync(generatedDir).sort()).toEqual(expected);
  }, 60_000);
});
