/**
 * One agency, one report: an import finds the agency by its region and its name up to printing
 * variants (bracketed aliases, spaces, full-width forms, region prefixes, 人民政府/政府, an office,
 * an OCR slip), so re-importing a sample report under any of its names updates that report and the
 * totals stay as they were; a name that fits several agencies is refused with the candidates.
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

const corpus = corpusText;
const auth = TOKEN_HEADERS;

const IMPORT = `mutation($input: ImportReportInput!) { importReport(input: $input) {
  __typename
  ... on ImportReportSuccess { created changed warnings report { id year version agency { id name regionCode aliases } } }
  ... on ImportReportRefused { code message issues { path message } candidates { id name regionCode aliases } } } }`;

const TOTALS = `{
  national: statistics(filter: { year: 2024 }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [YEAR]) { groups { values { value } } }
  county: statistics(filter: { year: 2024, regionCode: "350128" }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [YEAR]) { groups { values { value } } }
  reports { totalCount }
  agencies(limit: 100) { id }
}`;

async function sampleReportId(agencyName: string, year: number): Promise<string> {
  const found = await api.graphql(`{ reports(first: 50) { edges { node { id year agency { name } } } } }`);
  return found.data.reports.edges.map((e: any) => e.node).find((n: any) => n.agency.name === agencyName && n.year === year).id;
}

const importAs = async (file: string, input: Record<string, unknown>) => (await api.graphql(IMPORT, { input: { content: corpus(file), ...input } }, auth)).data.importReport;

describe('re-importing a sample report under the names it goes by', () => {
  const variants: [string, string, number, Record<string, unknown>[]][] = [
    ['02_pingtan_2024.txt', '平潭综合实验区管委会（平潭县人民政府）', 2024, [
      {}, // the name the text prints: 平潭综合实验区管委会, no region
      { agencyName: '平潭综合实验区管委会' },
      { agencyName: '平潭综合实验区管委会(平潭县人民政府)', regionCode: '350128' },
      { agencyName: ' 平潭综合实验区　管委会 ' },
      { agencyName: '平潭县人民政府' },
      { agencyName: '福建省平潭综合实验区管委会' },
      { agencyName: '平潭综合实验区管委会', regionCode: '350128' },
    ]],
    ['11_shanghai_kewei_2024.txt', '上海市科学技术委员会（市科委）', 2024, [
      { agencyName: '上海市科委' },
      { agencyName: '上海市科学技术委员会' },
      { agencyName: '市科委' },
      { agencyName: '上海科委', regionCode: '310000' },
    ]],
    ['13_huaian_city_2024_pdftotext.txt', '淮安市人民政府（办公室编制）', 2024, [
      { agencyName: '淮安市人民政府' },
      { agencyName: '淮安市政府' },
      { agencyName: '江苏省淮安市人民政府' },
    ]],
    ['01_shanting_zaozhuang_2024.txt', '枣庄市山亭区人民政府', 2024, [
      { agencyName: '枣庄市山亭区人民政府' },
      { agencyName: '山东省枣庄市山亭区人民政府' },
      { agencyName: '山亭区政府' },
      { agencyName: '枣庄市山亭区人民政府', regionCode: '370406' },
    ]],
  ];

  it('updates the one report each time, and the totals stay as they were', async () => {
    const before = await api.graphql(TOTALS);
    expect(before.errors).toBeUndefined();
    expect(before.data.reports.totalCount).toBe(6);
    for (const [file, stored, year, inputs] of variants) {
      const id = await sampleReportId(stored, year);
      for (const input of inputs) {
        const result = await importAs(file, input);
        expect(result, `${file} as ${JSON.stringify(input)}`).toMatchObject({ __typename: 'ImportReportSuccess', created: false, report: { id, agency: { name: stored } } });
        expect(result.warnings, JSON.stringify(input)).toEqual([]);
      }
    }
    const after = await api.graphql(TOTALS);
    expect(after.data).toEqual(before.data);
    expect(after.data.county.groups[0].values[0].value).toBe(218);
  });

  it('takes a near name (an office, one character wrong) for the one similar agency, with a warning', async () => {
    const id = await sampleReportId('淮安市人民政府（办公室编制）', 2024);
    const office = await importAs('13_huaian_city_2024_pdftotext.txt', { agencyName: '淮安市人民政府办公室' });
    expect(office).toMatchObject({ created: false, report: { id } });
    expect(office.warnings[0]).toMatch(/淮安市人民政府办公室.*similar name/);
    const slip = await importAs('02_pingtan_2024.txt', { agencyName: '平潭综合实验区管委合', regionCode: '350128' });
    expect(slip).toMatchObject({ created: false, report: { id: await sampleReportId('平潭综合实验区管委会（平潭县人民政府）', 2024) } });
    expect(slip.warnings).toHaveLength(1);
  });

  it('keeps the replaced version: changed cells as corrections, an identical re-import changes nothing', async () => {
    const expected = JSON.parse(corpus('02_pingtan_2024.expected.json'));
    const id = await sampleReportId('平潭综合实验区管委会（平潭县人民政府）', 2024);
    const version = (await api.graphql(`query($id: ID!) { report(id: $id) { version } }`, { id })).data.report.version;
    expected.applications.NEW_RECEIVED.TOTAL += 1;
    const changed = (await api.graphql(IMPORT, { input: { content: JSON.stringify(expected), kind: 'JSON', agencyName: '平潭综合实验区管委会' } }, auth)).data.importReport;
    expect(changed).toMatchObject({ created: false, changed: true, report: { id, version: version + 1 } });
    const same = (await api.graphql(IMPORT, { input: { content: JSON.stringify(expected), kind: 'JSON', agencyName: '平潭综合实验区管委会' } }, auth)).data.importReport;
    expect(same).toMatchObject({ created: false, changed: false, report: { id, version: version + 1 } });
    const history = await api.graphql(`query($id: ID!) { report(id: $id) { corrections { cell previous value note } } }`, { id });
    expect(history.data.report.corrections).toContainEqual({ cell: 'applications.NEW_RECEIVED.TOTAL', previous: '218', value: '219', note: `re-imported: version ${version} replaced by version ${version + 1}` });
    // Put back, so the county total is the sample's again.
    const back = (await api.graphql(IMPORT, { input: { content: corpus('02_pingtan_2024.txt') } }, auth)).data.importReport;
    expect(back.changed).toBe(true);
  });

  it('lists agencies with their aliases, by region and by any name', async () => {
    const query = `query($search: String, $regionCode: String) { agencies(search: $search, regionCode: $regionCode) { name regionCode aliases } }`;
    const pingtan = (await api.graphql(query, { regionCode: '35' })).data.agencies;
    expect(pingtan).toHaveLength(1);
    expect(pingtan[0].aliases).toEqual(expect.arrayContaining(['平潭县人民政府', '福建省平潭综合实验区管委会']));
    const bySearch = (await api.graphql(query, { search: '市科委' })).data.agencies;
    expect(bySearch.map((a: any) => a.name)).toEqual(['上海市科学技术委员会（市科委）']);
    expect((await api.graphql(query, { search: '山亭区政府' })).data.agencies.map((a: any) => a.regionCode)).toEqual(['370406']);
  });
});

describe('names that cannot be told apart', () => {
  it('refuses a name that fits several agencies, listing them, and takes agencyId', async () => {
    const beijing = await importAs('11_shanghai_kewei_2024.txt', { agencyName: '北京市科学技术委员会（市科委）', regionCode: '110000' });
    expect(beijing).toMatchObject({ __typename: 'ImportReportSuccess', created: true });
    const ambiguous = await importAs('11_shanghai_kewei_2024.txt', { agencyName: '市科委' });
    expect(ambiguous.code).toBe('AMBIGUOUS_AGENCY');
    expect(ambiguous.message).toMatch(/2 agencies.*上海市科学技术委员会.*北京市科学技术委员会.*agencyId/);
    expect(ambiguous.candidates.map((c: any) => c.regionCode).sort()).toEqual(['110000', '310000']);
    const chosen = await importAs('11_shanghai_kewei_2024.txt', { agencyName: '市科委', agencyId: beijing.report.agency.id });
    expect(chosen).toMatchObject({ created: false, report: { id: beijing.report.id } });
  });

  it('refuses a new name whose region cannot be told, saying why', async () => {
    const gulou = await importAs('01_shanting_zaozhuang_2024.txt', { agencyName: '鼓楼区人民政府' });
    expect(gulou.code).toBe('NO_REGION');
    expect(gulou.message).toMatch(/鼓楼区人民政府.*any of .*350102.*Pass regionCode/);
    const none = await importAs('01_shanting_zaozhuang_2024.txt', { agencyName: '某某管理委员会' });
    expect(none.code).toBe('NO_REGION');
    const unknown = await importAs('01_shanting_zaozhuang_2024.txt', { agencyId: 'QWdlbmN5Ojk5OTk5' });
    expect(unknown.code).toBe('AGENCY_NOT_FOUND');
    expect((await api.graphql(`{ reports { totalCount } }`)).data.reports.totalCount).toBe(7);
  });
});
