/**
 * A portal shows a report's text as the agency published it (，（一）), and finds it whichever way
 * the words are typed. A database filled by an earlier version (sections stored NFKC-normalised)
 * gets the printed text at the next start, unless the sample was corrected since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildReportReadSql } from '../../src/store/reports/read-model.js';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
});
afterAll(() => api?.close());

const SHANGHAI = '上海市科学技术委员会（市科委）';

async function problemsBody(): Promise<string> {
  const result = await api.graphql(`{ reports(filter: { year: 2024 }, first: 20) { edges { node { agency { name } sections { code body } } } } }`);
  expect(result.errors).toBeUndefined();
  const node = result.data.reports.edges.map((e: any) => e.node).find((n: any) => n.agency.name === SHANGHAI);
  return node.sections.find((s: any) => s.code === 'PROBLEMS_AND_IMPROVEMENTS').body;
}

async function search(query: string) {
  const result = await api.graphql(`query($q: String!) { search(query: $q) { edges { node { report { agency { name } } snippet { text highlights { start length } } } } } }`, { q: query });
  expect(result.errors).toBeUndefined();
  return result.data.search.edges.map((e: any) => e.node);
}

const dataVersion = async () => Number((await api.orm.em.getConnection().execute('select version from data_version where id = 1'))[0].version);
/** What an earlier version stored: NFKC-normalised sections, in the tables and in the read model. */
async function normaliseStoredText(agency: string): Promise<void> {
  const connection = api.orm.em.getConnection();
  await connection.execute(
    `update report_section s set body = normalize(body, NFKC) from report r join agency a on a.id = r.agency_id where s.report_id = r.id and a.name = ?`,
    [agency],
  );
  await connection.execute(rebuildReportReadSql('true'));
}

describe('text as printed', () => {
  it('section bodies keep full-width punctuation and brackets', async () => {
    const body = await problemsBody();
    expect(body).toMatch(/^（一）主要问题/);
    expect(body).toContain('，');
  });

  it('search finds （一） typed full-width or ASCII, and the snippet shows the printed text', async () => {
    for (const q of ['（一）主要问题', '(一)主要问题', '(一) 主要问题']) {
      const hits = await search(q);
      const hit = hits.find((h: any) => h.report.agency.name === SHANGHAI);
      expect(hit, q).toBeDefined();
      const [{ start, length }] = hit.snippet.highlights;
      expect(hit.snippet.text.slice(start, start + length)).toBe('（一）主要问题');
    }
    expect((await search('，')).length).toBeGreaterThan(0);
  });

  it('a sample stored NFKC-normalised by an earlier version gets its printed text at the next load (data version raised)', async () => {
    await normaliseStoredText(SHANGHAI);
    expect(await problemsBody()).toMatch(/^\(一\)主要问题/);
    const before = await dataVersion();
    const loaded = await loadSamples(api.orm.em.fork());
    expect(loaded).toEqual({ loaded: 0, refreshed: 1, skipped: 5 });
    expect(await problemsBody()).toMatch(/^（一）主要问题/);
    expect(await dataVersion()).toBeGreaterThan(before);
    expect(await loadSamples(api.orm.em.fork())).toEqual({ loaded: 0, refreshed: 0, skipped: 6 });
  });

  it('a corrected sample keeps what it has', async () => {
    await normaliseStoredText(SHANGHAI);
    await api.orm.em.getConnection().execute(
      `update application_row c set total = coalesce(total, 0) + 1 from report r join agency a on a.id = r.agency_id where c.report_id = r.id and a.name = ? and c.row_code = 'NEW_RECEIVED'`,
      [SHANGHAI],
    );
    await api.orm.em.getConnection().execute(rebuildReportReadSql('true'));
    expect(await loadSamples(api.orm.em.fork())).toEqual({ loaded: 0, refreshed: 0, skipped: 6 });
    expect(await problemsBody()).toMatch(/^\(一\)主要问题/);
  });

  it('the snippet still shows the match when characters NFKC lengthens (……) come before it', async () => {
    await api.orm.em.getConnection().execute(
      `update report_section s set body = repeat('……', 60) || body from report r join agency a on a.id = r.agency_id where s.report_id = r.id and a.name = ? and s.code = 'PROBLEMS_AND_IMPROVEMENTS'`,
      [SHANGHAI],
    );
    const hit = (await search('主要问题')).find((h: any) => h.report.agency.name === SHANGHAI);
    expect(hit.snippet.text.length).toBeLessThanOrEqual(160);
    const [{ start, length }] = hit.snippet.highlights;
    expect(hit.snippet.text.slice(start, start + length)).toBe('主要问题');
    expect(hit.snippet.text).toContain('……');
  });
});
