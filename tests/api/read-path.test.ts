/**
 * The report page and the report list as a portal asks for them: each answered by one prepared
 * statement (the list's page brings its count), whatever the page size and whatever parts are asked for,
 * with the same answers as the whole tables give.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { ReadPool, statement } from '../../src/store/read-pool.js';
import { READ_MODEL_COLUMNS } from '../../src/store/reports/sql.js';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';

let api: TestApi;
let reportId: string;

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
  const found = await api.graphql(`{ reports(filter: { regionCode: "370406", year: 2024 }) { edges { node { id } } } }`);
  reportId = found.data.reports.edges[0].node.id;
});
afterAll(() => api?.close());

async function counted(query: string, variables?: Record<string, unknown>) {
  api.statements.length = 0;
  const result = await api.graphql(query, variables);
  expect(result.errors).toBeUndefined();
  return { data: result.data, statements: [...api.statements] };
}

const WHOLE_REPORT = `query($id: ID!) { report(id: $id) {
  id year title agency { name regionCode }
  applications { rows { code cells { column value } } }
  proactiveDisclosure { groups { items { code cells { measure count amount } } } }
  reviewsAndLitigation { groups { code cells { outcome value } } }
  sections { code title body }
  findings { rule severity message cells }
} }`;

describe('the report page', () => {
  it('is one statement for the whole report, and one for a few of its fields', async () => {
    const whole = await counted(WHOLE_REPORT, { id: reportId });
    expect(whole.statements).toHaveLength(1);
    expect(whole.data.report.applications.rows).toHaveLength(25);
    expect(whole.data.report.sections.length).toBeGreaterThan(0);
    const few = await counted(`query($id: ID!) { report(id: $id) { year agency { name } } }`, { id: reportId });
    expect(few.statements).toHaveLength(1);
    expect(few.statements[0]).not.toContain('application_row');
  });

  it('reads only the rows its cells name, and the same numbers as the whole table', async () => {
    const whole = (await counted(WHOLE_REPORT, { id: reportId })).data.report;
    const total = (table: any[], code: string, column: string, key = 'column') => table.find((r: any) => r.code === code).cells.find((c: any) => c[key] === column).value;
    const cells = await counted(
      `query($id: ID!, $row: ApplicationRow!) { report(id: $id) {
        applications { received: cell(row: $row, column: TOTAL) disclosed: cell(row: DISCLOSED, column: NATURAL_PERSON) note }
        proactiveDisclosure { count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS) }
        reviewsAndLitigation { cell(group: ADMINISTRATIVE_REVIEW, outcome: TOTAL) }
      } }`,
      { id: reportId, row: 'NEW_RECEIVED' },
    );
    expect(cells.statements).toHaveLength(1);
    expect(cells.statements[0]).toContain('row_code = any(');
    expect(cells.statements[0]).toContain('item_code = any(');
    expect(cells.statements[0]).toContain('group_code = any(');
    expect(cells.data.report.applications.received).toBe(total(whole.applications.rows, 'NEW_RECEIVED', 'TOTAL'));
    expect(cells.data.report.applications.disclosed).toBe(total(whole.applications.rows, 'DISCLOSED', 'NATURAL_PERSON'));
    const punishments = whole.proactiveDisclosure.groups.flatMap((g: any) => g.items).find((i: any) => i.code === 'ADMINISTRATIVE_PUNISHMENT');
    expect(cells.data.report.proactiveDisclosure.count).toBe(punishments.cells.find((c: any) => c.measure === 'DECISIONS').count);
    expect(cells.data.report.reviewsAndLitigation.cell).toBe(total(whole.reviewsAndLitigation.groups, 'ADMINISTRATIVE_REVIEW', 'TOTAL', 'outcome'));
  });

  it('reads the whole table when another field of the same query needs it (aliases, fragments)', async () => {
    const both = await counted(
      `query($id: ID!) { report(id: $id) { one: applications { cell(row: NEW_RECEIVED, column: TOTAL) } ...Whole } }
       fragment Whole on Report { all: applications { rows { code total } } }`,
      { id: reportId },
    );
    expect(both.statements).toHaveLength(1);
    expect(both.data.report.all.rows).toHaveLength(25);
    expect(both.data.report.all.rows.filter((r: any) => r.total !== null).length).toBeGreaterThan(1);
    expect(both.data.report.one.cell).toBe(both.data.report.all.rows[0].total);
  });
});

describe('the report list', () => {
  const PAGE = `query($first: Int) { reports(first: $first, filter: { year: 2024 }) { totalCount edges { node {
    id agency { name }
    applications { cell(row: NEW_RECEIVED, column: TOTAL) }
    proactiveDisclosure { count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS) }
    reviewsAndLitigation { cell(group: ADMINISTRATIVE_REVIEW, outcome: TOTAL) }
  } } } }`;

  it('is one statement, the page with its count, for a page of 1 or of 50', async () => {
    for (const first of [1, 50]) {
      const page = await counted(PAGE, { first });
      expect(page.statements).toHaveLength(1);
      expect(page.data.reports.edges).toHaveLength(first === 1 ? 1 : 4);
      expect(page.data.reports.totalCount).toBe(4);
    }
  });

  it('counts an empty page too (one more statement: an empty page carries no count)', async () => {
    const all = (await counted(`{ reports(first: 50, filter: { year: 2024 }) { pageInfo { endCursor } } }`)).data.reports;
    const after = await counted(`query($after: String) { reports(first: 5, after: $after, filter: { year: 2024 }) { totalCount edges { node { id } } } }`, { after: all.pageInfo.endCursor });
    expect(after.data.reports).toEqual({ totalCount: 4, edges: [] });
    expect(after.statements).toHaveLength(2);
  });

  it('pages by the moment of the last change, in UTC, without repeats or gaps', async () => {
    const seen: { id: string; updatedAt: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: any = await api.graphql(`query($after: String) { reports(first: 2, after: $after, orderBy: UPDATED_AT_DESC) { pageInfo { hasNextPage endCursor } edges { node { id updatedAt createdAt } } } }`, { after });
      seen.push(...result.data.reports.edges.map((e: any) => e.node));
      if (!result.data.reports.pageInfo.hasNextPage) break;
      after = result.data.reports.pageInfo.endCursor;
    }
    expect(new Set(seen.map((r) => r.id)).size).toBe(6);
    expect(seen).toHaveLength(6);
    for (const r of seen) expect(r.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const times = seen.map((r) => Date.parse(r.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('reads only the columns a page prints (a slim head), and every column when a field needs it', async () => {
    const slim = await counted(PAGE, { first: 50 });
    expect(slim.statements[0]).not.toMatch(/r\.title|a\.website|a\.kind/);
    const fields = `id title sourceUrl sourceKind publishedOn agency { name regionName level contact { website } parent { id } }`;
    const full = await counted(`{ reports(first: 50, filter: { year: 2024 }) { edges { node { ${fields} } } } }`);
    expect(full.statements[0]).toMatch(/r\.title/);
    const nodes = full.data.reports.edges.map((e: any) => e.node);
    for (const node of nodes) {
      const alone = (await counted(`query($id: ID!) { report(id: $id) { ${fields} } }`, { id: node.id })).data.report;
      expect(node).toEqual(alone);
    }
    expect(nodes.some((n: any) => n.sourceUrl && n.agency.regionName && n.agency.level)).toBe(true);
    // The same report asked slim and whole in one request: the whole read answers both, in one statement.
    const both = await counted(`query($id: ID!) { slim: report(id: $id) { year agency { name } } whole: report(id: $id) { title agency { kind } } }`, { id: full.data.reports.edges[0].node.id });
    expect(both.statements).toHaveLength(1);
    expect(both.data.whole.title).toBe(full.data.reports.edges[0].node.title);
  });

  it('serves each report of the page as the report page does', async () => {
    const page = (await counted(PAGE, { first: 50 })).data.reports.edges.map((e: any) => e.node);
    for (const node of page) {
      const alone = (await counted(`query($id: ID!) { report(id: $id) { applications { rows { code total } } } }`, { id: node.id })).data.report;
      expect(node.applications.cell).toBe(alone.applications.rows.find((r: any) => r.code === 'NEW_RECEIVED').total);
    }
  });
});

describe('prepared statements', () => {
  it('names each statement, so PostgreSQL plans it once per connection', async () => {
    const pool = new ReadPool({ connectionString: api.databaseUrl, max: 1 });
    try {
      const probe = statement('select 1 as one');
      await pool.rows(probe, []);
      const prepared = await pool.rows<{ name: string }>(statement('select name from pg_prepared_statements'), []);
      expect(prepared.map((p) => p.name)).toContain(probe.name);
      expect(statement('select 1 as one').name).toBe(probe.name);
    } finally {
      await pool.close();
    }
  });

  const SETTINGS = "select current_setting('plan_cache_mode') as plans, current_setting('jit') as jit";
  const settingsOf = async (pool: ReadPool, plan: 'generic' | 'planned') => (await pool.rows<{ plans: string; jit: string }>(statement(SETTINGS, plan), []))[0];

  it('keeps one generic plan only for the statements that ask for it, and never compiles a read with JIT', async () => {
    const pool = new ReadPool({ connectionString: api.databaseUrl, max: 1 });
    try {
      expect(await settingsOf(pool, 'planned')).toEqual({ plans: 'auto', jit: 'off' });
      expect(await settingsOf(pool, 'generic')).toEqual({ plans: 'force_generic_plan', jit: 'off' });
      expect(pool.stats()[0].totalCount).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('sends no startup settings without named statements (a pooler may refuse them)', async () => {
    const pool = new ReadPool({ connectionString: api.databaseUrl, max: 1, namedStatements: false });
    try {
      const [server] = await api.orm.em.getConnection().execute<{ jit: string }[]>("select current_setting('jit') as jit");
      expect(await settingsOf(pool, 'generic')).toEqual({ plans: 'auto', jit: server.jit });
      expect(pool.stats()[0].totalCount).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('reads a list of one year and one status with scalars, the shape a generic plan estimates well', async () => {
    const { statements } = await counted(`{ reports(filter: { regionCode: "370406", year: 2024 }) { edges { node { id } } } }`);
    expect(statements.join('\n')).toMatch(/r\.year = \$\d/);
    expect(statements.join('\n')).toMatch(/r\.status = \$\d/);
    expect(statements.join('\n')).not.toMatch(/= any/);
  });
});

describe('report_read, the parts built when a report is written', () => {
  const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };
  // Reports whose stored parts differ from what their rows give now, or that have none.
  const stale = async () => {
    const differs = READ_MODEL_COLUMNS.map((c) => `rr."${c.part}"::text is distinct from (${c.sql})::text`).join(' or ');
    const rows = await api.orm.em.getConnection().execute<{ id: number }[]>(`select r.id from report r left join report_read rr on rr.report_id = r.id where rr.report_id is null or ${differs}`);
    return rows.map((r) => r.id);
  };
  const pingtan = async (year: number) =>
    (await api.graphql(`{ reports(filter: { regionCode: "350128", year: ${year} }) { edges { node { id findings { rule } applications { cell(row: CARRIED_FORWARD, column: TOTAL) } } } } }`, undefined, auth)).data.reports.edges[0]?.node;

  it('follows imports, corrections of a year (and the next year’s carry-over check), and deletions', async () => {
    expect(await stale()).toEqual([]);
    const before2023 = await pingtan(2023);
    const corrected = await api.graphql(
      `mutation($id: ID!, $cells: [CellCorrectionInput!]!) { correctReport(reportId: $id, cells: $cells) { __typename } }`,
      { id: before2023.id, cells: [{ cell: 'applications.CARRIED_FORWARD.TOTAL', value: String((before2023.applications.cell ?? 0) + 7) }] },
      auth,
    );
    expect(corrected.data.correctReport.__typename).toBe('CorrectReportSuccess');
    expect(await stale()).toEqual([]);
    // The whole report page (read from report_read) shows the corrected cell and the next year's new X1 finding.
    const page = await api.graphql(`query($id: ID!) { report(id: $id) { applications { rows { code total } } } }`, { id: before2023.id }, auth);
    expect(page.data.report.applications.rows.find((r: any) => r.code === 'CARRIED_FORWARD').total).toBe((before2023.applications.cell ?? 0) + 7);
    expect((await pingtan(2024)).findings.map((f: any) => f.rule)).toContain('X1');

    await api.graphql(`mutation($id: ID!) { deleteReport(id: $id) }`, { id: before2023.id }, auth);
    expect(await stale()).toEqual([]);
    expect((await pingtan(2024)).findings.map((f: any) => f.rule)).not.toContain('X1');
  });

  it('falls back to the rows for a report that has none (same answer)', async () => {
    const query = `query($id: ID!) { report(id: $id) { applications { rows { code cells { value } } } sections { body } findings { rule } } }`;
    const before = await api.graphql(query, { id: reportId });
    await api.orm.em.getConnection().execute(`delete from report_read where report_id = ?`, [Number(Buffer.from(reportId, 'base64').toString().split(':')[1])]);
    expect(await api.graphql(query, { id: reportId })).toEqual(before);
  });
});
