/**
 * Which reports mention 电商? Chinese substring search through the bigram GIN index: ranked,
 * highlighted, filterable, paginated, safe against tsquery syntax, and index-backed (EXPLAIN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { searchSql } from '../../src/store/services/search.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { loadPortalData } from '../support/portal-data.js';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await loadPortalData(api.orm.em.fork());
});
afterAll(() => api?.close());

const HIT = 'score matchedIn occurrences report { year agency { name } } snippet { text html highlights { start length } } title { html }';

async function search(query: string, extra = '') {
  api.statements.length = 0;
  const result = await api.graphql(`query($q: String!) { search(query: $q${extra}) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${HIT} } } } }`, { q: query });
  expect(result.errors).toBeUndefined();
  return { page: result.data.search, statements: api.statements.length, names: result.data.search.edges.map((e: any) => `${e.node.report.agency.name}${e.node.report.year}`) };
}

describe('search', () => {
  it('finds a two-character word inside longer text, ranked by occurrences, highlighted (two statements)', async () => {
    const { page, statements, names } = await search('电商');
    expect(statements).toBe(2); // the search, then the reports of the page
    expect(names).toEqual(['平潭县人民政府2024', '福州市鼓楼区人民政府2024']);
    expect(page.totalCount).toBe(2);
    const top = page.edges[0].node;
    expect(top).toMatchObject({ matchedIn: ['SECTION_BODY'], occurrences: 2, title: null });
    expect(top.snippet.html).toBe('推进农村<mark>电商</mark>发展，<mark>电商</mark>服务站点信息全部公开。政务公开平台升级。');
    expect(top.snippet.highlights).toEqual([{ start: 4, length: 2 }, { start: 9, length: 2 }]);
  });

  it('matches a phrase across whitespace, and combines with report filters', async () => {
    // equal scores: newer year first, then the later stored
    expect((await search('政务公开')).names).toEqual(['北京市东城区人民政府2024', '平潭县人民政府2024', '平潭县人民政府2023']);
    const beijing = await search('政务公开', ', filter: { regionCode: "11" }');
    expect(beijing.names).toEqual(['北京市东城区人民政府2024']);
    expect(beijing.page.edges[0].node.snippet.html).toBe('街道办事处<mark>政务 公开</mark>专栏。');
    expect((await search('政务公开', ', filter: { year: 2023 }')).names).toEqual(['平潭县人民政府2023']);
  });

  it('handles single characters, Latin letters and digits, titles and agency names', async () => {
    expect((await search('税')).names).toEqual(['厦门市思明区人民政府2024']);
    const shang = await search('商');
    expect(shang.names[0]).toBe('北京市西城区商务局2020'); // agency name match ranks first
    expect(shang.page.edges[0].node.matchedIn).toEqual(['AGENCY_NAME', 'SECTION_BODY']);
    expect(shang.page.totalCount).toBe(4);
    expect((await search('5g')).names).toEqual(['福州市鼓楼区人民政府2024']);
    const title = await search('2024年 政府');
    expect(title.names).toEqual(['北京市东城区人民政府2024']);
    expect(title.page.edges[0].node).toMatchObject({ matchedIn: ['TITLE'], title: { html: '北京市东城区<mark>2024年政府</mark>信息公开工作年度报告' } });
  });

  it('treats tsquery and SQL syntax as plain text', async () => {
    expect((await search("a'b & c | !d:*")).names).toEqual(['厦门市思明区人民政府2024']);
    // Operators are characters like any other: '!' and ':*' occur in that report's text.
    expect((await search('!')).names).toEqual(['厦门市思明区人民政府2024']);
    expect((await search(':*')).names).toEqual(['厦门市思明区人民政府2024']);
    for (const q of ["' or 1=1 --", '?', '\\', '&|<->', "''"]) expect((await search(q)).names).toEqual([]);
    const empty = await api.graphql(`{ search(query: "  ") { totalCount } }`);
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages through the results without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result: any = await api.graphql(`query($after: String) { search(query: "公开", first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { report { id } } } } }`, { after });
      expect(result.data.search.totalCount).toBe(6);
      seen.push(...result.data.search.edges.map((e: any) => e.node.report.id));
      if (!result.data.search.pageInfo.hasNextPage) break;
      after = result.data.search.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('uses the bigram GIN indexes (EXPLAIN with sequential scans discouraged)', async () => {
    const em = api.orm.em.fork() as EntityManager;
    const plan = await em.transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      const { sql, params } = searchSql({ query: '电商', filter: {}, offset: 0, limit: 20, order: 'RELEVANCE', candidateLimit: 10_000 });
      const rows = await tx.execute(`explain ${sql}`, params);
      return rows.map((r: any) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Bitmap Index Scan on report_section_body_search_index');
    expect(plan).toContain('Bitmap Index Scan on report_title_search_index');
    expect(plan).toContain('Bitmap Index Scan on agency_name_search_index');
    // Matches are capped before any join: the scan stops at the ranking limit whatever the planner guesses.
    expect(plan).toMatch(/CTE body_hits\n\s+->  Limit[^\n]*\n(\s+->  Gather[^\n]*\n(\s+Workers[^\n]*\n)*)?\s+->  (Parallel )?Bitmap Heap Scan on report_section/);
  });

  it('orders newest first on request, with the same exact total', async () => {
    const { page, names } = await search('政务公开', ', orderBy: NEWEST');
    expect(names).toEqual(['北京市东城区人民政府2024', '平潭县人民政府2024', '平潭县人民政府2023']);
    const totals = await api.graphql(`{ search(query: "商", orderBy: NEWEST) { totalCount totalCountIsExact orderedBy edges { node { report { year } } } } }`);
    expect(totals.data.search).toMatchObject({ totalCount: 4, totalCountIsExact: true, orderedBy: 'NEWEST' });
    const years = totals.data.search.edges.map((e: any) => e.node.report.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(page.totalCount).toBe(3);
  });
});

describe('search with more matches than it ranks', () => {
  // A ranking limit of 2 makes the portal sample behave like a national database searched for a
  // word that half of all reports print.
  let small: TestApi;
  beforeAll(async () => {
    small = await createTestApi({ searchCandidateLimit: 2 });
    await loadPortalData(small.orm.em.fork());
  });
  afterAll(() => small?.close());

  const PAGE = `totalCount totalCountIsExact orderedBy pageInfo { hasNextPage endCursor } edges { node { score matchedIn occurrences snippet { html } report { id year agency { name } } } }`;

  it('answers newest first with a lower-bound count, and says so (three statements)', async () => {
    const exact = (await api.graphql(`{ search(query: "公开", first: 50) { totalCount edges { node { occurrences report { id year } } } } }`)).data.search;
    small.statements.length = 0;
    const result = await small.graphql(`{ search(query: "公开", first: 3) { ${PAGE} } }`);
    expect(result.errors).toBeUndefined();
    expect(small.statements).toHaveLength(3); // the capped ranking, the newest-first page, the page's reports
    const page = result.data.search;
    expect(page.totalCountIsExact).toBe(false);
    expect(page.orderedBy).toBe('NEWEST');
    expect(page.totalCount).toBeGreaterThanOrEqual(3);
    expect(page.totalCount).toBeLessThanOrEqual(exact.totalCount);
    const storedAs = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    const newestFirst = [...exact.edges].sort((a: any, b: any) => b.node.report.year - a.node.report.year || storedAs(b.node.report.id) - storedAs(a.node.report.id));
    expect(page.edges.map((e: any) => e.node.report.id)).toEqual(newestFirst.slice(0, 3).map((e: any) => e.node.report.id));
    // Occurrences and snippets are still those of the exact search.
    const occurrences = new Map(exact.edges.map((e: any) => [e.node.report.id, e.node.occurrences]));
    for (const edge of page.edges) {
      expect(edge.node.occurrences).toBe(occurrences.get(edge.node.report.id));
      expect(edge.node.snippet.html).toContain('<mark>公开</mark>');
    }
  });

  it('remembers a word too common to rank: later searches for it, with any filter, read only the page', async () => {
    small.statements.length = 0;
    const result = await small.graphql(`{ search(query: " 公 开 ", filter: { year: 2024 }, first: 1) { ${PAGE} } }`);
    expect(result.errors).toBeUndefined();
    expect(small.statements).toHaveLength(2); // the newest-first page, the page's reports
    expect(result.data.search).toMatchObject({ totalCount: 2, totalCountIsExact: false, orderedBy: 'NEWEST', pageInfo: { hasNextPage: true } });
    expect(result.data.search.edges[0].node.report.year).toBe(2024);
  });

  it('pages through every match without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let last: any;
    for (let i = 0; i < 10; i++) {
      const result: any = await small.graphql(`query($after: String) { search(query: "公开", first: 2, after: $after) { ${PAGE} } }`, { after });
      expect(result.errors).toBeUndefined();
      last = result.data.search;
      seen.push(...last.edges.map((e: any) => e.node.report.id));
      if (!last.pageInfo.hasNextPage) break;
      expect(last.totalCountIsExact).toBe(false);
      after = last.pageInfo.endCursor;
    }
    // The last page ends the walk: the count is exact again.
    expect(last).toMatchObject({ totalCount: 6, totalCountIsExact: true, orderedBy: 'NEWEST' });
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);

    // Back from the third page with `last`/`before`: the second page again.
    const first: any = await small.graphql(`{ search(query: "公开", first: 2) { pageInfo { endCursor } } }`);
    const second: any = await small.graphql(`query($a: String) { search(query: "公开", first: 2, after: $a) { pageInfo { startCursor endCursor } edges { node { report { id } } } } }`, { a: first.data.search.pageInfo.endCursor });
    const third: any = await small.graphql(`query($a: String) { search(query: "公开", first: 2, after: $a) { pageInfo { startCursor } } }`, { a: second.data.search.pageInfo.endCursor });
    const back: any = await small.graphql(`query($b: String) { search(query: "公开", last: 2, before: $b) { pageInfo { hasPreviousPage } edges { node { report { id } } } } }`, { b: third.data.search.pageInfo.startCursor });
    expect(back.errors).toBeUndefined();
    expect(back.data.search.edges).toEqual(second.data.search.edges);
    expect(back.data.search.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses a cursor it did not give', async () => {
    const forged = Buffer.from('OffsetConnection:3').toString('base64');
    const result = await small.graphql(`query($a: String) { search(query: "公开", after: $a) { totalCount } }`, { a: forged });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0].message).toContain('`after` is not a cursor of this search');
  });

  it('still ranks a rarer word exactly, and keeps the filters in the newest-first walk', async () => {
    const rare = (await small.graphql(`{ search(query: "电商") { ${PAGE} } }`)).data.search;
    expect(rare).toMatchObject({ totalCount: 2, totalCountIsExact: true, orderedBy: 'RELEVANCE' });
    const fujian = (await small.graphql(`{ search(query: "公开", filter: { regionCode: "35", year: 2024 }) { ${PAGE} } }`)).data.search;
    const reference = (await api.graphql(`{ search(query: "公开", filter: { regionCode: "35", year: 2024 }) { totalCount } }`)).data.search;
    expect(fujian).toMatchObject({ orderedBy: 'NEWEST', totalCount: reference.totalCount, totalCountIsExact: true });
    expect(fujian.edges).toHaveLength(reference.totalCount);
    for (const edge of fujian.edges) expect(edge.node.report.year).toBe(2024);
  });
});
