/**
 * The statistics rollup and the per-report cell vectors answer exactly what the base tables
 * answer (same groups, values, counted and excluded reports), and every report write — store,
 * correct, publish, delete, a level change — keeps them so, in the write's own transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { correctReport, deleteReport, publishReport } from '../../src/store/services/corrections.js';
import { buildMeasure, type MeasureRequest } from '../../src/store/services/measures.js';
import { storeReport } from '../../src/store/services/report-writes.js';
import { ROLLUP_MEASURES } from '../../src/store/services/rollup.js';
import { aggregate, type AggregateRequest } from '../../src/store/services/statistics.js';
import { buildRollupSql, buildVectorSql } from '../../src/store/services/statistics-precomputed.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { AGENCIES, buildReport, loadPortalData, REPORTS } from '../support/portal-data.js';

let api: TestApi;
const em = () => api.orm.em.fork() as EntityManager;

beforeAll(async () => {
  api = await createTestApi();
  await loadPortalData(api.orm.em.fork());
});
afterAll(() => api?.close());

const m = (r: MeasureRequest) => buildMeasure(r);
const MEASURES = [
  m({ kind: 'APPLICATION_CELL', applicationRow: 'NEW_RECEIVED' }),
  m({ kind: 'DISCLOSURE_RATE' }),
  m({ kind: 'REFUSAL_RATE' }),
  m({ kind: 'REFUSAL_SHARE', applicationRow: 'WITHHELD_STATE_SECRET' }),
  m({ kind: 'REVIEW_CORRECTION_RATE' }),
  m({ kind: 'LITIGATION_CORRECTION_RATE' }),
  m({ kind: 'APPLICATION_CELL', applicationRow: 'OUTCOME_TOTAL' }),
  m({ kind: 'APPLICATION_CELL', applicationRow: 'NEW_RECEIVED', applicantColumn: 'COMMERCIAL_ENTERPRISE' }),
  m({ kind: 'REVIEW_CELL', reviewGroup: 'LITIGATION_AFTER_REVIEW', reviewOutcome: 'PENDING' }),
  m({ kind: 'DISCLOSURE_CELL', disclosureItem: 'ADMINISTRATIVE_PUNISHMENT', disclosureMeasure: 'DECISIONS' }),
];
/** The cell vectors hold integer cells only (tables 三 and 四). */
const VECTOR_MEASURES = MEASURES.slice(0, -1);

const REQUESTS: AggregateRequest[] = [
  { filter: {}, measures: MEASURES, groupBy: [] },
  { filter: { statuses: ['PUBLISHED'] }, measures: MEASURES, groupBy: ['YEAR'] },
  { filter: { years: [2024] }, measures: MEASURES, groupBy: ['REGION'], regionLevel: 'PROVINCE' },
  { filter: { years: [2024] }, measures: MEASURES, groupBy: ['REGION'], regionLevel: 'PREFECTURE' },
  { filter: { regionCode: '35', yearFrom: 2023 }, measures: MEASURES, groupBy: ['REGION', 'YEAR'], regionLevel: 'COUNTY' },
  { filter: { yearTo: 2024, formatVersions: ['2021'] }, measures: MEASURES, groupBy: ['AGENCY_LEVEL', 'FORMAT_VERSION'] },
  { filter: { regionCode: '350128' }, measures: MEASURES.slice(0, 2), groupBy: ['YEAR'] },
  { filter: { years: [2024] }, measures: [MEASURES[1]], groupBy: ['REGION'], regionLevel: 'PROVINCE', rankBy: { measure: 0, direction: 'DESC', limit: 1, minReportsCounted: 1 } },
  { filter: { years: [1999] }, measures: MEASURES, groupBy: [] },
];

/** What only the cell vectors answer: by agency, filtered by agency or finding rule, with X1 counts. */
const VECTOR_REQUESTS: AggregateRequest[] = [
  { filter: { years: [2024] }, measures: VECTOR_MEASURES, groupBy: ['AGENCY'] },
  { filter: {}, measures: VECTOR_MEASURES, groupBy: ['AGENCY', 'YEAR'], crossYear: true },
  { filter: { regionCode: '35' }, measures: VECTOR_MEASURES, groupBy: ['REGION', 'YEAR'], regionLevel: 'COUNTY', crossYear: true },
  { filter: { withFindingRules: ['X1', 'R1', 'R2', 'R3', 'R4'] }, measures: VECTOR_MEASURES, groupBy: ['YEAR'] },
  { filter: { years: [2024] }, measures: [MEASURES[2]], groupBy: ['AGENCY'], rankBy: { measure: 0, direction: 'DESC', limit: 2, minReportsCounted: 1 } },
];

/** Every request, answered from the rollup, from the cell vectors and from the base tables. */
async function expectRollupMatchesBase() {
  const agencyIds = (await em().getConnection().execute('select id from agency order by id limit 2')).map((r: any) => r.id);
  const compare = async (request: AggregateRequest, source: 'rollup' | 'vectors') => {
    const label = `${source}: ${JSON.stringify(request.filter)} ${request.groupBy.join()}`;
    expect(source === 'rollup' ? buildRollupSql(request, request.filter) : buildVectorSql(request, request.filter), label).not.toBeNull();
    const fromBase = await aggregate(em(), { ...request, useRollup: false, useVectors: false });
    const fromSource = await aggregate(em(), source === 'rollup' ? { ...request, useVectors: false } : { ...request, useRollup: false });
    expect(fromSource, label).toEqual(fromBase);
  };
  for (const request of REQUESTS) {
    await compare(request, 'rollup');
    await compare({ ...request, measures: request.measures.filter((x) => VECTOR_MEASURES.includes(x)) }, 'vectors');
  }
  for (const request of [...VECTOR_REQUESTS, { filter: { agencyIds }, measures: VECTOR_MEASURES, groupBy: ['YEAR'] } as AggregateRequest]) await compare(request, 'vectors');
}

describe('statistics rollup and cell vectors', () => {
  it('answers exactly as the base tables, blanks excluded and counted the same way', async () => {
    await expectRollupMatchesBase();
    // The data has blanks (鼓楼区 （七）总计, 思明区 复议后起诉 总计): they show up as exclusions in both.
    const provinces = await aggregate(em(), REQUESTS[2]);
    expect(provinces.groups.find((g) => g.regionCode === '350000')!.values[1]).toMatchObject({ counted: 2, excluded: 1 });
  });

  it('is used only when it can answer exactly', () => {
    const base = { filter: {}, measures: MEASURES, groupBy: [] } as AggregateRequest;
    expect(buildRollupSql(base, {})).not.toBeNull();
    expect(buildRollupSql({ ...base, groupBy: ['AGENCY'] }, {})).toBeNull();
    expect(buildRollupSql({ ...base, crossYear: true }, {})).toBeNull();
    expect(buildRollupSql(base, { agencyIds: [1] })).toBeNull();
    expect(buildRollupSql(base, { withFindingRules: ['X1'] })).toBeNull();
    expect(buildRollupSql({ ...base, measures: [m({ kind: 'APPLICATION_CELL', applicationRow: 'DISCLOSED', applicantColumn: 'NATURAL_PERSON' })] }, {})).toBeNull();
    expect(buildRollupSql({ ...base, measures: [m({ kind: 'DISCLOSURE_CELL', disclosureItem: 'ADMINISTRATIVE_PUNISHMENT', disclosureMeasure: 'DECISIONS' })] }, {})).not.toBeNull();
    expect(buildRollupSql({ ...base, measures: [m({ kind: 'REVIEW_CELL', reviewGroup: 'ADMINISTRATIVE_REVIEW', reviewOutcome: 'UPHELD' })] }, {})).not.toBeNull();
    expect(ROLLUP_MEASURES.length).toBeGreaterThan(25);
    // The vectors answer any grouping and filter, but only for rolled-up measures.
    expect(buildVectorSql({ ...base, measures: VECTOR_MEASURES, groupBy: ['AGENCY'], crossYear: true }, { agencyIds: [1], withFindingRules: ['X1'] })).not.toBeNull();
    expect(buildVectorSql({ ...base, measures: [m({ kind: 'APPLICATION_CELL', applicationRow: 'DISCLOSED', applicantColumn: 'NATURAL_PERSON' })] }, {})).toBeNull();
    expect(buildVectorSql({ ...base, measures: [...MEASURES, m({ kind: 'DISCLOSURE_CELL', disclosureItem: 'ADMINISTRATIVE_PUNISHMENT', disclosureMeasure: 'DECISIONS' })] }, {})).toBeNull();
  });

  it('follows every write in the same transaction: store, draft, publish, correct, level change, delete', async () => {
    const newReceived = async (filter = {}) => (await aggregate(em(), { filter: { years: [2024], ...filter }, measures: [MEASURES[0]], groupBy: [] })).groups[0].values[0].numerator;
    expect(await newReceived()).toBe(95);

    // A new agency and report, stored as a draft: visible only to a filter that includes drafts.
    const agency = { name: '福州市鼓楼区商务局', regionCode: '350102', level: 'COUNTY' as const, kind: 'DEPARTMENT' as const };
    const f = { ...REPORTS[1].f, newReceived: 7 };
    const { report } = await storeReport(em(), { report: buildReport(2024, '2021', f), agency, status: 'DRAFT' });
    expect(await newReceived({ statuses: ['PUBLISHED'] })).toBe(95);
    expect(await newReceived()).toBe(102);
    await expectRollupMatchesBase();

    await publishReport(em(), report.id);
    expect(await newReceived({ statuses: ['PUBLISHED'] })).toBe(102);

    await correctReport(em(), { reportId: report.id, cells: [{ cell: 'applications.NEW_RECEIVED.TOTAL', value: 9 }] });
    expect(await newReceived()).toBe(104);
    // A blank cell: the report leaves the measure and is counted as excluded.
    await correctReport(em(), { reportId: report.id, cells: [{ cell: 'applications.NEW_RECEIVED.TOTAL', value: null }] });
    const blank = (await aggregate(em(), { filter: { years: [2024] }, measures: [MEASURES[0]], groupBy: [] })).groups[0];
    expect(blank.values[0]).toMatchObject({ numerator: 95, counted: 4, excluded: 1 });
    await expectRollupMatchesBase();

    // The agency's level changes with a later store: all its years move to the new level.
    await storeReport(em(), { report: buildReport(2023, '2021', f), agency });
    await storeReport(em(), { report: buildReport(2024, '2021', f), agency: { ...agency, level: 'PREFECTURAL' } });
    const levels = await aggregate(em(), { filter: {}, measures: [MEASURES[0]], groupBy: ['AGENCY_LEVEL', 'YEAR'] });
    expect(levels.groups.filter((g) => g.agencyLevel === 'PREFECTURAL').map((g) => [g.year, g.reports])).toEqual([[2023, 1], [2024, 1]]);
    await expectRollupMatchesBase();

    await deleteReport(em(), report.id);
    expect(await newReceived()).toBe(95);
    await expectRollupMatchesBase();
    // Nothing of the deleted report is left in the rollup's 2024 rows, nor a vector.
    const [row] = await em().getConnection().execute(`select sum(reports)::int as reports from report_rollup where year = 2024 and measure = (select min(measure) from report_rollup)`);
    expect(row.reports).toBe(REPORTS.filter((r) => r.year === 2024).length);
    const [vectors] = await em().getConnection().execute(
      `select count(*)::int as n, count(*) filter (where report_id not in (select id from report))::int as orphans, (select count(*)::int from report) as reports from report_cell_vector`,
    );
    expect(vectors).toEqual({ n: vectors.reports, orphans: 0, reports: REPORTS.length + 1 }); // the new agency's 2023 report stays
    expect(AGENCIES.gulou.regionCode).toBe(agency.regionCode);
  });
});
