/**
 * Data flows one way: format → ingest → rules → store → schema → server → cli. Each layer imports only
 * the layers before it (ingest and rules only format), so a parser change can never pull in the
 * database, and the pure layers stay runnable in a browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const ALLOWED: Record<string, string[]> = {
  format: [],
  ingest: ['format'],
  rules: ['format'],
  store: ['format', 'ingest', 'rules'],
  schema: ['format', 'store'],
  server: ['format', 'store', 'schema'],
  cli: ['format', 'ingest', 'rules', 'store', 'schema', 'server'],
};
const PURE = ['format', 'ingest', 'rules'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('layers', () => {
  it('import only the layers before them', () => {
    const wrong: string[] = [];
    for (const file of files(SRC)) {
      const layer = path.relative(SRC, file).split(path.sep)[0];
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
        if (target !== layer && !ALLOWED[layer]?.includes(target)) wrong.push(`${path.relative(SRC, file)} → ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keep parsing and rules free of Node-only modules and the database', () => {
    const wrong: string[] = [];
    for (const layer of PURE) {
      for (const file of files(path.join(SRC, layer))) {
        for (const spec of imports(file)) {
          if (spec.startsWith('node:') || /^(fs|path|os|child_process|pg|@mikro-orm|graphql)/.test(spec)) wrong.push(`${path.relative(SRC, file)} → ${spec}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('migrations', () => {
  it('are frozen in time: they import nothing of the live code', () => {
    const dir = path.resolve(import.meta.dirname, '../../migrations');
    const wrong = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => imports(path.join(dir, name)).filter((spec) => spec !== '@mikro-orm/migrations').map((spec) => `${name} → ${spec}`));
    expect(wrong).toEqual([]);
  });
});
