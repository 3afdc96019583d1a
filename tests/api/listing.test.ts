/**
 * A portal lists and pages through reports: filters, ordering, cursors, global IDs, and a constant
 * number of SQL statements however large the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
});
afterAll(() => api?.close());

const list = (args: string) => api.graphql(`{ reports(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { cursor node { id year agency { name regionCode } } } } }`);

describe('listing reports', () => {
  it('filters by year, region prefix (province → city → county) and format version', async () => {
    const all = await list('first: 50');
    expect(all.data.reports.totalCount).toBe(6);
    expect((await list('filter: { year: 2024 }')).data.reports.totalCount).toBe(4);
    expect((await list('filter: { years: [2019, 2023] }')).data.reports.totalCount).toBe(2);
    expect((await list('filter: { yearFrom: 2020, yearTo: 2023 }')).data.reports.totalCount).toBe(1);
    expect((await list('filter: { regionCode: "35" }')).data.reports.totalCount).toBe(2);
    expect((await list('filter: { regionCode: "350000" }')).data.reports.totalCount).toBe(2);
    expect((await list('filter: { regionCode: "3701" }')).data.reports.totalCount).toBe(0);
    expect((await list('filter: { regionCode: "370406" }')).data.reports.totalCount).toBe(1);
    expect((await list('filter: { formatVersion: FORMAT_2021 }')).data.reports.totalCount).toBe(5);
  });

  it('filters by agency, and finds a report by agency and year', async () => {
    const pingtan = (await list('filter: { regionCode: "35" }')).data.reports.edges[0].node.agency;
    const agencyId = (await api.graphql(`{ reports(filter: { regionCode: "35" }) { edges { node { agency { id } } } } }`)).data.reports.edges[0].node.agency.id;
    const byAgency = await api.graphql(`query($a: ID!) { reports(filter: { agencyId: $a }, orderBy: YEAR_ASC) { edges { node { year } } } agency(id: $a) { name reports { year } } }`, { a: agencyId });
    expect(byAgency.data.reports.edges.map((e: any) => e.node.year)).toEqual([2023, 2024]);
    expect(byAgency.data.agency).toEqual({ name: pingtan.name, reports: [{ year: 2023 }, { year: 2024 }] });
    const one = await api.graphql(`query($a: ID!) { report(agencyId: $a, year: 2023) { year previousYear { year } } }`, { a: agencyId });
    expect(one.data.report).toEqual({ year: 2023, previousYear: null });
    const none = await api.graphql(`query($a: ID!) { report(agencyId: $a, year: 2010) { year } }`, { a: agencyId });
    expect(none.data.report).toBeNull();
  });

  it('pages forward and backward with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: any = await api.graphql(`query($after: String) { reports(first: 4, after: $after, orderBy: AGENCY_NAME_ASC) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { after });
      seen.push(...result.data.reports.edges.map((e: any) => e.node.id));
      if (!result.data.reports.pageInfo.hasNextPage) break;
      after = result.data.reports.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const last = await api.graphql(`{ reports(last: 2, orderBy: AGENCY_NAME_ASC) { pageInfo { hasPreviousPage } edges { node { id } } } }`);
    expect(last.data.reports.edges.map((e: any) => e.node.id)).toEqual(seen.slice(4));
    expect(last.data.reports.pageInfo.hasPreviousPage).toBe(true);
  });

  it('orders by year both ways', async () => {
    const desc = await list('orderBy: YEAR_DESC');
    const years = desc.data.reports.edges.map((e: any) => e.node.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const asc = await list('orderBy: YEAR_ASC');
    expect(asc.data.reports.edges.map((e: any) => e.node.year)).toEqual([...years].reverse());
  });

  it('resolves global IDs through node and nodes', async () => {
    const ids = (await list('first: 2')).data.reports.edges.map((e: any) => e.node.id);
    const result = await api.graphql(`query($id: ID!, $ids: [ID!]!) { node(id: $id) { __typename id ... on Report { year } } nodes(ids: $ids) { id } }`, { id: ids[0], ids });
    expect(result.errors).toBeUndefined();
    expect(result.data.node).toMatchObject({ __typename: 'Report', id: ids[0] });
    expect(result.data.nodes.map((n: any) => n.id)).toEqual(ids);
    const agencyId = (await api.graphql(`{ reports(first: 1) { edges { node { agency { id } } } } }`)).data.reports.edges[0].node.agency.id;
    const agency = await api.graphql(`query($id: ID!) { node(id: $id) { __typename ... on Agency { name } } }`, { id: agencyId });
    expect(agency.data.node.__typename).toBe('Agency');
  });
});

describe('speed', () => {
  const FULL_PAGE = `query($first: Int) { reports(first: $first) { totalCount edges { node {
    id year title agency { name parent { name } }
    sections { code title body }
    applications { rows { code cells { column value } } }
    proactiveDisclosure { groups { items { code cells { measure count amount } } } }
    reviewsAndLitigation { groups { code cells { outcome value } } }
    findings { rule message }
    previousYear { year }
  } } } }`;

  it('runs the same small number of SQL statements for a page of 1 and a page of 50 with every nested table', async () => {
    const counts: number[] = [];
    for (const first of [1, 50]) {
      api.statements.length = 0;
      const result = await api.graphql(FULL_PAGE, { first });
      expect(result.errors).toBeUndefined();
      counts.push(api.statements.length);
    }
    if (process.env.SHOW_SQL_COUNTS) console.log('SQL statements for pages of 1 and 50:', counts, api.statements.map((s) => s.slice(0, 90)));
    // The page with every part of its reports and the count, then the previous years of all of them.
    expect(counts).toEqual([2, 2]);
  });
});
