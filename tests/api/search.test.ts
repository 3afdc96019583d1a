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
      const { sql, params } = searchSql({ query: '电商', filter: {}, offset: 0, limit: 20 });
      const rows = await tx.execute(`explain ${sql}`, params);
      return rows.map((r: any) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Bitmap Index Scan on report_section_body_search_index');
    expect(plan).toContain('Bitmap Index Scan on report_title_search_index');
    expect(plan).toContain('Bitmap Index Scan on agency_name_search_index');
  });
});
