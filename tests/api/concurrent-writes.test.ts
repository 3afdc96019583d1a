/**
 * Writes at the same time: imports of the same report take turns (each answered cleanly, one
 * report stored), and a correction made on an older version of a report is refused, not applied
 * over a change made meanwhile.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };
const text = readFileSync(new URL('../fixtures/corpus/02_pingtan_2024.txt', import.meta.url), 'utf8');
const IMPORT = `mutation($input: ImportReportInput!) { importReport(input: $input) {
  __typename ... on ImportReportSuccess { created changed report { id version } } ... on ImportReportRefused { code message } } }`;
const importOnce = (sourceUrl?: string) =>
  api.graphql(IMPORT, { input: { content: text, agencyName: '平潭综合实验区管理委员会', regionCode: '350128', ...(sourceUrl ? { sourceUrl } : {}) } }, auth);

const CORRECT = `mutation($id: ID!, $value: Decimal, $version: Int) {
  correctReport(reportId: $id, cells: [{ cell: "applications.NEW_RECEIVED.TOTAL", value: $value }], version: $version) {
    __typename ... on CorrectReportSuccess { report { version applications { cell(row: NEW_RECEIVED, column: TOTAL) } } }
    ... on CorrectReportRefused { code message issues { path message } } } }`;

describe('imports of the same report at the same time', () => {
  it('store one new report and answer every request cleanly', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => importOnce()));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(results.map((r) => r.data.importReport.__typename)).toEqual(Array(8).fill('ImportReportSuccess'));
    expect(results.filter((r) => r.data.importReport.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.data.importReport.report.id)).size).toBe(1);
    const stored = await api.graphql(`{ reports { totalCount } }`);
    expect(stored.data.reports.totalCount).toBe(1);
  });

  it('take turns when re-importing, each change raising the version once, an identical one changing nothing', async () => {
    const before = (await importOnce()).data.importReport.report.version;
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => importOnce(`https://www.pingtan.gov.cn/nb/${i}.htm`)));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(results.map((r) => r.data.importReport.created)).toEqual([false, false, false, false]);
    expect(results.map((r) => r.data.importReport.report.version).sort()).toEqual([before + 1, before + 2, before + 3, before + 4]);
    const same = await importOnce('https://www.pingtan.gov.cn/nb/9.htm');
    const again = await importOnce('https://www.pingtan.gov.cn/nb/9.htm');
    expect([same.data.importReport.changed, again.data.importReport.changed]).toEqual([true, false]);
    expect(again.data.importReport.report.version).toBe(before + 5);
  });
});

describe('corrections carry the version they were made on', () => {
  it('applies a correction on the current version and refuses one on an older version', async () => {
    const { id, version } = (await importOnce()).data.importReport.report;
    const applied = await api.graphql(CORRECT, { id, value: '100', version }, auth);
    expect(applied.data.correctReport).toEqual({ __typename: 'CorrectReportSuccess', report: { version: version + 1, applications: { cell: 100 } } });

    const stale = await api.graphql(CORRECT, { id, value: '200', version }, auth);
    expect(stale.data.correctReport).toMatchObject({ __typename: 'CorrectReportRefused', code: 'STALE_VERSION', issues: [{ path: 'version', message: `is ${version + 1}` }] });
    const now = await api.graphql(`query($id: ID!) { report(id: $id) { version applications { cell(row: NEW_RECEIVED, column: TOTAL) } corrections { value } } }`, { id });
    expect(now.data.report).toEqual({ version: version + 1, applications: { cell: 100 }, corrections: [{ value: '100' }] });
  });

  it('lets only one of two simultaneous corrections of the same version through', async () => {
    const { id, version } = (await importOnce()).data.importReport.report;
    const [first, second] = await Promise.all([
      api.graphql(CORRECT, { id, value: '301', version }, auth),
      api.graphql(CORRECT, { id, value: '302', version }, auth),
    ]);
    const outcomes = [first, second].map((r) => r.data.correctReport.__typename ?? r.errors?.[0].extensions?.code).sort();
    expect(outcomes).toEqual(['CorrectReportRefused', 'CorrectReportSuccess']);
    expect([first, second].find((r) => r.data.correctReport.code)?.data.correctReport.code).toBe('STALE_VERSION');
  });

  it('raises the version when a report is published', async () => {
    const { id, version } = (await importOnce()).data.importReport.report;
    await api.graphql(`mutation($id: ID!) { publishReport(id: $id, publishedOn: "2025-01-31") { id } }`, { id }, auth);
    const now = await api.graphql(`query($id: ID!) { report(id: $id) { version } }`, { id });
    expect(now.data.report.version).toBe(version + 1);
  });
});
