/**
 * A demanding reader of a report that was re-imported: every replaced version is there, whole (its
 * source, metadata and numbers), with which cells the next version changed; who replaced it is told
 * to token holders only; a page of reports with their revisions costs one statement more, their
 * texts one more again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { corpusText, createTestApi, TOKEN_HEADERS, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
});
afterAll(() => api?.close());

const IMPORT = `mutation($input: ImportReportInput!) { importReport(input: $input) {
  __typename ... on ImportReportSuccess { changed report { id version } } ... on ImportReportRefused { code message } } }`;
const REVISIONS = `query($id: ID!) { report(id: $id) { version sourceUrl applications { cell(row: NEW_RECEIVED, column: TOTAL) }
  revisions { version reason replacedAt agencyName title sourceUrl publishedOn sourceKind changedCells sourceText interchange } } }`;

async function statementsOf(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  api.statements.length = 0;
  const result = await api.graphql(query, variables, headers);
  expect(result.errors).toBeUndefined();
  return { data: result.data, statements: [...api.statements] };
}

describe('Report.revisions', () => {
  it('keeps every replaced version whole: source, metadata, numbers, and the cells the next one changed', async () => {
    const first = (await api.graphql(IMPORT, { input: { content: corpusText('01_shanting_zaozhuang_2024.txt'), sourceUrl: 'http://www.shanting.gov.cn/a.html' } }, TOKEN_HEADERS)).data.importReport;
    expect(first.__typename).toBe('ImportReportSuccess');
    const { id, version } = first.report;
    const before = (await api.graphql(REVISIONS, { id })).data.report;

    const edited = JSON.parse(corpusText('01_shanting_zaozhuang_2024.expected.json'));
    edited.applications.NEW_RECEIVED.TOTAL += 5;
    edited.applications.CARRIED_FORWARD.TOTAL = null; // a printed cell made blank is a change too
    const second = (await api.graphql(IMPORT, { input: { content: JSON.stringify(edited), kind: 'JSON', agencyName: '枣庄市山亭区人民政府', sourceUrl: 'http://www.shanting.gov.cn/b.html' } }, TOKEN_HEADERS)).data.importReport;
    expect(second).toMatchObject({ changed: true, report: { id, version: version + 1 } });

    const after = (await api.graphql(REVISIONS, { id })).data.report;
    expect(after.applications.cell).toBe(before.applications.cell + 5);
    const last = after.revisions.at(-1);
    expect(after.revisions).toHaveLength(before.revisions.length + 1);
    expect(last).toMatchObject({ version, reason: 'REIMPORT', agencyName: '枣庄市山亭区人民政府', sourceUrl: 'http://www.shanting.gov.cn/a.html', sourceKind: 'TEXT' });
    expect(last.changedCells.sort()).toEqual(['applications.CARRIED_FORWARD.TOTAL', 'applications.NEW_RECEIVED.TOTAL']);
    expect(last.sourceText).toBe(corpusText('01_shanting_zaozhuang_2024.txt'));
    expect(last.interchange.applications.NEW_RECEIVED.TOTAL).toBe(before.applications.cell);
    expect(last.interchange.applications.CARRIED_FORWARD).toEqual(JSON.parse(corpusText('01_shanting_zaozhuang_2024.expected.json')).applications.CARRIED_FORWARD);
    expect(last.interchange.sections.map((s: any) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Date.parse(last.replacedAt)).toBeGreaterThan(Date.now() - 600_000);
    // An identical re-import replaces nothing, so keeps nothing more.
    const same = (await api.graphql(IMPORT, { input: { content: JSON.stringify(edited), kind: 'JSON', agencyName: '枣庄市山亭区人民政府' } }, TOKEN_HEADERS)).data.importReport;
    expect(same.changed).toBe(false);
    expect((await api.graphql(REVISIONS, { id })).data.report.revisions).toHaveLength(after.revisions.length);
  });

  it('tells who replaced a version to token holders only, as writes does', async () => {
    const id = (await api.graphql(`{ reports(first: 50) { edges { node { id agency { regionCode } revisions { version } } } } }`)).data.reports.edges
      .map((e: any) => e.node).find((n: any) => n.agency.regionCode === '370406' && n.revisions.length).id;
    const query = `query($id: ID!) { report(id: $id) { revisions { version replacedBy } } }`;
    const withToken = await api.graphql(query, { id }, TOKEN_HEADERS);
    expect(withToken.data.report.revisions.at(-1).replacedBy).toBe('NIANBAO_API_TOKENS #1');
    const without = await api.graphql(query, { id });
    expect(without.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('costs one statement for a page of reports, one more for the texts of their revisions', async () => {
    // Every sample report re-imported once with another source URL: each has a revision.
    for (const file of ['02_pingtan_2024.txt', '04_pingtan_2023.txt', '11_shanghai_kewei_2024.txt', '13_huaian_city_2024_pdftotext.txt']) {
      const done = (await api.graphql(IMPORT, { input: { content: corpusText(file), sourceUrl: `http://example.gov.cn/${file}` } }, TOKEN_HEADERS)).data.importReport;
      expect(done.changed, file).toBe(true);
    }
    const page = `{ reports(first: 20) { edges { node { id revisions { version reason changedCells } } } } }`;
    const light = await statementsOf(page);
    const withRevisions = light.data.reports.edges.filter((e: any) => e.node.revisions.length);
    expect(withRevisions.length).toBeGreaterThanOrEqual(5);
    expect(light.statements).toHaveLength(2);
    const heavy = await statementsOf(`{ reports(first: 20) { edges { node { id revisions { version sourceText interchange } } } } }`);
    expect(heavy.statements).toHaveLength(3);
    expect(heavy.data.reports.edges.flatMap((e: any) => e.node.revisions).every((r: any) => r.sourceText && r.interchange)).toBe(true);
  });
});
