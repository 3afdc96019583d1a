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
  const env = () => ({ DATABASE_URL: api.databaseUrl, LOG_LEVEL: 'silent' });

  it('explains itself with --help, and refuses a wrong command line with exit code 64', async () => {
    const help = await npm(['run', '--silent', 'import', '--', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--agency-name', '--agency-id', '--region-code', '--year', '--source-url', '--status', '--dry-run', '--json', 'meta.json']) expect(help.stdout).toContain(option);
    const wrong = await npm(['run', '--silent', 'import', '--', dir, '--region-code', '35'], env());
    expect(wrong.code).toBe(64);
    expect(wrong.stderr).toMatch(/--region-code must be a six-digit GB\/T 2260 code/);
  }, 60_000);

  it('imports a folder file by file, accounts for every file, refuses what is not a report, updates on re-import', async () => {
    copyFileSync(corpus('02_pingtan_2024.txt'), path.join(dir, 'pingtan-2024.txt'));
    copyFileSync(corpus('28_pingtan_2023_site.html'), path.join(dir, 'pingtan-2023.html'));
    copyFileSync(corpus('09_pingtan_2018_pre2019.txt'), path.join(dir, 'pingtan-2018.txt'));
    copyFileSync(corpus('02_pingtan_2024.expected.json'), path.join(dir, 'pingtan-2024.expected.json'));
    writeFileSync(path.join(dir, 'notes.txt'), '会议纪要：无。');
    writeFileSync(path.join(dir, 'scan.pdf'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01, 0x02, 0xff]));
    writeFileSync(path.join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const first = await npm(['run', '--silent', 'import', '--', dir, '--region-code', '350128'], env());
    expect(first.stdout).toMatch(/^imported 2, updated 0, unchanged 0, refused 3, unsupported 1, skipped 1 \(of 7 files\)/);
    expect(first.stdout).toMatch(/refused \S*pingtan-2018\.txt\n\s+PRE_2019_FORMAT/);
    expect(first.stdout).toMatch(/refused \S*notes\.txt\n\s+NO_REPORT_FOUND/);
    expect(first.stdout).toMatch(/refused \S*scan\.pdf\n\s+DAMAGED_DOCUMENT/);
    expect(first.stdout).toMatch(/unsupported \S*photo\.png\n\s+BINARY_INPUT/);
    // One line per file when stderr is not a terminal.
    expect(first.stderr).toMatch(/^imported \S*pingtan-2023\.html: 平潭综合实验区管委会 \(region 350128\) 2023$/m);
    expect(first.stderr).toMatch(/^skipped \S*pingtan-2024\.expected\.json|^refused \S*notes\.txt/m);
    expect(first.code).toBe(1);

    const again = await npm(['run', '--silent', 'import', '--', path.join(dir, 'pingtan-2024.txt')], env());
    expect(again.stdout).toMatch(/^imported 0, updated 0, unchanged 1, refused 0/);
    expect(again.code).toBe(0);
    const changed = await npm(['run', '--silent', 'import', '--', path.join(dir, 'pingtan-2024.txt'), '--source-url', 'https://www.pingtan.gov.cn/zwgk/nb2024.htm'], env());
    expect(changed.stdout).toMatch(/^imported 0, updated 1, unchanged 0, refused 0/);

    const stored = await api.graphql(`{ reports(orderBy: YEAR_ASC) { totalCount edges { node { year sourceKind sourceUrl agency { regionCode } } } } }`);
    expect(stored.data.reports.totalCount).toBe(2);
    expect(stored.data.reports.edges.map((e: any) => [e.node.year, e.node.sourceKind, e.node.sourceUrl])).toEqual([[2023, 'HTML', null], [2024, 'TEXT', 'https://www.pingtan.gov.cn/zwgk/nb2024.htm']]);
  }, 120_000);

  it('reads each file’s sidecar, which overrides the text and the command line', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'nianbao-sidecar-'));
    copyFileSync(corpus('11_shanghai_kewei_2024.txt'), path.join(folder, 'kewei.txt'));
    writeFileSync(path.join(folder, 'kewei.meta.json'), JSON.stringify({ agencyName: '上海市科学技术委员会（市科委）', regionCode: '310000', year: 2024, sourceUrl: 'https://stcsm.sh.gov.cn/zwgk/nb2024.html', publishedOn: '2025-01-20', source: 'ignored' }));
    copyFileSync(corpus('01_shanting_zaozhuang_2024.txt'), path.join(folder, 'shanting.txt'));
    writeFileSync(path.join(folder, 'shanting.meta.json'), '{"regionCode": 370406');
    try {
      const result = await npm(['run', '--silent', 'import', '--', folder, '--region-code', '350128', '--status', 'DRAFT', '--json'], env());
      expect(result.code).toBe(1);
      const summary = JSON.parse(result.stdout);
      const kewei = summary.files.find((f: any) => f.file.endsWith('kewei.txt'));
      expect(kewei).toMatchObject({ outcome: 'imported', agency: '上海市科学技术委员会（市科委）', regionCode: '310000', year: 2024 });
      expect(kewei.warnings).toEqual([expect.stringMatching(/kewei\.meta\.json: ignored keys source/)]);
      expect(summary.files.find((f: any) => f.file.endsWith('shanting.txt'))).toMatchObject({ outcome: 'refused', code: 'INVALID_SIDECAR', reason: expect.stringMatching(/shanting\.meta\.json is not JSON/) });
      const stored = await api.graphql(`query($id: ID!) { node(id: $id) { ... on Report { status sourceUrl publishedOn } } }`, { id: Buffer.from(`Report:${kewei.reportId}`).toString('base64') }, { authorization: 'Bearer test-editor-token-0123456789' });
      expect(stored.data.node).toEqual({ status: 'DRAFT', sourceUrl: 'https://stcsm.sh.gov.cn/zwgk/nb2024.html', publishedOn: '2025-01-20' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it('shows what would change with --dry-run and writes nothing', async () => {
    const before = await api.graphql(`{ reports { totalCount } }`);
    const dry = await npm(['run', '--silent', 'import', '--', corpus('13_huaian_city_2024_pdftotext.txt'), corpus('02_pingtan_2024.txt'), '--dry-run'], env());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^dry run: nothing was written\nwould import 1, would update 0, unchanged 1/);
    expect(dry.stderr).toMatch(/would import \S*13_huaian_city_2024_pdftotext\.txt: 淮安市人民政府 \(region 320800\) 2024/);
    expect(await api.graphql(`{ reports { totalCount } agencies(search: "淮安") { name } }`)).toEqual({ data: { reports: before.data.reports, agencies: [] } });
  }, 60_000);

  it('refuses an ambiguous name, listing the candidates, and takes --agency-id', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'nianbao-ambiguous-'));
    try {
      for (const [name, region] of [['北京市科学技术委员会（市科委）', '110000'], ['天津市科学技术委员会（市科委）', '120000']]) {
        const made = await npm(['run', '--silent', 'import', '--', corpus('11_shanghai_kewei_2024.txt'), '--agency-name', name, '--region-code', region], env());
        expect(made.stdout).toMatch(/^imported 1/);
      }
      const ambiguous = await npm(['run', '--silent', 'import', '--', corpus('11_shanghai_kewei_2024.txt'), '--agency-name', '市科委'], env());
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stdout).toMatch(/AMBIGUOUS_AGENCY: "市科委" could be any of 3 agencies/);
      const id = /candidate agency (\d+): 北京市科学技术委员会/.exec(ambiguous.stdout)![1];
      const chosen = await npm(['run', '--silent', 'import', '--', corpus('11_shanghai_kewei_2024.txt'), '--agency-name', '市科委', '--agency-id', id], env());
      expect(chosen.stdout).toMatch(/^imported 0, updated 0, unchanged 1/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it('writes batches with parse workers: a report refused in a batch changes nothing and stops nothing', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'nianbao-batch-'));
    try {
      const files: [string, string, Record<string, unknown>][] = [
        ['a-shanting.txt', '01_shanting_zaozhuang_2024.txt', { agencyName: '枣庄市山亭区人民政府', regionCode: '370406' }],
        ['b-unknown.txt', '11_shanghai_kewei_2024.txt', { agencyName: '某某管理委员会' }], // no region, no such agency
        ['c-huaian.txt', '13_huaian_city_2024_pdftotext.txt', { agencyName: '淮安市人民政府' }],
      ];
      for (const [name, source, meta] of files) {
        copyFileSync(corpus(source), path.join(folder, name));
        writeFileSync(path.join(folder, name.replace('.txt', '.meta.json')), JSON.stringify(meta));
      }
      const result = await npm(['run', '--silent', 'import', '--', folder, '--workers', '1', '--batch', '2', '--json'], env());
      expect(result.code).toBe(1);
      const outcomes = JSON.parse(result.stdout).files.map((f: any) => [path.basename(f.file), f.outcome, f.code ?? null]);
      expect(outcomes).toEqual([['a-shanting.txt', 'imported', null], ['b-unknown.txt', 'refused', 'NO_REGION'], ['c-huaian.txt', 'imported', null]]);
      const totals = await api.graphql(`{ statistics(filter: { year: 2024, regionCode: "37" }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [YEAR]) { groups { values { value } } }
        shanting: reports(filter: { regionCode: "370406" }) { edges { node { applications { cell(row: NEW_RECEIVED, column: TOTAL) } } } } }`);
      expect(totals.data.statistics.groups[0].values[0].value).toBe(totals.data.shanting.edges[0].node.applications.cell);
      // The workers did the reading: a pool that cannot start says so (and reads in the main thread).
      expect(result.stderr).not.toMatch(/parse workers stopped/);
      // The search index holds the batch's texts: each report is found by words of its own.
      const found = await api.graphql(`{ shanting: search(query: "山亭区") { edges { node { report { agency { regionCode } } } } } huaian: search(query: "淮安市人民政府公报") { edges { node { report { agency { name } } } } } }`);
      expect(found.data.shanting.edges.map((e: any) => e.node.report.agency.regionCode)).toContain('370406');
      expect(found.data.huaian.edges.map((e: any) => e.node.report.agency.name)).toEqual(['淮安市人民政府']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
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
      expect(imported.stdout).toMatch(/^imported 2, updated 0, unchanged 0, refused 0, unsupported 0, skipped 0 \(of 2 files\)/);
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
