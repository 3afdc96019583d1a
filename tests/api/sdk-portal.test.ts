/**
 * @nianbao/sdk for what portals and agency staff do beyond reading one report: import with a
 * token, statistics, rankings, time series, the findings work list, search and the region tree.
 * Real HTTP against a real server, sample reports plus one corpus report imported through the SDK.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, EDITOR_TOKEN, serveOverHttp, type TestApi } from '../support/api.js';
import { createNianbaoClient, labelsFor, NianbaoError, walkConnection, type MeasureInput, type NianbaoClient } from '../../clients/sdk/src/index.js';

let api: TestApi;
let http: { origin: string; close(): Promise<void> };
let endpoint: string;
let client: NianbaoClient;

const corpus = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8');
const NEW_RECEIVED: MeasureInput = { kind: 'APPLICATION_CELL', applicationRow: 'NEW_RECEIVED' };
const DISCLOSURE_RATE: MeasureInput = { kind: 'DISCLOSURE_RATE' };

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
  http = await serveOverHttp(api);
  endpoint = `${http.origin}/graphql`;
  client = createNianbaoClient({ endpoint });
});
afterAll(async () => {
  await http?.close();
  await api?.close();
});

describe('@nianbao/sdk importReport', () => {
  it('needs a token: without one the call fails with UNAUTHENTICATED', async () => {
    const error = await client.importReport({ input: { content: corpus('05_pingtan_2022.txt') } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NianbaoError);
    expect(error).toMatchObject({ kind: 'graphql', code: 'UNAUTHENTICATED', path: ['importReport'] });
  });

  it('imports a published report and returns it with its sections, tables and findings', async () => {
    const editor = createNianbaoClient({ endpoint, token: EDITOR_TOKEN });
    const { importReport } = await editor.importReport({ input: { content: corpus('05_pingtan_2022.txt'), fileName: '05_pingtan_2022.txt' } });
    expect(importReport.__typename).toBe('ImportReportSuccess');
    if (importReport.__typename !== 'ImportReportSuccess') return;
    const { report } = importReport;
    expect(report.year).toBe(2022);
    expect(report.sections.length).toBeGreaterThan(0);
    const labels = labelsFor(report.formatVersion);
    for (const section of report.sections) expect(labels.sections[section.code]).toBe(section.officialTitle);
    for (const row of report.applications.rows) expect(labels.applicationRows[row.code]).toBe(row.label);
    expect((await client.report({ id: report.id })).report?.sections).toEqual(report.sections);
  });

  it('returns a refusal as a typed result, not an error', async () => {
    const editor = createNianbaoClient({ endpoint, token: () => EDITOR_TOKEN });
    const { importReport } = await editor.importReport({ input: { content: '   ' } });
    expect(importReport.__typename).toBe('ImportReportRefused');
    if (importReport.__typename === 'ImportReportRefused') expect(importReport.code).toBe('EMPTY_INPUT');
  });
});

describe('@nianbao/sdk statistics', () => {
  it('sums cells and pools rates by group', async () => {
    const { statistics } = await client.statistics({ filter: { year: 2024 }, measures: [NEW_RECEIVED, DISCLOSURE_RATE], groupBy: ['YEAR'] });
    expect(statistics.measures.map((m) => m.kind)).toEqual(['APPLICATION_CELL', 'DISCLOSURE_RATE']);
    expect(statistics.groups).toHaveLength(1);
    const [cells, rate] = statistics.groups[0].values;
    expect(statistics.groups[0].year).toBe(2024);
    expect(cells.reportsCounted + cells.reportsExcluded).toBe(statistics.groups[0].reports);
    expect(rate.value === null || (rate.value >= 0 && rate.value <= 1)).toBe(true);
  });

  it('ranks agencies and follows one over the years', async () => {
    const { ranking } = await client.ranking({ measure: NEW_RECEIVED, by: 'AGENCY', first: 3 });
    const values = ranking.groups.map((g) => g.values[0].value ?? 0);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const agencyId = ranking.groups[0].agency?.id;
    expect(agencyId).toBeTruthy();
    const { timeSeries } = await client.timeSeries({ agencyId, measures: [NEW_RECEIVED] });
    expect(timeSeries.points.length).toBeGreaterThan(0);
    expect(timeSeries.points.map((p) => p.year)).toEqual([...timeSeries.points.map((p) => p.year)].sort());
  });

  it('lists the reports with findings, page by page', async () => {
    const first = await client.findingReports({ first: 2 });
    expect(first.findingReports.countsByRule.every((c) => c.reports > 0)).toBe(true);
    const walked = [];
    for await (const item of walkConnection(async (after) => (await client.findingReports({ first: 2, after })).findingReports)) walked.push(item);
    expect(walked).toHaveLength(first.findingReports.totalCount);
  });
});

describe('@nianbao/sdk search and regions', () => {
  it('finds reports by Chinese text, with highlighted snippets', async () => {
    const { search } = await client.search({ query: '平潭' });
    expect(search.totalCount).toBeGreaterThan(0);
    const hit = search.edges[0].node;
    expect(hit.report.agency.name).toContain('平潭');
    expect(hit.agencyName.highlights.length + (hit.snippet?.highlights.length ?? 0) + (hit.title?.highlights.length ?? 0)).toBeGreaterThan(0);
  });

  it('walks the region tree', async () => {
    const { regions } = await client.regions({});
    expect(regions.map((r) => r.code)).toContain('350000');
    const { region } = await client.region({ code: '350128' });
    expect(region?.ancestors.map((a) => a.code)).toContain('350000');
    expect(region?.name).toBe('平潭县');
  });
});
