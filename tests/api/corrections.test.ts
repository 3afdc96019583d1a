/**
 * Agency staff correct a misprinted cell, publish a draft, withdraw a report: every check re-runs,
 * the change is recorded next to the untouched original, and drafts stay out of public view.
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
const kewei = readFileSync(new URL('../fixtures/corpus/11_shanghai_kewei_2024.txt', import.meta.url), 'utf8');

async function importDraft(): Promise<string> {
  const result = await api.graphql(
    `mutation($input: ImportReportInput!) { importReport(input: $input) { ... on ImportReportSuccess { report { id } } } }`,
    { input: { content: kewei, agencyName: '上海市科学技术委员会', regionCode: '310000', status: 'DRAFT' } },
    auth,
  );
  return result.data.importReport.report.id;
}

const CORRECT = `mutation($id: ID!, $cells: [CellCorrectionInput!]!, $note: String) {
  correctReport(reportId: $id, cells: $cells, note: $note) {
    __typename
    ... on CorrectReportSuccess { report { id status applications { cell(row: CARRIED_FORWARD, column: TOTAL) } sourceText }
      corrections { cell previous value note } findings { rule cells } }
    ... on CorrectReportRefused { code message issues { path message } }
  }
}`;

describe('after import', () => {
  let id: string;

  it('keeps a draft out of public view until it is published', async () => {
    id = await importDraft();
    const anonymous = await api.graphql(`query($id: ID!) { report(id: $id) { id } reports { totalCount } }`, { id });
    expect(anonymous.data).toEqual({ report: null, reports: { totalCount: 0 } });
    const editor = await api.graphql(`query($id: ID!) { report(id: $id) { status } reports { totalCount } }`, { id }, auth);
    expect(editor.data).toEqual({ report: { status: 'DRAFT' }, reports: { totalCount: 1 } });
  });

  it('corrects the blank 总计 the report printed: B1 goes away, the original stays, the change is recorded', async () => {
    const before = await api.graphql(`query($id: ID!) { report(id: $id) { findings(rule: B1) { cells expected } } }`, { id }, auth);
    expect(before.data.report.findings).toEqual([{ cells: expect.arrayContaining(['applications.CARRIED_FORWARD.TOTAL']), expected: '1' }]);

    const result = await api.graphql(CORRECT, { id, cells: [{ cell: 'applications.CARRIED_FORWARD.TOTAL', value: '1' }], note: '原表漏填' }, auth);
    const success = result.data.correctReport;
    expect(success.__typename).toBe('CorrectReportSuccess');
    expect(success.report).toMatchObject({ id, status: 'DRAFT', applications: { cell: 1 }, sourceText: kewei });
    expect(success.corrections).toEqual([{ cell: 'applications.CARRIED_FORWARD.TOTAL', previous: null, value: '1', note: '原表漏填' }]);
    expect(success.findings.filter((f: any) => ['B1', 'R1', 'R2'].includes(f.rule))).toEqual([]);
  });

  it('refuses unknown cells, impossible values and no-op corrections, changing nothing', async () => {
    const unknown = await api.graphql(CORRECT, { id, cells: [{ cell: 'applications.NO_SUCH_ROW.TOTAL', value: '1' }] }, auth);
    expect(unknown.data.correctReport).toMatchObject({ code: 'UNKNOWN_CELL', issues: [{ path: 'applications.NO_SUCH_ROW.TOTAL' }] });
    const negative = await api.graphql(CORRECT, { id, cells: [{ cell: 'applications.NEW_RECEIVED.TOTAL', value: '-4' }] }, auth);
    expect(negative.data.correctReport.code).toBe('INVALID_VALUE');
    const same = await api.graphql(CORRECT, { id, cells: [{ cell: 'applications.CARRIED_FORWARD.TOTAL', value: '1' }] }, auth);
    expect(same.data.correctReport.code).toBe('NO_CHANGES');
    const history = await api.graphql(`query($id: ID!) { report(id: $id) { corrections { cell } applications { cell(row: NEW_RECEIVED, column: TOTAL) } } }`, { id }, auth);
    expect(history.data.report.corrections).toHaveLength(1);
    expect(history.data.report.applications.cell).toBe(34);
  });

  it('needs a token for every change', async () => {
    const anonymous = await api.graphql(CORRECT, { id, cells: [{ cell: 'applications.CARRIED_FORWARD.TOTAL', value: '2' }] });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('publishes the draft, then withdraws it', async () => {
    const published = await api.graphql(`mutation($id: ID!) { publishReport(id: $id, publishedOn: "2025-01-20") { status publishedOn } }`, { id }, auth);
    expect(published.data.publishReport).toEqual({ status: 'PUBLISHED', publishedOn: '2025-01-20' });
    const visible = await api.graphql(`query($id: ID!) { report(id: $id) { year } }`, { id });
    expect(visible.data.report).toEqual({ year: 2024 });

    const deleted = await api.graphql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id }, auth);
    expect(deleted.data.deleteReport).toBe(id);
    const gone = await api.graphql(`query($id: ID!) { report(id: $id) { year } }`, { id }, auth);
    expect(gone.data.report).toBeNull();
    const again = await api.graphql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id }, auth);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
