/**
 * A portal's questions, answered from a hand-checked data set (tests/support/portal-data.ts):
 * sums and rates by region, year, level and format; blanks excluded, not zeroed; rankings; time
 * series with the cross-year check; the findings work list. One SQL statement per aggregate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildMeasure } from '../../src/store/services/measures.js';
import { TooManyGroupsError, aggregate } from '../../src/store/services/statistics.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { loadPortalData } from '../support/portal-data.js';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await loadPortalData(api.orm.em.fork());
});
afterAll(() => api?.close());

const NEW = '{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }';
const RATE = '{ kind: DISCLOSURE_RATE }';

async function once(query: string, variables?: Record<string, unknown>) {
  api.statements.length = 0;
  const result = await api.graphql(query, variables);
  expect(result.errors).toBeUndefined();
  return { data: result.data, statements: api.statements.length };
}

const V = 'value reportsCounted reportsExcluded';

describe('statistics', () => {
  it('compares a province’s counties in one year, excluding blank cells from rates (one statement)', async () => {
    const { data, statements } = await once(`{ statistics(filter: { regionCode: "35", year: 2024 }, measures: [${NEW}, ${RATE}], groupBy: [REGION], regionLevel: COUNTY) {
      measures { kind label isRate } totalGroups groups { regionCode reports values { ${V} numerator denominator } } } }`);
    expect(statements).toBe(1);
    const s = data.statistics;
    expect(s.measures[0]).toEqual({ kind: 'APPLICATION_CELL', label: '一、本年新收政府信息公开申请数量 × 总计', isRate: false });
    expect(s.measures[1].label).toContain('（一）予以公开');
    expect(s.groups.map((g: any) => [g.regionCode, g.values[0].value, g.values[1].value])).toEqual([
      ['350102', 30, null],
      ['350128', 20, 0.75],
      ['350203', 40, 0.5],
    ]);
    // 鼓楼区 printed （七）总计 blank: left out of the rate, counted as excluded.
    expect(s.groups[0].values[1]).toEqual({ value: null, reportsCounted: 0, reportsExcluded: 1, numerator: null, denominator: null });
    expect(s.groups[2].values[1]).toMatchObject({ numerator: 20, denominator: 40, reportsCounted: 1 });
  });

  it('groups by prefecture, with a municipality as its own prefecture-level unit, and names the regions', async () => {
    const { data, statements } = await once(`{ statistics(filter: { year: 2024 }, measures: [${NEW}, ${RATE}], groupBy: [REGION], regionLevel: PREFECTURE) {
      groups { region { name level } values { ${V} } } } }`);
    expect(statements).toBe(2); // the aggregate, then the regions in one batch
    expect(data.statistics.groups.map((g: any) => [g.region.name, g.values[0].value, g.values[1]])).toEqual([
      ['北京市', 5, { value: 1, reportsCounted: 1, reportsExcluded: 0 }],
      ['福州市', 50, { value: 0.75, reportsCounted: 1, reportsExcluded: 1 }],
      ['厦门市', 40, { value: 0.5, reportsCounted: 1, reportsExcluded: 0 }],
    ]);
  });

  it('gives year-over-year changes when grouped by year', async () => {
    const { data } = await once(`{ statistics(filter: { regionCode: "350128", year: 2024 }, measures: [${NEW}, ${RATE}], groupBy: [YEAR]) {
      groups { year values { value change changeRatio previousYear { value } } } } }`);
    expect(data.statistics.groups).toEqual([
      { year: 2024, values: [{ value: 20, change: 10, changeRatio: 1, previousYear: { value: 10 } }, { value: 0.75, change: 0.15000000000000002, changeRatio: 0.25000000000000006, previousYear: { value: 0.6 } }] },
    ]);
  });

  it('computes correction rates and refusal shares, pooled over the counted reports', async () => {
    const { data, statements } = await once(`{ statistics(filter: { year: 2024 }, measures: [
        { kind: REVIEW_CORRECTION_RATE }, { kind: LITIGATION_CORRECTION_RATE },
        { kind: REFUSAL_SHARE, applicationRow: WITHHELD_STATE_SECRET }, { kind: REFUSAL_RATE },
        { kind: REVIEW_CELL, reviewGroup: ADMINISTRATIVE_REVIEW, reviewOutcome: TOTAL }]) {
      groups { reports values { ${V} numerator denominator } } } }`);
    expect(statements).toBe(1);
    const [review, litigation, secret, refusal, reviews] = data.statistics.groups[0].values;
    expect(data.statistics.groups[0].reports).toBe(4);
    // 行政复议: corrected 2+0+1+0 over (5−1)+(0−0)+(2−0)+(1−0)
    expect(review).toEqual({ value: 3 / 7, reportsCounted: 4, reportsExcluded: 0, numerator: 3, denominator: 7 });
    // 思明区 printed 复议后起诉 总计 blank: excluded; 平潭 1 over (3−0)+(2−1)
    expect(litigation).toEqual({ value: 0.25, reportsCounted: 3, reportsExcluded: 1, numerator: 1, denominator: 4 });
    expect(secret).toEqual({ value: 6 / 65, reportsCounted: 3, reportsExcluded: 1, numerator: 6, denominator: 65 });
    expect(refusal).toMatchObject({ numerator: 6, denominator: 65 });
    expect(reviews).toEqual({ value: 8, reportsCounted: 4, reportsExcluded: 0, numerator: 8, denominator: null });
  });

  it('sums a proactive-disclosure cell by format version and by agency level', async () => {
    const { data } = await once(`{ byFormat: statistics(measures: [{ kind: DISCLOSURE_CELL, disclosureItem: ADMINISTRATIVE_PUNISHMENT, disclosureMeasure: DECISIONS }], groupBy: [FORMAT_VERSION]) {
        measures { label } groups { formatVersion values { ${V} } } }
      byLevel: statistics(filter: { regionCode: "11" }, measures: [${NEW}], groupBy: [AGENCY_LEVEL, YEAR]) { groups { agencyLevel year values { value } } } }`);
    expect(data.byFormat.measures[0].label).toBe('行政处罚 × 本年处理决定数量');
    expect(data.byFormat.groups).toEqual([
      { formatVersion: 'FORMAT_2019', values: [{ value: 7, reportsCounted: 1, reportsExcluded: 0 }] },
      { formatVersion: 'FORMAT_2021', values: [{ value: 320, reportsCounted: 4, reportsExcluded: 1 }] },
    ]);
    expect(data.byLevel.groups).toEqual([
      { agencyLevel: 'COUNTY', year: 2020, values: [{ value: 8 }] },
      { agencyLevel: 'COUNTY', year: 2024, values: [{ value: 5 }] },
    ]);
  });

  it('ranks agencies and regions by a measure (one statement, plus one to name the agencies)', async () => {
    const single = await once(`{ ranking(filter: { year: 2024 }, measure: ${RATE}, first: 3) { groups { agency { name } values { value } } } }`);
    expect(single.statements).toBe(2);
    expect(single.data.ranking.groups.map((g: any) => g.values[0].value)).toEqual([1, 0.75, 0.5]);
    const { data } = await once(`{ top: ranking(filter: { year: 2024 }, measure: ${NEW}, first: 2) { totalGroups groups { agency { name } values { value } } }
      provinces: ranking(filter: { year: 2024 }, measure: ${RATE}, by: REGION, regionLevel: PROVINCE) { groups { regionCode values { value } } }
      refusers: ranking(filter: { year: 2024 }, measure: { kind: REFUSAL_RATE }, first: 1) { groups { agency { name } values { value } } } }`);
    expect(data.top).toEqual({ totalGroups: 4, groups: [{ agency: { name: '厦门市思明区人民政府' }, values: [{ value: 40 }] }, { agency: { name: '福州市鼓楼区人民政府' }, values: [{ value: 30 }] }] });
    expect(data.provinces.groups).toEqual([{ regionCode: '110000', values: [{ value: 1 }] }, { regionCode: '350000', values: [{ value: 35 / 60 }] }]);
    expect(data.refusers.groups).toEqual([{ agency: { name: '平潭县人民政府' }, values: [{ value: 0.1 }] }]);
  });

  it('refuses more groups than the maximum instead of returning a huge answer', async () => {
    const request = { filter: {}, measures: [buildMeasure({ kind: 'APPLICATION_CELL', applicationRow: 'NEW_RECEIVED' })], groupBy: ['AGENCY' as const] };
    expect((await aggregate(api.orm.em.fork() as EntityManager, { ...request, maxGroups: 5 })).groups).toHaveLength(5);
    await expect(aggregate(api.orm.em.fork() as EntityManager, { ...request, maxGroups: 4 })).rejects.toThrow(TooManyGroupsError);
  });

  it('rejects a measure without its cell', async () => {
    const result = await api.graphql(`{ statistics(measures: [{ kind: APPLICATION_CELL }]) { totalGroups } }`);
    expect(result.errors?.[0]).toMatchObject({ message: 'Measure APPLICATION_CELL needs `applicationRow`.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('time series and findings', () => {
  it('shows an agency across years with the cross-year check X1 where it fails', async () => {
    const agencyId = (await api.graphql(`{ ranking(measure: ${NEW}, filter: { regionCode: "350128" }) { groups { agency { id } } } }`)).data.ranking.groups[0].agency.id;
    const { data, statements } = await once(`query($a: ID!) { timeSeries(agencyId: $a, measures: [${NEW}, { kind: APPLICATION_CELL, applicationRow: CARRIED_OVER }]) {
      points { year reports crossYearFailures values { value previousYear { value } } report { year } crossYearFindings { rule cells expected actual } } } }`, { a: agencyId });
    expect(statements).toBe(3); // series, reports, findings
    const [y2023, y2024] = data.timeSeries.points;
    expect(y2023).toMatchObject({ year: 2023, crossYearFailures: 0, values: [{ value: 10, previousYear: null }, { value: 0 }], report: { year: 2023 }, crossYearFindings: [] });
    expect(y2024).toMatchObject({ year: 2024, crossYearFailures: 1, values: [{ value: 20, previousYear: { value: 10 } }, { value: 2 }], report: { year: 2024 } });
    expect(y2024.crossYearFindings).toEqual([expect.objectContaining({ rule: 'X1', expected: '3', actual: '2' })]);
  });

  it('shows a region across years', async () => {
    const { data, statements } = await once(`{ timeSeries(regionCode: "35", measures: [${NEW}]) { points { year reports crossYearFailures values { value } report { year } } } }`);
    expect(statements).toBe(1);
    expect(data.timeSeries.points).toEqual([
      { year: 2023, reports: 1, crossYearFailures: 0, values: [{ value: 10 }], report: null },
      { year: 2024, reports: 3, crossYearFailures: 1, values: [{ value: 90 }], report: null },
    ]);
  });

  it('lists the reports with X1 findings in a province and year, with counts', async () => {
    const { data, statements } = await once(`{ findingReports(rule: X1, filter: { regionCode: "35", year: 2024 }) { totalCount totalFindings
      edges { node { matchingFindings report { year agency { name } } findings { rule } } } } }`);
    expect(statements).toBe(3); // the page, its reports, their findings
    expect(data.findingReports).toMatchObject({ totalCount: 1, edges: [{ node: { report: { year: 2024, agency: { name: '平潭县人民政府' } } } }] });
    const node = data.findingReports.edges[0].node;
    expect(node.findings.every((f: any) => f.rule === 'X1')).toBe(true);
    expect(node.matchingFindings).toBe(node.findings.length);
    expect(data.findingReports.totalFindings).toBe(node.findings.length);
    const none = await api.graphql(`{ findingReports(rule: X1, filter: { regionCode: "11" }) { totalCount edges { cursor } } }`);
    expect(none.data.findingReports).toEqual({ totalCount: 0, edges: [] });
  });
});
