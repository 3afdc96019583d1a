/**
 * Input that cannot be stored as meant is refused up front, naming the field, and nothing is
 * stored: control characters, numbers beyond what the tables hold, days that do not exist, region
 * codes no region has, links that are not http(s).
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
const report = readFileSync(new URL('../fixtures/corpus/01_shanting_zaozhuang_2024.txt', import.meta.url), 'utf8');
const IMPORT = `mutation($input: ImportReportInput!) { importReport(input: $input) {
  __typename ... on ImportReportSuccess { report { id } } ... on ImportReportRefused { code message issues { path message } } } }`;
const importReport = (input: Record<string, unknown>) => api.graphql(IMPORT, { input: { content: report, agencyName: '枣庄市山亭区人民政府', ...input } }, auth);

async function expectNothingStored(): Promise<void> {
  const stored = await api.graphql(`{ reports { totalCount } }`, undefined, auth);
  expect(stored.data.reports.totalCount).toBe(0);
}

function expectBadInput(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }, field: RegExp): void {
  expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0].message).toMatch(field);
}

describe('text arguments', () => {
  it('refuses NUL and other control characters, naming the argument', async () => {
    expectBadInput(await importReport({ agencyName: '山亭区\u0000人民政府' }), /input\.agencyName contains the control character U\+0000/);
    expectBadInput(await api.graphql(`{ search(query: "电\\u0000商") { totalCount } }`), /query contains the control character U\+0000/);
    expectBadInput(await api.graphql(`query($name: String) { regions(nameContains: $name) { code } }`, { name: '福\u0000' }), /name contains the control character/);
    expectBadInput(await api.graphql(`{ regions(nameContains: "福\\u001b") { code } }`), /nameContains contains the control character U\+001B/);
    await expectNothingStored();
  });

  it('accepts tabs and line breaks, and page breaks in imported text', async () => {
    expect((await api.graphql(`{ regions(nameContains: "福\\t") { code } }`)).errors).toBeUndefined();
    const result = await importReport({ content: report.replace('一、总体情况', '\f一、总体情况'), regionCode: '370406' });
    expect(result.data.importReport.__typename).toBe('ImportReportSuccess');
    await api.graphql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id: result.data.importReport.report.id }, auth);
  });
});

describe('numbers', () => {
  it('refuses a fee beyond what the table stores, naming the cell', async () => {
    const json = JSON.parse(readFileSync(new URL('../fixtures/corpus/02_pingtan_2024.expected.json', import.meta.url), 'utf8'));
    json.proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT = 1e20;
    const result = await api.graphql(IMPORT, { input: { content: JSON.stringify(json), kind: 'JSON', regionCode: '350128' } }, auth);
    expect(result.data.importReport).toMatchObject({ __typename: 'ImportReportRefused', code: 'INVALID_INPUT' });
    expect(result.data.importReport.issues).toContainEqual({ path: 'proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT', message: expect.stringMatching(/below 100000000000000/) });
    json.proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT = 1.1234567;
    const precise = await api.graphql(IMPORT, { input: { content: JSON.stringify(json), kind: 'JSON', regionCode: '350128' } }, auth);
    expect(precise.data.importReport.issues[0].message).toMatch(/6 decimal places/);
    await expectNothingStored();
  });

  it('refuses a corrected value with more digits than a cell holds', async () => {
    const imported = await importReport({ regionCode: '370406' });
    const id = imported.data.importReport.report.id;
    const correct = (value: string) =>
      api.graphql(`mutation($id: ID!, $value: Decimal) { correctReport(reportId: $id, cells: [{ cell: "applications.NEW_RECEIVED.TOTAL", value: $value }]) { __typename } }`, { id, value }, auth);
    expectBadInput(await correct('99999999999999999999'), /value.*at most 14 digits/);
    expectBadInput(await correct('1.1234567'), /6 after/);
    const before = await api.graphql(`query($id: ID!) { report(id: $id) { applications { cell(row: NEW_RECEIVED, column: TOTAL) } corrections { cell } } }`, { id }, auth);
    expect(before.data.report).toEqual({ applications: { cell: 34 }, corrections: [] });
    await api.graphql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id }, auth);
  });
});

describe('dates, regions and links', () => {
  it('refuses a day that does not exist', async () => {
    expectBadInput(await importReport({ publishedOn: '2024-02-30', regionCode: '370406' }), /publishedOn.*real calendar date/);
    expectBadInput(await importReport({ publishedOn: '0000-01-01', regionCode: '370406' }), /publishedOn/);
    await expectNothingStored();
    const leapDay = await importReport({ publishedOn: '2024-02-29', regionCode: '370406' });
    expect(leapDay.data.importReport.__typename).toBe('ImportReportSuccess');
    await api.graphql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id: leapDay.data.importReport.report.id }, auth);
  });

  it('refuses a region code that no region has', async () => {
    expectBadInput(await importReport({ regionCode: '999999' }), /input\.regionCode: no region has the code 999999/);
    await expectNothingStored();
  });

  it('takes only http and https links', async () => {
    for (const sourceUrl of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.gov.cn/a']) {
      expectBadInput(await importReport({ sourceUrl, regionCode: '370406' }), /sourceUrl: must be an http:\/\/ or https:\/\/ URL/);
    }
    await expectNothingStored();
    const ok = await importReport({ sourceUrl: 'https://www.shanting.gov.cn/report.html', regionCode: '370406' });
    expect(ok.data.importReport.__typename).toBe('ImportReportSuccess');
  });
});
