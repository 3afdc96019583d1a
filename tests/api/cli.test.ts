/**
 * The commands agency staff and tools run: `npm run --silent parse -- FILE` prints the interchange
 * JSON (tools depend on that exact form); `npm run import -- FILE|DIR…` imports many files, each in
 * its own transaction, and a refused file stops nothing.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.js';

const run = promisify(execFile);
const corpus = (name: string) => path.join('tests/fixtures/corpus', name);
let api: TestApi;
let dir: string;

beforeAll(async () => {
  api = await createTestApi();
  dir = mkdtempSync(path.join(tmpdir(), 'nianbao-import-'));
  chmodSync(dir, 0o755);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await api?.close();
});

async function npm(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('npm', args, { env: { ...process.env, ...env }, maxBuffer: 20 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('parse', () => {
  it('prints the interchange JSON of a report, equal to the hand-checked values', async () => {
    const { code, stdout } = await npm(['run', '--silent', 'parse', '--', corpus('01_shanting_zaozhuang_2024.txt')]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const expected = JSON.parse(readFileSync(corpus('01_shanting_zaozhuang_2024.expected.json'), 'utf8'));
    expect(report.applications).toEqual(expected.applications);
    expect(report.proactiveDisclosure).toEqual(expected.proactiveDisclosure);
    expect(report.sections.map((s: { code: string }) => s.code)).toHaveLength(6);
    expect(Array.isArray(report.findings)).toBe(true);
  }, 60_000);

  it('reads PDF and Word files directly, with the same interchange JSON out', async () => {
    const document = (name: string) => path.join('tests/fixtures/documents', name);
    for (const name of ['08_pingtan_2019.docx', '05_pingtan_2022.libreoffice.pdf']) {
      const { code, stdout, stderr } = await npm(['run', '--silent', 'parse', '--', document(name)]);
      expect(code, stderr).toBe(0);
      const expected = JSON.parse(readFileSync(document(name.replace(/\.(libreoffice\.)?(pdf|docx)$/, '.expected.json')), 'utf8'));
      expect(JSON.parse(stdout).applications).toEqual(expected.applications);
    }
    const encrypted = await npm(['run', '--silent', 'parse', '--', document('encrypted.pdf')]);
    expect(encrypted.code).toBe(1);
    expect(encrypted.stderr).toMatch(/ENCRYPTED: .*password/);
  }, 60_000);

  it('exits non-zero with a clear message for a file that is not a report', async () => {
    const refused = await npm(['run', '--silent', 'parse', '--', corpus('09_pingtan_2018_pre2019.txt')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/PRE_2019_FORMAT/);
    const missing = await npm(['run', '--silent', 'parse', '--', 'no/such/file.txt']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read no\/such\/file.txt: ENOENT/);
  }, 60_000);
});

describe('import', () => {
  it('imports a folder file by file, refuses what is not a report, updates on re-import', async () => {
    copyFileSync(corpus('02_pingtan_2024.txt'), path.join(dir, 'pingtan-2024.txt'));
    copyFileSync(corpus('28_pingtan_2023_site.html'), path.join(dir, 'pingtan-2023.html'));
    copyFileSync(corpus('09_pingtan_2018_pre2019.txt'), path.join(dir, 'pingtan-2018.txt'));
    writeFileSync(path.join(dir, 'notes.txt'), '会议纪要：无。');
    const env = { DATABASE_URL: api.databaseUrl, LOG_LEVEL: 'silent' };
    const first = await npm(['run', '--silent', 'import', '--', dir, '--region-code', '350128'], env);
    expect(first.stdout).toMatch(/imported 2, updated 0, refused 2 \(of 4 files\)/);
    expect(first.stdout).toMatch(/pingtan-2018\.txt\n\s+PRE_2019_FORMAT/);
    expect(first.stdout).toMatch(/notes\.txt\n\s+NO_REPORT_FOUND/);
    expect(first.code).toBe(1);

    const again = await npm(['run', '--silent', 'import', '--', path.join(dir, 'pingtan-2024.txt')], env);
    expect(again.stdout).toMatch(/imported 0, updated 1, refused 0/);
    expect(again.code).toBe(0);

    const stored = await api.graphql(`{ reports(orderBy: YEAR_ASC) { totalCount edges { node { year sourceKind agency { regionCode } } } } }`);
    expect(stored.data.reports.totalCount).toBe(2);
    expect(stored.data.reports.edges.map((e: any) => [e.node.year, e.node.sourceKind])).toEqual([[2023, 'HTML'], [2024, 'TEXT']]);
  }, 120_000);

  it('imports a folder of PDFs and Word files; a folder with no report in it is an error, not a silent success', async () => {
    const documents = mkdtempSync(path.join(tmpdir(), 'nianbao-documents-'));
    chmodSync(documents, 0o755);
    const empty = mkdtempSync(path.join(tmpdir(), 'nianbao-empty-'));
    try {
      copyFileSync('tests/fixtures/documents/05_pingtan_2022.libreoffice.pdf', path.join(documents, 'pingtan-2022.pdf'));
      copyFileSync('tests/fixtures/documents/08_pingtan_2019.docx', path.join(documents, 'pingtan-2019.docx'));
      const env = { DATABASE_URL: api.databaseUrl, LOG_LEVEL: 'silent' };
      const imported = await npm(['run', '--silent', 'import', '--', documents, '--region-code', '350128'], env);
      expect(imported.stdout).toMatch(/imported 2, updated 0, refused 0 \(of 2 files\)/);
      expect(imported.code).toBe(0);
      const none = await npm(['run', '--silent', 'import', '--', empty], env);
      expect(none.stdout).toMatch(/no report files found/);
      expect(none.code).toBe(1);
    } finally {
      rmSync(documents, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    }
  }, 120_000);
});
