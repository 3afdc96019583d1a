/**
 * @nianbao/sdk against a real Nianbao over real HTTP: the yoga app on a node:http server on a free
 * port, a migrated PostgreSQL database with the sample reports, the SDK's default (global) fetch.
 */
import { parse, print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, serveOverHttp, type TestApi } from '../support/api.js';
import {
  AgencyReportsDocument,
  ReportDocument,
  createNianbaoClient,
  enumValues,
  graphql,
  isNianbaoError,
  labelsFor,
  NianbaoError,
  wechatFetch,
  type FetchLike,
  type NianbaoClient,
  type WxRequest,
} from '../../clients/sdk/src/index.js';

let api: TestApi;
let http: { origin: string; close(): Promise<void> };
let endpoint: string;
let client: NianbaoClient;

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

/** The global fetch, recording what the SDK sends. */
function recordingFetch(calls: { headers: Record<string, string>; body: string }[]): FetchLike {
  return (url, init) => {
    calls.push({ headers: init.headers, body: init.body ?? '' });
    return fetch(url, init);
  };
}

async function someReportId(): Promise<string> {
  const page = await client.reports({ first: 1, filter: { formatVersion: 'FORMAT_2021' } });
  return page.reports.edges[0].node.id;
}

describe('@nianbao/sdk over HTTP', () => {
  it('fetches a report with its sections and three tables, labelled as the official form', async () => {
    const { report } = await client.report({ id: await someReportId() });
    expect(report).not.toBeNull();
    if (!report) return;
    expect(report.applications.rows).toHaveLength(25);
    expect(report.applications.columns.map((c) => c.code)).toContain('TOTAL');
    expect(report.reviewsAndLitigation.groups).toHaveLength(3);
    expect(report.proactiveDisclosure.groups.length).toBeGreaterThan(0);
    // The SDK's labels and the server's come from the same catalog.
    const labels = labelsFor(report.formatVersion);
    for (const row of report.applications.rows) expect(labels.applicationRows[row.code]).toBe(row.label);
    for (const column of report.applications.columns) expect(labels.applicantColumns[column.code]).toBe(column.label);
    for (const group of report.reviewsAndLitigation.groups) expect(labels.reviewGroups[group.code]).toBe(group.label);
    for (const outcome of report.reviewsAndLitigation.outcomes) expect(labels.reviewOutcomes[outcome.code]).toBe(outcome.label);
    for (const group of report.proactiveDisclosure.groups) {
      for (const item of group.items) expect(labels.disclosureItems[item.code]).toBe(item.label);
      for (const measure of group.measures) expect(labels.disclosureMeasures[measure.code]).toBe(measure.label);
    }
    for (const section of report.sections) expect(labels.sections[section.code]).toBe(section.officialTitle);
  });

  it('compares a report with the year before: changed cells with deltas, text changes, share copied', async () => {
    const page = await client.reports({ filter: { regionCode: '350128', year: 2024 }, first: 1 });
    const { report } = await client.reportComparison({ id: page.reports.edges[0].node.id });
    const comparison = report!.comparison!;
    expect([comparison.before.year, comparison.after.year]).toEqual([2023, 2024]);
    expect(comparison.cells.length).toBe(comparison.changedCells);
    for (const cell of comparison.cells) expect(['CHANGED', 'NOW_BLANK', 'NOW_PRINTED']).toContain(cell.kind);
    const overview = comparison.sections.find((s) => s.code === 'OVERVIEW')!;
    expect(overview.copiedShare === null || (overview.copiedShare >= 0 && overview.copiedShare <= 1)).toBe(true);
  });

  it('reads findings in Chinese by default, each with its code and params', async () => {
    const page = await client.reports({ filter: { regionCode: '31', year: 2024 }, first: 1 });
    const { report } = await client.reportFindings({ id: page.reports.edges[0].node.id, rule: 'B1' });
    expect(report!.findings[0]).toMatchObject({ rule: 'B1', code: 'BLANK_IMPLIED', message: expect.stringMatching(/^B1：/) });
  });

  it('sends documents of one’s own, typed: fields the operations leave out (interchange, section, single cells)', async () => {
    const own: TypedDocumentNode<
      { report: { interchange: unknown; section: { title: string; body: string } | null; proactiveDisclosure: { count: number | null } } | null },
      { id: string }
    > = parse(`query own($id: ID!) { report(id: $id) { interchange section(code: OVERVIEW) { title body } proactiveDisclosure { count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS) } } }`);
    const { report } = await client.request(own, { id: await someReportId() });
    expect(report?.section?.body.length).toBeGreaterThan(0);
    expect(report?.interchange).toMatchObject({ formatVersion: '2021' });
    expect(typeof report?.proactiveDisclosure.count === 'number' || report?.proactiveDisclosure.count === null).toBe(true);
    // The SDK's own TypedDocumentNodes (as the exported graphql() tag returns them) go the same way.
    expect(typeof graphql).toBe('function');
    const same = await client.request(ReportDocument, { id: await someReportId() });
    expect(same.report?.id).toBe(await someReportId());
    const text = await client.request<{ report: { id: string } | null }, { id: string }>('query($id: ID!) { report(id: $id) { id } }', { id: await someReportId() });
    expect(text.report?.id).toBe(await someReportId());
  });

  it('lists every enum’s values at run time, in the schema’s order, for pickers', async () => {
    expect(enumValues.FindingRule).toEqual(['R1', 'R2', 'R3', 'R4', 'X1', 'X2', 'X3', 'B1', 'PARSE', 'SPLIT']);
    expect(enumValues.ApplicationRow[0]).toBe('NEW_RECEIVED');
    const introspected = await api.graphql(`{ __schema { types { name kind enumValues { name } } } }`);
    for (const type of introspected.data.__schema.types.filter((t: any) => t.kind === 'ENUM' && !t.name.startsWith('__'))) {
      expect((enumValues as Record<string, readonly string[]>)[type.name], type.name).toEqual(type.enumValues.map((v: any) => v.name));
    }
  });

  it('lists reports with a filter, and walks every page with allReports', async () => {
    const fujian = await client.reports({ filter: { regionCode: '35' }, orderBy: 'YEAR_ASC' });
    expect(fujian.reports.totalCount).toBe(2);
    expect(fujian.reports.edges.map((e) => e.node.year)).toEqual([2023, 2024]);

    const calls: { headers: Record<string, string>; body: string }[] = [];
    const counting = createNianbaoClient({ endpoint, fetch: recordingFetch(calls) });
    const walked: string[] = [];
    for await (const report of counting.allReports({ orderBy: 'AGENCY_NAME_ASC', pageSize: 2 })) walked.push(report.id);
    const all = await client.reports({ first: 100, orderBy: 'AGENCY_NAME_ASC' });
    expect(walked).toEqual(all.reports.edges.map((e) => e.node.id));
    expect(walked).toHaveLength(6);
    expect(calls).toHaveLength(3);

    // Breaking out of the loop stops fetching.
    calls.length = 0;
    for await (const _ of counting.allReports({ pageSize: 2 })) break;
    expect(calls).toHaveLength(1);
  });

  it("follows an agency's reports over the years, and finds one by agency and year", async () => {
    const fujian = await client.reports({ filter: { regionCode: '35' } });
    const agencyId = fujian.reports.edges[0].node.agency.id;
    const { agency } = await client.agencyReports({ agencyId });
    expect(agency?.reports.map((r) => r.year)).toEqual([2023, 2024]);
    for (const report of agency?.reports ?? []) {
      expect(report.applications.newReceived === null || typeof report.applications.newReceived === 'number').toBe(true);
    }
    const byYear = await client.reportByAgencyYear({ agencyId, year: 2024 });
    expect(byYear.report?.agency.id).toBe(agencyId);
    expect((await client.reportByAgencyYear({ agencyId, year: 2010 })).report).toBeNull();
  });

  it("returns a report's findings, narrowed by severity", async () => {
    const id = await someReportId();
    const all = await client.reportFindings({ id });
    const errors = await client.reportFindings({ id, severity: 'ERROR' });
    expect(errors.report?.findings.every((f) => f.severity === 'ERROR')).toBe(true);
    expect(errors.report?.findings.length).toBeLessThanOrEqual(all.report?.findings.length ?? 0);
  });

  it('sends the token and headers, and runs on a wx.request adapter', async () => {
    const calls: { headers: Record<string, string>; body: string }[] = [];
    const withToken = createNianbaoClient({ endpoint, token: () => 'abc', headers: { 'x-portal': 'demo' }, fetch: recordingFetch(calls) });
    await withToken.reports({ first: 1 }, { headers: { 'x-request-id': '42' } });
    expect(calls[0].headers).toMatchObject({ authorization: 'Bearer abc', 'x-portal': 'demo', 'x-request-id': '42' });
    expect(JSON.parse(calls[0].body)).toMatchObject({ operationName: 'reports', variables: { first: 1 } });

    // A stand-in for wx.request with its callback API, over real HTTP.
    const wxRequest: WxRequest = (options) => {
      fetch(options.url, { method: options.method, headers: options.header, body: options.data })
        .then(async (response) => options.success({ statusCode: response.status, data: await response.text() }))
        .catch((error: Error) => options.fail({ errMsg: `request:fail ${error.message}` }));
    };
    const wechat = createNianbaoClient({ endpoint, fetch: wechatFetch(wxRequest) });
    expect((await wechat.reports({ first: 2 })).reports.edges).toHaveLength(2);
    const unreachable = createNianbaoClient({ endpoint: 'http://127.0.0.1:1/graphql', fetch: wechatFetch(wxRequest) });
    await expect(unreachable.reports()).rejects.toMatchObject({ kind: 'network', code: 'NETWORK_ERROR' });
  });

  it('exports TypedDocumentNodes that any GraphQL client can send', async () => {
    const agencyId = (await client.reports({ first: 1 })).reports.edges[0].node.agency.id;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(AgencyReportsDocument), variables: { agencyId } }),
    });
    const body = (await response.json()) as { data: unknown };
    expect(body.data).toEqual(await client.agencyReports({ agencyId }));
  });
});

describe('@nianbao/sdk errors', () => {
  it('raises GraphQL errors as NianbaoError with the server code, path and errors', async () => {
    const error = await client.report({ id: 'not-an-id' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NianbaoError);
    expect(isNianbaoError(error)).toBe(true);
    if (!(error instanceof NianbaoError)) return;
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.path).toEqual(['report']);
    expect(error.operationName).toBe('report');
    expect(error.errors[0].message).toContain('not-an-id');
    expect(error.message).toContain('not-an-id');
  });

  it('raises variables the server rejects as a GraphQL error too', async () => {
    const badFilter = await client.reports({ filter: { regionCode: '35x' } }).catch((e: unknown) => e);
    expect(badFilter).toMatchObject({ kind: 'graphql', code: 'BAD_USER_INPUT', operationName: 'reports' });
    // A value the types forbid, sent anyway (e.g. from plain JavaScript).
    const sideways = { orderBy: 'SIDEWAYS' } as unknown as Parameters<NianbaoClient['reports']>[0];
    const invalid = await client.reports(sideways).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ kind: 'graphql', operationName: 'reports' });
    expect((invalid as NianbaoError).errors.length).toBeGreaterThan(0);
  });

  it('raises HTTP and network failures as NianbaoError', async () => {
    const wrongPath = createNianbaoClient({ endpoint: endpoint.replace('/graphql', '/no-such-path') });
    await expect(wrongPath.reports()).rejects.toMatchObject({ kind: 'http', code: 'HTTP_ERROR', status: 404 });
    const closed = createNianbaoClient({ endpoint: 'http://127.0.0.1:1/graphql' });
    await expect(closed.reports()).rejects.toMatchObject({ kind: 'network', code: 'NETWORK_ERROR' });
    const notGraphQL = createNianbaoClient({ endpoint: endpoint.replace('/graphql', '/health') });
    await expect(notGraphQL.reports()).rejects.toMatchObject({ name: 'NianbaoError' });
  });
});
