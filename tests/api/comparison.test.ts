/**
 * An oversight office compares a report with the year before: every cell's change (blank is not 0),
 * the text changed sentence by sentence and the share copied unchanged — in one SQL statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
  const found = await api.graphql(`{ reports(first: 100) { edges { node { id year agency { name regionCode } } } } }`);
  for (const { node } of found.data.reports.edges) ids[`${node.agency.regionCode}:${node.year}`] = node.id;
});
afterAll(() => api?.close());

const COMPARISON = `query($id: ID!, $with: ID) { report(id: $id) { comparison(with: $with) {
  before { year } after { year agency { name } }
  changedCells
  cells { table row column cell label before after delta kind isAmount }
  sections { code title sentencesBefore sentencesAfter copiedSentences copiedShare changes(changedOnly: true) { kind text } }
} } }`;

async function compare(id: string, other?: string) {
  api.statements.length = 0;
  const result = await api.graphql(COMPARISON, { id, with: other });
  expect(result.errors).toBeUndefined();
  return { comparison: result.data.report.comparison, statements: [...api.statements] };
}

describe('year-over-year comparison', () => {
  const pingtan = (year: number) => {
    const key = Object.keys(ids).find((k) => k.endsWith(`:${year}`) && ids[k] && k.startsWith('350128'));
    return ids[key!];
  };

  it('compares a report with the same agency’s previous year by default, in one statement', async () => {
    const { comparison, statements } = await compare(pingtan(2024));
    // One for report(id), one for the comparison: both reports, their tables and sections together.
    expect(statements).toHaveLength(2);
    expect(statements[1]).toContain('report_read');
    expect(comparison.before.year).toBe(2023);
    expect(comparison.after.year).toBe(2024);
    const total = comparison.cells.find((c: any) => c.cell === 'applications.NEW_RECEIVED.TOTAL');
    expect(total).toMatchObject({ table: 'APPLICATIONS', label: '一、本年新收政府信息公开申请数量 / 总计', isAmount: false });
    expect(Number(total.delta)).toBe(Number(total.after) - Number(total.before));
    for (const cell of comparison.cells) {
      if (cell.before === null || cell.after === null) expect(cell.delta, cell.cell).toBeNull();
      else expect(Number(cell.delta), cell.cell).toBeCloseTo(Number(cell.after) - Number(cell.before), 6);
    }
    expect(comparison.changedCells).toBe(comparison.cells.filter((c: any) => ['CHANGED', 'NOW_BLANK', 'NOW_PRINTED'].includes(c.kind)).length);
    expect(comparison.changedCells).toBeGreaterThan(0);
  });

  it('gives each part’s sentences changed and the share copied unchanged', async () => {
    const { comparison } = await compare(pingtan(2024));
    expect(comparison.sections.map((s: any) => s.code)).toContain('OVERVIEW');
    for (const section of comparison.sections) {
      if (section.copiedShare !== null) expect(section.copiedShare).toBeGreaterThanOrEqual(0), expect(section.copiedShare).toBeLessThanOrEqual(1);
      expect(section.changes.every((c: any) => c.kind !== 'SAME')).toBe(true);
      expect(section.changes.filter((c: any) => c.kind === 'ADDED')).toHaveLength(section.sentencesAfter - section.copiedSentences);
    }
  });

  it('compares any two reports on request, but not a report with itself', async () => {
    const { comparison } = await compare(pingtan(2024), pingtan(2024));
    expect(comparison).toBeNull(); // the same report is not "another" one
    const other = Object.values(ids).find((id) => id !== pingtan(2024) && id !== pingtan(2023))!;
    const { comparison: across, statements } = await compare(pingtan(2024), other);
    expect(statements).toHaveLength(2);
    expect(across.cells.length).toBeGreaterThan(100);
  });

  it('compares every report of a list with its previous year in one statement, whatever the page size', async () => {
    const page = (first: number) => `{ reports(first: ${first}, orderBy: YEAR_DESC) { edges { node { year comparison { before { year } changedCells } } } } }`;
    api.statements.length = 0;
    const one = await api.graphql(page(1));
    const oneCount = api.statements.length;
    api.statements.length = 0;
    const all = await api.graphql(page(50));
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(api.statements.length).toBe(oneCount);
    const compared = all.data.reports.edges.filter((e: any) => e.node.comparison);
    expect(compared.length).toBeGreaterThan(0);
    for (const { node } of compared) expect(node.comparison.before.year).toBe(node.year - 1);
  });

  it('is null when the agency has no report of the year before', async () => {
    const { comparison } = await compare(pingtan(2023));
    expect(comparison).toBeNull();
  });

  it('refuses an ID that is not a report’s, saying so', async () => {
    const result = await api.graphql(COMPARISON, { id: pingtan(2024), with: Buffer.from('Agency:1').toString('base64') });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0].message).toMatch(/not a Report/);
  });
});
