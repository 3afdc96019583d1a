/**
 * The package as an outside developer gets it: `@nianbao/sdk` resolved through the workspace link
 * and its `exports` map to the build in clients/sdk/dist (made by `prepare` on `npm ci`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as source from '../../../clients/sdk/src/index.js';

const packageDir = path.resolve(import.meta.dirname, '../../../clients/sdk');
const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

describe('@nianbao/sdk package', () => {
  it('has a version, ESM exports with types, and every export target built', () => {
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.type).toBe('module');
    for (const [subpath, target] of Object.entries<string | Record<string, string>>(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        expect(existsSync(path.join(packageDir, file)), `${subpath} → ${file} (run npm run build)`).toBe(true);
      }
    }
  });

  it('exports from the build what the source exports', async () => {
    const built = await import('@nianbao/sdk');
    expect(Object.keys(built).sort(), 'clients/sdk/dist is older than its source: npm run build').toEqual(Object.keys(source).sort());
    const documents = await import('@nianbao/sdk/documents');
    expect(documents.ReportDocument).toEqual(source.ReportDocument);
  });

  it('imports nothing at run time but its own modules (no Node built-ins, no graphql-js)', () => {
    const dist = path.join(packageDir, 'dist');
    for (const file of readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(dist, file), 'utf8');
      const specifiers = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
      for (const specifier of specifiers) expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
      expect(code, file).not.toMatch(/\brequire\(/);
    }
  });

  it('is MIT licensed, with the LICENSE file in the package as in the repository', () => {
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(path.join(packageDir, 'LICENSE'), 'utf8')).toBe(readFileSync(path.join(packageDir, '../../LICENSE'), 'utf8'));
    expect(readFileSync(path.join(packageDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Nianbao contributors\n/);
  });

  it('ships source maps whose sources are in the package (a debugger can open them)', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8' }))[0] as { files: { path: string }[] };
    const shipped = new Set(packed.files.map((f) => f.path));
    expect(shipped.has('LICENSE')).toBe(true);
    const maps = [...shipped].filter((f) => f.endsWith('.js.map') || f.endsWith('.d.ts.map'));
    expect(maps.length).toBeGreaterThan(5);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(packageDir, map), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      for (const [i, source] of sources.entries()) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(map), source));
        expect(shipped.has(resolved) || typeof sourcesContent?.[i] === 'string', `${map} → ${source}`).toBe(true);
      }
    }
  });

  it('its README names the tarball npm pack builds for this version', () => {
    const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
    const named = [...readme.matchAll(/nianbao-sdk-(\d+\.\d+\.\d+)\.tgz/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([manifest.version]));
  });
});
