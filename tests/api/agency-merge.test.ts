/**
 * Mending what earlier imports split: an ADMIN merges two agencies that are one (reports move, a
 * year both have is refused unless one report is chosen — the other is then kept as its revision —,
 * names are kept, totals are right again),
 * renames one (the old name still finds it), and the command line lists likely duplicates.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, EDITOR_TOKEN, insertBareAgency, type TestApi } from '../support/api.js';

const run = promisify(execFile);
let api: TestApi;
let legacyId: string;
beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
  // As the import before agency identity left it: a second 平潭 agency with no region, and its reports.
  legacyId = await insertBareAgency(api, '平潭综合实验区管委会');
  for (const file of ['02_pingtan_2024.txt', '05_pingtan_2022.txt']) {
    const result = await api.graphql(IMPORT, { input: { content: corpus(file), agencyId: legacyId } }, admin);
    expect(result.data.importReport.__typename).toBe('ImportReportSuccess');
  }
  // Its 2024 report re-imported with one number changed: it has a revision of its own, and differs from the sample's.
  const changed = JSON.parse(corpus('02_pingtan_2024.expected.json'));
  changed.applications.NEW_RECEIVED.TOTAL = 219;
  const result = await api.graphql(IMPORT, { input: { content: JSON.stringify(changed), kind: 'JSON', agencyId: legacyId } }, admin);
  expect(result.data.importReport.__typename).toBe('ImportReportSuccess');
});
afterAll(() => api?.close());

const corpus = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8');
const admin = { authorization: `Bearer ${EDITOR_TOKEN}` }; // NIANBAO_API_TOKENS are ADMIN tokens
const IMPORT = `mutation($input: ImportReportInput!) { importReport(input: $input) { __typename ... on ImportReportRefused { code message } } }`;
const MERGE = `mutation($into: ID!, $from: [ID!]!, $keep: [ID!]) { mergeAgencies(into: $into, from: $from, keepReports: $keep) {
  __typename
  ... on MergeAgenciesSuccess { movedReports deletedReports agency { name regionCode aliases reports { year } } }
  ... on MergeAgenciesRefused { code message issues { path message } } } }`;
const TOTALS = `{
  national: statistics(filter: { year: 2024 }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [YEAR]) { groups { values { value } } }
  county: statistics(filter: { year: 2024, regionCode: "350128" }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [YEAR]) { groups { values { value } } }
  byAgency: statistics(filter: { year: 2022 }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [AGENCY]) { groups { agency { name } values { value } } }
  reports { totalCount }
}`;
const total = (data: any, key: string) => data[key].groups[0]?.values[0].value ?? null;

async function agencyIdOf(name: string): Promise<string> {
  const found = await api.graphql(`query($s: String) { agencies(search: $s) { id name } }`, { s: name }, admin);
  return found.data.agencies.find((a: any) => a.name === name).id;
}

describe('likely duplicates', () => {
  it('are listed by `npm run agencies -- duplicates`', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'agencies', '--', 'duplicates'], { env: { ...process.env, DATABASE_URL: api.databaseUrl, LOG_LEVEL: 'silent' } });
    expect(stdout).toMatch(/SHARED_NAME\n {2}\d+ 平潭综合实验区管委会（平潭县人民政府） \(region 350128, 2 reports.*\n {2}\d+ 平潭综合实验区管委会 \(region unknown, 2 reports/);
    expect(stdout).toMatch(/1 likely duplicate pair/);
  }, 60_000);
});

describe('merging agencies', () => {
  it('is for ADMIN tokens only', async () => {
    const created = await api.graphql(`mutation { createApiToken(input: { name: "fujian", role: EDITOR, regionPrefixes: ["35"] }) { secret } }`, {}, admin);
    const editor = { authorization: `Bearer ${created.data.createApiToken.secret}` };
    const refused = await api.graphql(MERGE, { into: legacyId, from: [legacyId] }, editor);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a year both have, then moves the reports and names, and the totals are right again', async () => {
    const doubled = (await api.graphql(TOTALS)).data;
    expect(total(doubled, 'county')).toBe(218); // the legacy agency has no region: only the national total doubled
    const into = await agencyIdOf('平潭综合实验区管委会（平潭县人民政府）');
    const conflict = (await api.graphql(MERGE, { into, from: [legacyId] }, admin)).data.mergeAgencies;
    expect(conflict.code).toBe('YEAR_CONFLICT');
    expect(conflict.message).toMatch(/2024: reports \d+ \(agency \d+\), \d+ \(agency \d+\).*keepReports/);
    expect((await api.graphql(TOTALS)).data).toEqual(doubled); // nothing changed

    const reports = await api.graphql(`query($id: ID!) { agency(id: $id) { reports { id year } } }`, { id: into }, admin);
    const keep = reports.data.agency.reports.find((r: any) => r.year === 2024).id;
    const merged = (await api.graphql(MERGE, { into, from: [legacyId], keep: [keep] }, admin)).data.mergeAgencies;
    expect(merged).toMatchObject({ __typename: 'MergeAgenciesSuccess', movedReports: 1, deletedReports: 1, agency: { regionCode: '350128' } });
    expect(merged.agency.reports.map((r: any) => r.year)).toEqual([2022, 2023, 2024]);
    expect(merged.agency.aliases).toContain('平潭县人民政府');

    // The report not kept is a revision of the one kept, whole, with the revision it had: nothing is lost.
    const kept = await api.graphql(`query($id: ID!) { report(id: $id) { applications { cell(row: NEW_RECEIVED, column: TOTAL) }
      revisions { version reason agencyName sourceKind sourceText changedCells replacedBy interchange } } }`, { id: keep }, admin);
    expect(kept.data.report.applications.cell).toBe(218);
    const revisions = kept.data.report.revisions;
    expect(revisions.map((r: any) => [r.reason, r.version, r.agencyName, r.sourceKind])).toEqual([
      ['REIMPORT', 1, '平潭综合实验区管委会', 'TEXT'],
      ['MERGE', 2, '平潭综合实验区管委会', 'JSON'],
    ]);
    expect(revisions[1].changedCells).toEqual(['applications.NEW_RECEIVED.TOTAL']);
    expect(revisions[1].interchange.applications.NEW_RECEIVED.TOTAL).toBe(219);
    expect(revisions[1].interchange.applications).toEqual({ ...revisions[0].interchange.applications, NEW_RECEIVED: { ...revisions[0].interchange.applications.NEW_RECEIVED, TOTAL: 219 } });
    expect(revisions[1].replacedBy).toBe('NIANBAO_API_TOKENS #1');
    expect(JSON.parse(revisions[1].sourceText).applications.NEW_RECEIVED.TOTAL).toBe(219);
    expect(revisions[0].sourceText).toBe(corpus('02_pingtan_2024.txt'));

    const after = (await api.graphql(TOTALS)).data;
    expect(total(after, 'national')).toBe(total(doubled, 'national') - 219);
    expect(total(after, 'county')).toBe(218);
    expect(after.reports.totalCount).toBe(doubled.reports.totalCount - 1);
    expect(after.byAgency.groups.map((g: any) => g.agency.name)).toEqual(['平潭综合实验区管委会（平潭县人民政府）']);
    expect((await api.graphql(`query($id: ID!) { agency(id: $id) { id } }`, { id: legacyId }, admin)).data.agency).toBeNull();
  });
});

describe('renaming an agency', () => {
  it('keeps the old name as an alias, so an import under it still finds the agency', async () => {
    const id = await agencyIdOf('上海市科学技术委员会（市科委）');
    const RENAME = `mutation($id: ID!, $name: String!) { renameAgency(id: $id, name: $name) {
      __typename ... on RenameAgencySuccess { agency { name aliases } } ... on RenameAgencyRefused { code message } } }`;
    const renamed = (await api.graphql(RENAME, { id, name: '上海市科学技术委员会' }, admin)).data.renameAgency;
    expect(renamed.agency).toEqual({ name: '上海市科学技术委员会', aliases: ['市科委'] });
    const reimport = await api.graphql(`mutation($input: ImportReportInput!) { importReport(input: $input) { ... on ImportReportSuccess { created report { agency { name } } } } }`,
      { input: { content: corpus('11_shanghai_kewei_2024.txt'), agencyName: '上海市科学技术委员会（市科委）' } }, admin);
    expect(reimport.data.importReport).toEqual({ created: false, report: { agency: { name: '上海市科学技术委员会' } } });
    const taken = (await api.graphql(RENAME, { id, name: '上海市人民政府办公厅' }, admin)).data.renameAgency;
    expect(taken.code).toBe('NAME_TAKEN');
  });
});
