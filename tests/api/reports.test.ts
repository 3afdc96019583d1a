/**
 * A portal reads reports: the sample reports' printed figures come back exactly, through HTTP,
 * with their tables in official order and labels.
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

const SHANTING = `
  query Shanting($agencyId: ID!) {
    report(agencyId: $agencyId, year: 2024) {
      id year formatVersion
      agency { name regionCode level kind }
      applications {
        newReceived: cell(row: NEW_RECEIVED, column: TOTAL)
        carriedForward: cell(row: CARRIED_FORWARD, column: NATURAL_PERSON)
        columns { code label group }
        rows { code label group total cells { column value } }
      }
      proactiveDisclosure {
        punishments: count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS)
        fees: amount(item: ADMINISTRATIVE_FEES, measure: FEE_AMOUNT)
        groups { article measures { code label } items { code label cells { measure count amount isAmount } } }
      }
      reviewsAndLitigation {
        reviews: cell(group: ADMINISTRATIVE_REVIEW, outcome: TOTAL)
        groups { code label parent total cells { outcome value } }
      }
      findings { rule severity }
    }
  }`;

async function agencyIdOf(name: string): Promise<string> {
  const result = await api.graphql(`{ reports(first: 100) { edges { node { agency { id name } } } } }`);
  const hit = result.data.reports.edges.find((e: any) => e.node.agency.name === name);
  if (!hit) throw new Error(`no agency ${name}`);
  return hit.node.agency.id;
}

describe('a report, as published', () => {
  it('returns the Shanting 2024 figures exactly', async () => {
    const result = await api.graphql(SHANTING, { agencyId: await agencyIdOf('枣庄市山亭区人民政府') });
    expect(result.errors).toBeUndefined();
    const report = result.data.report;
    expect(report.year).toBe(2024);
    expect(report.formatVersion).toBe('FORMAT_2021');
    expect(report.agency).toEqual({ name: '枣庄市山亭区人民政府', regionCode: '370406', level: 'COUNTY', kind: 'GOVERNMENT' });
    expect(report.applications.newReceived).toBe(34);
    expect(report.applications.carriedForward).toBe(1);
    expect(report.proactiveDisclosure.punishments).toBe(98001);
    expect(report.proactiveDisclosure.fees).toBe('1421');
    expect(report.reviewsAndLitigation.reviews).toBe(4);
    expect(report.findings.filter((f: any) => f.severity === 'ERROR')).toEqual([]);
  });

  it('gives every row and column in official order with the official labels', async () => {
    const result = await api.graphql(SHANTING, { agencyId: await agencyIdOf('枣庄市山亭区人民政府') });
    const { applications, proactiveDisclosure, reviewsAndLitigation } = result.data.report;
    expect(applications.rows).toHaveLength(25);
    expect(applications.rows[0]).toMatchObject({ code: 'NEW_RECEIVED', label: '一、本年新收政府信息公开申请数量', total: 34 });
    expect(applications.rows[24].code).toBe('CARRIED_FORWARD');
    expect(applications.rows.find((r: any) => r.code === 'WITHHELD_STATE_SECRET').group).toBe('（三）不予公开');
    expect(applications.columns.map((c: any) => c.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(applications.columns[1].group).toBe('法人或其他组织');
    expect(applications.rows[0].cells[0]).toEqual({ column: 'NATURAL_PERSON', value: 34 });
    expect(proactiveDisclosure.groups.map((g: any) => g.article)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    const fees = proactiveDisclosure.groups[3].items[0];
    expect(fees).toEqual({ code: 'ADMINISTRATIVE_FEES', label: '行政事业性收费', cells: [{ measure: 'FEE_AMOUNT', count: null, amount: '1421', isAmount: true }] });
    expect(reviewsAndLitigation.groups.map((g: any) => [g.code, g.parent, g.total])).toEqual([
      ['ADMINISTRATIVE_REVIEW', null, 4],
      ['LITIGATION_WITHOUT_REVIEW', '行政诉讼', 0],
      ['LITIGATION_AFTER_REVIEW', '行政诉讼', 0],
    ]);
  });

  it('labels a 2019-format report with the 2019 wording and keeps blank cells as null', async () => {
    const result = await api.graphql(`{
      reports(filter: { formatVersion: FORMAT_2019 }) {
        totalCount
        edges { node { year applications {
          other: row(code: OTHER_HANDLING) { label }
          newRow: row(code: OTHER_NO_CORRECTION) { label }
          disclosedTotal: cell(row: DISCLOSED, column: TOTAL)
          disclosedPeople: cell(row: DISCLOSED, column: NATURAL_PERSON)
          rows { code }
        } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.reports.totalCount).toBe(1);
    const { applications } = result.data.reports.edges[0].node;
    expect(applications.rows).toHaveLength(23);
    expect(applications.other.label).toBe('（六）其他处理');
    expect(applications.newRow).toBeNull();
    // Shanghai 2019 printed the 总计 column blank for every detail row: blank is not zero.
    expect(applications.disclosedTotal).toBeNull();
    expect(applications.disclosedPeople).toBeGreaterThan(0);
  });

  it('reports a blank 总计 next to non-zero cells as a finding, keeping what was printed', async () => {
    const result = await api.graphql(`{
      reports(filter: { regionCode: "31" }, orderBy: YEAR_DESC) {
        edges { node { year agency { name } applications { cell(row: CARRIED_FORWARD, column: TOTAL) }
          findings(rule: B1) { rule severity cells expected actual } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const kewei = result.data.reports.edges.find((e: any) => e.node.year === 2024).node;
    expect(kewei.applications.cell).toBeNull();
    expect(kewei.findings).toContainEqual(
      expect.objectContaining({ rule: 'B1', cells: expect.arrayContaining(['applications.CARRIED_FORWARD.TOTAL']), expected: '1' }),
    );
  });

  it('says what a finding found in Chinese by default, in English on Accept-Language: en, with a stable code and params', async () => {
    const query = `{ reports(filter: { regionCode: "31", year: 2024 }) { edges { node { findings(rule: B1) { rule code params message cells } } } } }`;
    const chinese = await api.graphql(query);
    const english = await api.graphql(query, {}, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(chinese.errors).toBeUndefined();
    const [zh] = chinese.data.reports.edges[0].node.findings;
    const [en] = english.data.reports.edges[0].node.findings;
    expect(zh).toMatchObject({ rule: 'B1', code: 'BLANK_IMPLIED', params: { cell: 'applications.CARRIED_FORWARD.TOTAL', value: 1, formatVersion: '2021' } });
    expect(zh.message).toMatch(/^B1：单元格“四、结转下年度继续办理 \/ 总计”（applications\.CARRIED_FORWARD\.TOTAL）为空白，但其他单元格要求此处为 1/);
    expect(en.message).toMatch(/^B1: the cell 四、结转下年度继续办理 \/ 总计 \(applications\.CARRIED_FORWARD\.TOTAL\) is blank, but the other cells require 1 there/);
    expect({ ...en, message: undefined }).toEqual({ ...zh, message: undefined });
    // A cache between portal and service must not serve one language's answer for the other.
    const response = await api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ query }) });
    expect(response.headers.get('vary') ?? '').toMatch(/Accept-Language/i);
  });

  it('describes the API at its root (GraphiQL’s docs page), in words that name the tables and the language of findings', async () => {
    const result = await api.graphql(`{ __schema { description } }`);
    expect(result.data.__schema.description).toMatch(/^Nianbao \(年报\)/);
    expect(result.data.__schema.description).toContain('Accept-Language: en');
    expect(result.data.__schema.description).toContain('report.comparison');
  });

  it('returns the whole report as interchange JSON, equal to what was imported', async () => {
    const result = await api.graphql(`query($agencyId: ID!) { report(agencyId: $agencyId, year: 2024) { interchange } }`, {
      agencyId: await agencyIdOf('枣庄市山亭区人民政府'),
    });
    const { readSamples } = await import('../../src/store/services/samples.js');
    const sample = readSamples().find((s) => s.file.startsWith('01_'))!.sample.report as any;
    const exported = result.data.report.interchange;
    expect(exported.applications).toEqual(sample.applications);
    expect(exported.proactiveDisclosure).toEqual(sample.proactiveDisclosure);
    expect(exported.reviewsAndLitigation).toEqual(sample.reviewsAndLitigation);
    expect(exported.sections).toEqual(sample.sections);
  });
});
