/**
 * A portal visitor's reads are answered from the response cache until a write changes what they
 * show: every kind of write (import, correction, publication, deletion, an agency changed outside
 * the service) retires the cached answers; requests with a token (the only ones that see drafts)
 * never touch the cache. In memory, and in Redis when it is reachable.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, redisReachable } from '../support/redis.js';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';

const reachable = await redisReachable();
if (!reachable) console.log(`response cache in Redis: skipped, no Redis at ${REDIS_URL} (set TEST_REDIS_URL)`);

const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };
const kewei = readFileSync(new URL('../fixtures/corpus/11_shanghai_kewei_2024.txt', import.meta.url), 'utf8');
const LIST = `{ reports(first: 10) { totalCount edges { node { id status agency { name } applications { cell(row: CARRIED_FORWARD, column: TOTAL) } } } } }`;

describe.each([
  ['in memory', undefined],
  ['in Redis', REDIS_URL],
])('response cache %s', (where, redisUrl) => {
  const skip = where === 'in Redis' && !reachable;
  let api: TestApi;
  beforeAll(async () => {
    if (skip) return;
    // Redis keys are prefixed with the test database's name (the data version restarts at 1 in each).
    api = await createTestApi({ cache: { redisUrl, ttlMs: 60_000 } });
  });
  afterAll(() => api?.close());

  /** The public answer, and how many SQL statements it cost. */
  async function read(query = LIST, headers: Record<string, string> = {}) {
    api.statements.length = 0;
    const result = await api.graphql(query, {}, headers);
    expect(result.errors).toBeUndefined();
    return { data: result.data, statements: api.statements.length };
  }

  it.skipIf(skip)('answers a repeated public read without the database, and a write retires it: import, correction, publication, deletion', async () => {
    const empty = await read();
    expect(empty.statements).toBeGreaterThan(0);
    expect(empty.data.reports.totalCount).toBe(0);
    expect(await read()).toEqual({ data: empty.data, statements: 0 });

    // Import (a draft: the public still sees nothing, but the answer is computed again).
    const imported = await api.graphql(
      `mutation($input: ImportReportInput!) { importReport(input: $input) { ... on ImportReportSuccess { report { id } } } }`,
      { input: { content: kewei, agencyName: '上海市科学技术委员会', regionCode: '310000', status: 'DRAFT' } },
      auth,
    );
    const id = imported.data.importReport.report.id;
    const afterImport = await read();
    expect(afterImport.statements).toBeGreaterThan(0);
    expect(afterImport.data.reports.totalCount).toBe(0);

    // Publication.
    await api.graphql(`mutation($id: ID!) { publishReport(id: $id) { status } }`, { id }, auth);
    const published = await read();
    expect(published.statements).toBeGreaterThan(0);
    expect(published.data.reports.edges.map((e: any) => e.node)).toEqual([{ id, status: 'PUBLISHED', agency: { name: '上海市科学技术委员会' }, applications: { cell: null } }]);
    expect((await read()).statements).toBe(0);

    // Correction.
    const corrected = await api.graphql(
      `mutation($id: ID!) { correctReport(reportId: $id, cells: [{ cell: "applications.CARRIED_FORWARD.TOTAL", value: "1" }]) { __typename } }`,
      { id },
      auth,
    );
    expect(corrected.data.correctReport.__typename).toBe('CorrectReportSuccess');
    const afterCorrection = await read();
    expect(afterCorrection.statements).toBeGreaterThan(0);
    expect(afterCorrection.data.reports.edges[0].node.applications.cell).toBe(1);

    // Deletion.
    await api.graphql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id }, auth);
    const afterDeletion = await read();
    expect(afterDeletion.statements).toBeGreaterThan(0);
    expect(afterDeletion.data.reports.totalCount).toBe(0);
  });

  it.skipIf(skip)('is retired by a write made outside this service (the CLI, another instance, plain SQL), once PostgreSQL announces it', async () => {
    await api.graphql(
      `mutation($input: ImportReportInput!) { importReport(input: $input) { __typename } }`,
      { input: { content: kewei, agencyName: '上海市科学技术委员会', regionCode: '310000' } },
      auth,
    );
    expect((await read()).data.reports.edges[0].node.agency.name).toBe('上海市科学技术委员会');
    expect((await read()).statements).toBe(0);

    const other = new pg.Client({ connectionString: api.databaseUrl });
    await other.connect();
    try {
      await other.query(`update agency set name = '上海市科学技术委员会（更名）' where name = '上海市科学技术委员会'`);
    } finally {
      await other.end();
    }
    let seen = '';
    for (const deadline = Date.now() + 2_000; Date.now() < deadline && !seen.includes('更名'); await new Promise((r) => setTimeout(r, 20))) {
      seen = (await read()).data.reports.edges[0].node.agency.name;
    }
    expect(seen).toBe('上海市科学技术委员会（更名）');
  });

  it.skipIf(skip)('is retired by an import that only teaches an agency another name (its aliases are public)', async () => {
    const importAs = (agencyName: string) =>
      api.graphql(`mutation($input: ImportReportInput!) { importReport(input: $input) { ... on ImportReportSuccess { changed } } }`, { input: { content: kewei, agencyName, regionCode: '320000' } }, auth);
    await importAs('江苏省科学技术厅');
    const ALIASES = `{ agencies(search: "科学技术厅", regionCode: "32") { name aliases } }`;
    const before = await read(ALIASES);
    expect(before.data.agencies).toHaveLength(1);
    expect((await read(ALIASES)).statements).toBe(0);
    const again = await importAs('江苏省科学技术厅（省科技厅）');
    expect(again.data.importReport.changed).toBe(false);
    let aliases: string[] = before.data.agencies[0].aliases;
    for (const deadline = Date.now() + 2_000; Date.now() < deadline && !aliases.includes('省科技厅'); await new Promise((r) => setTimeout(r, 20))) {
      aliases = (await read(ALIASES)).data.agencies[0].aliases;
    }
    expect(before.data.agencies[0].aliases).not.toContain('省科技厅');
    expect(aliases).toContain('省科技厅');
  });

  it.skipIf(skip)('never serves or keeps answers of requests with a token: drafts stay with the editors', async () => {
    const imported = await api.graphql(
      `mutation($input: ImportReportInput!) { importReport(input: $input) { ... on ImportReportSuccess { report { id } } } }`,
      { input: { content: kewei, agencyName: '北京市某委员会', regionCode: '110000', status: 'DRAFT' } },
      auth,
    );
    const id = imported.data.importReport.report.id;
    const REPORT = `{ report(id: "${id}") { id status } }`;
    const publicAnswer = await read(REPORT);
    expect(publicAnswer.data.report).toBeNull();
    expect((await read(REPORT)).statements).toBe(0);

    for (let i = 0; i < 2; i++) {
      const editor = await read(REPORT, auth);
      expect(editor.data.report).toEqual({ id, status: 'DRAFT' });
      expect(editor.statements).toBeGreaterThan(0);
    }
    // The editor's answer was not kept for the public either.
    expect(await read(REPORT)).toEqual({ data: { report: null }, statements: 0 });
  });

  it.skipIf(skip)('keeps the Chinese and the English answers apart (finding messages follow Accept-Language)', async () => {
    const imported = await api.graphql(
      `mutation($input: ImportReportInput!) { importReport(input: $input) { ... on ImportReportSuccess { report { id } } } }`,
      { input: { content: kewei, agencyName: '上海市某局', regionCode: '310000' } },
      auth,
    );
    const FINDINGS = `{ report(id: "${imported.data.importReport.report.id}") { findings(rule: B1) { message } } }`;
    const zh = await read(FINDINGS);
    const en = await read(FINDINGS, { 'accept-language': 'en' });
    expect(zh.data.report.findings[0].message).toMatch(/^B1：/);
    expect(en.data.report.findings[0].message).toMatch(/^B1: /);
    expect((await read(FINDINGS, { 'accept-language': 'en-US' })).statements).toBe(0);
    expect(await read(FINDINGS)).toEqual({ data: zh.data, statements: 0 });
  });

  it.skipIf(skip)('caches nothing while the data version cannot be followed', async () => {
    await api.dataVersion!.close();
    try {
      expect((await read()).statements).toBeGreaterThan(0);
      expect((await read()).statements).toBeGreaterThan(0);
    } finally {
      api.dataVersion = undefined;
    }
  });
});

