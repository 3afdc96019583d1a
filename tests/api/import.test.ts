/**
 * Agency staff import reports as published: the mutation parses, checks and stores them in one
 * transaction, needs a token, refuses bad input with a typed reason, and never duplicates.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const corpus = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url));
const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };

const IMPORT = `mutation($input: ImportReportInput!) {
  importReport(input: $input) {
    __typename
    ... on ImportReportSuccess {
      created
      report { id year formatVersion sourceKind agency { name regionCode level }
        applications { cell(row: NEW_RECEIVED, column: TOTAL) }
        proactiveDisclosure { count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS) }
        sections { code } }
      findings { rule severity cells expected actual }
    }
    ... on ImportReportRefused { code message issues { path message } }
  }
}`;

describe('importing a report', () => {
  it('needs an API token, and says so', async () => {
    const anonymous = await api.graphql(IMPORT, { input: { content: corpus('01_shanting_zaozhuang_2024.txt').toString('utf8') } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await api.graphql(IMPORT, { input: { content: 'x' } }, { authorization: 'Bearer not-the-token' });
    expect(wrong.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const count = await api.graphql(`{ reports { totalCount } }`);
    expect(count.data.reports.totalCount).toBe(0);
  });

  it('imports a text report, keeps the original verbatim, and updates instead of duplicating', async () => {
    const text = corpus('01_shanting_zaozhuang_2024.txt').toString('utf8');
    const input = { content: text, agencyName: '枣庄市山亭区人民政府', regionCode: '370406', agencyLevel: 'COUNTY', fileName: '01.txt' };
    const first = await api.graphql(IMPORT, { input }, auth);
    expect(first.errors).toBeUndefined();
    const success = first.data.importReport;
    expect(success.__typename).toBe('ImportReportSuccess');
    expect(success.created).toBe(true);
    expect(success.report).toMatchObject({ year: 2024, formatVersion: 'FORMAT_2021', sourceKind: 'TEXT', agency: { name: '枣庄市山亭区人民政府', regionCode: '370406', level: 'COUNTY' } });
    expect(success.report.applications.cell).toBe(34);
    expect(success.report.proactiveDisclosure.count).toBe(98001);
    expect(success.findings.filter((f: any) => f.severity === 'ERROR')).toEqual([]);

    const again = await api.graphql(IMPORT, { input }, auth);
    expect(again.data.importReport.created).toBe(false);
    expect(again.data.importReport.report.id).toBe(success.report.id);
    const stored = await api.graphql(`query($id: ID!) { report(id: $id) { sourceText } reports { totalCount } }`, { id: success.report.id });
    expect(stored.data.report.sourceText).toBe(text);
    expect(stored.data.reports.totalCount).toBe(1);
  });

  it('imports a PDF and a Word .docx sent as bytes, detected by content whatever their names; a scan is refused as NO_TEXT_LAYER', async () => {
    const document = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));
    const pdf = await api.graphql(IMPORT, { input: { contentBase64: document('05_pingtan_2022.libreoffice.pdf').toString('base64'), fileName: 'report.bin', agencyName: '平潭综合实验区管委会', regionCode: '350128' } }, auth);
    expect(pdf.data.importReport).toMatchObject({ __typename: 'ImportReportSuccess', report: { year: 2022, sourceKind: 'TEXT', applications: { cell: 74 } } });
    const docx = await api.graphql(IMPORT, { input: { contentBase64: document('28_pingtan_2023_site.libreoffice.docx').toString('base64'), fileName: 'report.pdf', agencyName: '平潭综合实验区管委会', regionCode: '350128' } }, auth);
    expect(docx.data.importReport).toMatchObject({ __typename: 'ImportReportSuccess', report: { year: 2023, sourceKind: 'HTML', applications: { cell: 81 } } });
    const { buildPdf } = await import('../support/pdf.js');
    const scan = Buffer.from(buildPdf([{ drawing: '0 0 m 500 700 l S' }])).toString('base64');
    const refused = await api.graphql(IMPORT, { input: { contentBase64: scan, agencyName: '平潭综合实验区管委会' } }, auth);
    expect(refused.data.importReport).toMatchObject({ __typename: 'ImportReportRefused', code: 'NO_TEXT_LAYER' });
  }, 60_000);

  it('imports a GBK-encoded HTML page sent as bytes', async () => {
    const html = corpus('28_pingtan_2023_site.html');
    const result = await api.graphql(IMPORT, { input: { contentBase64: html.toString('base64'), agencyName: '平潭综合实验区管委会', regionCode: '350128' } }, auth);
    expect(result.data.importReport.__typename).toBe('ImportReportSuccess');
    expect(result.data.importReport.report.year).toBe(2023);
    expect(result.data.importReport.report.sourceKind).toBe('HTML');
  });

  it('stores a report whose numbers break a rule with its printed numbers and the findings', async () => {
    const report = JSON.parse(readFileSync(new URL('../fixtures/corpus/02_pingtan_2024.expected.json', import.meta.url), 'utf8'));
    report.applications.NEW_RECEIVED.TOTAL += 5; // as if misprinted
    const result = await api.graphql(IMPORT, { input: { content: JSON.stringify(report), kind: 'JSON', agencyName: '测试县人民政府', regionCode: '350102' } }, auth);
    const success = result.data.importReport;
    expect(success.__typename).toBe('ImportReportSuccess');
    expect(success.report.applications.cell).toBe(report.applications.NEW_RECEIVED.TOTAL);
    const rules = success.findings.map((f: any) => f.rule);
    expect(rules).toContain('R1');
    expect(rules).toContain('R2');
    const r2 = success.findings.find((f: any) => f.rule === 'R2');
    expect(r2.cells).toContain('applications.NEW_RECEIVED.TOTAL');
  });

  it('refuses a pre-2019 free-form report, saying why, and stores nothing', async () => {
    const result = await api.graphql(IMPORT, { input: { content: corpus('09_pingtan_2018_pre2019.txt').toString('utf8') } }, auth);
    expect(result.data.importReport).toMatchObject({ __typename: 'ImportReportRefused', code: 'PRE_2019_FORMAT' });
    expect(result.data.importReport.message).toMatch(/2019/);
  });

  it('refuses junk, empty input, invalid JSON and bad arguments with specific reasons', async () => {
    const refuse = async (input: Record<string, unknown>) => (await api.graphql(IMPORT, { input }, auth)).data?.importReport;
    expect((await refuse({ content: '   ' })).code).toBe('EMPTY_INPUT');
    expect((await refuse({ content: '这是一段与年报无关的文字。' })).code).toBe('NO_REPORT_FOUND');
    expect((await refuse({ contentBase64: Buffer.from([0, 1, 2, 255, 0, 7]).toString('base64') })).code).toBe('BINARY_INPUT');
    const badJson = await refuse({ content: '{"formatVersion": "2021", ', kind: 'JSON' });
    expect(badJson.code).toBe('INVALID_JSON');
    const badShape = await refuse({ content: JSON.stringify({ formatVersion: '2021', year: 2024, applications: { NEW_RECEIVED: { TOTAL: -3 } } }), agencyName: '某局' });
    expect(badShape.code).toBe('INVALID_INPUT');
    expect(badShape.issues).toContainEqual(expect.objectContaining({ path: 'applications.NEW_RECEIVED.TOTAL' }));
    expect((await refuse({ content: 'a', contentBase64: 'YQ==' })).code).toBe('INVALID_INPUT');
    const badRegion = await api.graphql(IMPORT, { input: { content: 'x', regionCode: '35' } }, auth);
    expect(badRegion.errors?.[0].message).toMatch(/regionCode/);
    const count = await api.graphql(`{ reports(filter: { year: 2024 }) { totalCount } }`);
    expect(count.data.reports.totalCount).toBe(2); // Shanting and the misprinted test county from above
  });

  it('refuses an oversized body before reading it', async () => {
    const body = JSON.stringify({ query: IMPORT, variables: { input: { content: 'x'.repeat(4 * 1024 * 1024) } } });
    const response = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...auth },
      body,
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
