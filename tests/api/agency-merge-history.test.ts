/**
 * A merge loses no history: the report not kept becomes a revision of the one kept with its
 * corrections (ReportRevision.corrections) and its write records (moved to the kept report, naming
 * the revision); the kept report records the MERGE, and so does each report moved without conflict.
 * Reading it costs one statement more for any number of revisions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { corpusText, createTestApi, insertBareAgency, TOKEN_HEADERS, type TestApi } from '../support/api.js';

let api: TestApi;
let legacyId: string;
let keptId: string;
let droppedId: string;
let movedId: string;
beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
  // A second 平潭 agency with no region (as imports before agency identity left it), with a 2024 and a 2022 report.
  legacyId = await insertBareAgency(api, '平潭综合实验区管委会');
  for (const file of ['02_pingtan_2024.txt', '05_pingtan_2022.txt']) await importTo(corpusText(file));
  // Re-imported with one number changed: its own revision, and a correction recorded by the re-import.
  const changed = JSON.parse(corpusText('02_pingtan_2024.expected.json'));
  changed.applications.NEW_RECEIVED.TOTAL = 219;
  droppedId = await importTo(JSON.stringify(changed), 'JSON');
  movedId = (await reportsOf(legacyId)).find((r) => r.year === 2022)!.id;
  keptId = (await reportsOf(await agencyIdOf('平潭综合实验区管委会（平潭县人民政府）'))).find((r) => r.year === 2024)!.id;
  await correct(keptId, 'applications.CARRIED_FORWARD.TOTAL', '5', 'kept: carried forward');
  await correct(droppedId, 'applications.CARRIED_FORWARD.TOTAL', '7', 'dropped: carried forward');
});
afterAll(() => api?.close());

async function importTo(content: string, kind?: string, agencyId = legacyId): Promise<string> {
  const result = await api.graphql(
    `mutation($input: ImportReportInput!) { importReport(input: $input) { __typename ... on ImportReportSuccess { report { id } } ... on ImportReportRefused { message } } }`,
    { input: { content, agencyId, ...(kind ? { kind } : {}) } },
    TOKEN_HEADERS,
  );
  expect(result.data.importReport.__typename, result.data.importReport.message).toBe('ImportReportSuccess');
  return result.data.importReport.report.id;
}

async function reportsOf(agencyId: string): Promise<{ id: string; year: number }[]> {
  return (await api.graphql(`query($id: ID!) { agency(id: $id) { reports { id year } } }`, { id: agencyId }, TOKEN_HEADERS)).data.agency.reports;
}

async function agencyIdOf(name: string): Promise<string> {
  const found = await api.graphql(`query($s: String) { agencies(search: $s) { id name } }`, { s: name }, TOKEN_HEADERS);
  return found.data.agencies.find((a: any) => a.name === name).id;
}

async function correct(id: string, cell: string, value: string, note: string): Promise<void> {
  const result = await api.graphql(
    `mutation($id: ID!, $cells: [CellCorrectionInput!]!, $note: String) { correctReport(reportId: $id, cells: $cells, note: $note) { __typename } }`,
    { id, cells: [{ cell, value }], note },
    TOKEN_HEADERS,
  );
  expect(result.data.correctReport.__typename).toBe('CorrectReportSuccess');
}

async function merge(into: string, from: string, keep: string[]): Promise<unknown> {
  const merged = await api.graphql(
    `mutation($into: ID!, $from: [ID!]!, $keep: [ID!]) { mergeAgencies(into: $into, from: $from, keepReports: $keep) { __typename ... on MergeAgenciesSuccess { movedReports deletedReports } } }`,
    { into, from: [from], keep },
    TOKEN_HEADERS,
  );
  return merged.data.mergeAgencies;
}

const HISTORY = `query($id: ID!) { report(id: $id) {
  corrections { cell previous value note }
  revisions { reason version agencyName corrections { cell previous value note } }
  writes { action tokenName createdAt revision { reason version agencyName } } } }`;

async function statementsOf(query: string): Promise<number> {
  api.statements.length = 0;
  const result = await api.graphql(query, {}, TOKEN_HEADERS);
  expect(result.errors).toBeUndefined();
  lastData = result.data;
  return api.statements.length;
}
let lastData: any;

describe('merging agencies keeps the history of the report not kept', () => {
  it('as its revision’s corrections and as write records of the kept report, with the MERGE recorded', async () => {
    const before = (await api.graphql(HISTORY, { id: droppedId }, TOKEN_HEADERS)).data.report;
    expect(before.corrections.map((c: any) => c.note)).toEqual(['re-imported: version 1 replaced by version 2', 'dropped: carried forward']);
    expect(before.writes.map((w: any) => w.action)).toEqual(['IMPORT', 'IMPORT', 'CORRECT']);
    const keptBefore = (await api.graphql(HISTORY, { id: keptId }, TOKEN_HEADERS)).data.report;

    const into = await agencyIdOf('平潭综合实验区管委会（平潭县人民政府）');
    expect(await merge(into, legacyId, [keptId])).toEqual({ __typename: 'MergeAgenciesSuccess', movedReports: 1, deletedReports: 1 });

    const kept = (await api.graphql(HISTORY, { id: keptId }, TOKEN_HEADERS)).data.report;
    // The kept report's own corrections are still only its own.
    expect(kept.corrections).toEqual(keptBefore.corrections);
    expect(kept.corrections.map((c: any) => c.note)).toEqual(['kept: carried forward']);
    // The report not kept, whole with its history: its corrections are the MERGE revision's.
    const mergeRevision = { reason: 'MERGE', version: 3, agencyName: '平潭综合实验区管委会' };
    expect(kept.revisions).toEqual([
      { reason: 'REIMPORT', version: 1, agencyName: '平潭综合实验区管委会', corrections: [] },
      { ...mergeRevision, corrections: before.corrections },
    ]);
    expect(kept.revisions[1].corrections[0]).toEqual({ cell: 'applications.NEW_RECEIVED.TOTAL', previous: '218', value: '219', note: 're-imported: version 1 replaced by version 2' });

    // Its writes are the kept report's now, naming the revision; the kept report records the merge.
    const fromDropped = before.writes.map((w: any) => ({ ...w, revision: mergeRevision }));
    expect(kept.writes).toEqual([...fromDropped.slice(0, 2), ...keptBefore.writes, fromDropped[2], { action: 'MERGE', tokenName: 'NIANBAO_API_TOKENS #1', createdAt: expect.any(String), revision: mergeRevision }]);
    expect(kept.writes.filter((w: any) => w.revision === null).map((w: any) => w.action)).toEqual(['CORRECT']);
    expect(Date.parse(kept.writes.at(-1).createdAt)).toBeGreaterThanOrEqual(Date.parse(fromDropped[2].createdAt));

    // The report moved without a conflict records the merge too, as a write of its own.
    const moved = (await api.graphql(HISTORY, { id: movedId }, TOKEN_HEADERS)).data.report;
    expect(moved.writes.map((w: any) => [w.action, w.tokenName, w.revision])).toEqual([
      ['IMPORT', 'NIANBAO_API_TOKENS #1', null],
      ['MERGE', 'NIANBAO_API_TOKENS #1', null],
    ]);
    expect(moved.revisions).toEqual([]);
  });

  it('is read for a page of reports in one statement more, whatever the number of revisions', async () => {
    const page = (fields: string) => `{ reports(first: 20) { edges { node { id revisions { version ${fields} } } } } }`;
    const revisions = await statementsOf(page(''));
    expect(await statementsOf(page('corrections { cell note }'))).toBe(revisions + 1);
    // More than one revision with corrections to read, so a statement per revision would show.
    const read = lastData.reports.edges.flatMap((e: any) => e.node.revisions).filter((v: any) => v.corrections.length);
    expect(read.length).toBeGreaterThanOrEqual(1);
    expect(lastData.reports.edges.flatMap((e: any) => e.node.revisions).length).toBeGreaterThanOrEqual(2);
    const writes = await statementsOf(`{ reports(first: 20) { edges { node { id writes { action } } } } }`);
    expect(await statementsOf(`{ reports(first: 20) { edges { node { id writes { action revision { version } } } } } }`)).toBe(writes + 1);
    expect(lastData.reports.edges.flatMap((e: any) => e.node.writes).filter((w: any) => w.revision).length).toBeGreaterThanOrEqual(4);
  });

  it('keeps each merge’s history apart when a merged report is merged again, several years at once', async () => {
    const names = ['测试机关甲', '测试机关乙', '测试机关丙'];
    const agencies: string[] = [];
    const reports: Record<string, { id: string; year: number }[]> = {};
    for (const name of names) {
      const id = await insertBareAgency(api, name);
      agencies.push(id);
      for (const file of ['02_pingtan_2024.txt', '05_pingtan_2022.txt']) await importTo(corpusText(file), undefined, id);
      reports[name] = await reportsOf(id);
      for (const r of reports[name]) await correct(r.id, 'applications.CARRIED_FORWARD.TOTAL', String(r.year % 100), name);
    }
    const [first, second, third] = names;
    // 甲 into 乙 (both years conflict: two reports become revisions at once), then 乙 into 丙.
    expect(await merge(agencies[1], agencies[0], reports[second].map((r) => r.id))).toEqual({ __typename: 'MergeAgenciesSuccess', movedReports: 0, deletedReports: 2 });
    expect(await merge(agencies[2], agencies[1], reports[third].map((r) => r.id))).toEqual({ __typename: 'MergeAgenciesSuccess', movedReports: 0, deletedReports: 2 });

    for (const { id, year } of reports[third]) {
      const report = (await api.graphql(HISTORY, { id }, TOKEN_HEADERS)).data.report;
      const cell = { cell: 'applications.CARRIED_FORWARD.TOTAL', value: String(year % 100) };
      expect(report.corrections).toMatchObject([{ ...cell, note: third }]);
      expect(report.revisions.map((v: any) => [v.reason, v.agencyName, v.corrections.map((c: any) => c.note)])).toEqual([
        ['MERGE', first, [first]],
        ['MERGE', second, [second]],
      ]);
      const writesOf = (agencyName: string | undefined) => report.writes.filter((w: any) => w.revision?.agencyName === agencyName).map((w: any) => w.action);
      expect(writesOf(first)).toEqual(['IMPORT', 'CORRECT', 'MERGE']);
      expect(writesOf(second)).toEqual(['IMPORT', 'CORRECT', 'MERGE']);
      expect(writesOf(undefined)).toEqual(['IMPORT', 'CORRECT']);
    }
  });
});
