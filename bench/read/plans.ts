/**
 * `npm run bench:plans`: every shape of statement the read pool sends, built by the store's own
 * functions, EXPLAINed on the bench database both ways PostgreSQL can plan a named statement: per
 * execution (plan_cache_mode = auto, after the 5 executions it plans custom) and with one generic plan
 * (force_generic_plan). Prints a table: which way the code chose (src/store/read-connections.ts) and
 * the execution and planning time of each. A statement marked generic must be as fast forced generic
 * as planned, for the provinces whose reports have the lowest, middle and highest ids.
 *
 *   BENCH_DATABASE   the bench database to use (default nianbao_bench; `npm run bench:read` with
 *                    BENCH_KEEP=1 leaves one)
 *   BENCH_ONLY       a regular expression on the statement labels
 */
import pg from 'pg';
import { prepareValue } from 'pg/lib/utils.js';
import { aliasesOf, listAgencies } from '../../src/store/agencies/list.js';
import { compareReports } from '../../src/store/comparison/compare.js';
import type { ReportStatus } from '../../src/store/entities/index.js';
import type { ReadPool, Statement } from '../../src/store/read-pool.js';
import { correctionsByReport, correctionsByRevision } from '../../src/store/reports/corrections.js';
import { agenciesById, countReports, listReports, reportParts, reportsByAgency, reportsByAgencyYear, reportsById, sourceTexts, type ReportPageRequest } from '../../src/store/reports/read.js';
import { revisionContents, revisionsByReport } from '../../src/store/reports/revisions.js';
import { partBit, REPORT_ONLY, type PartRequest } from '../../src/store/reports/sql.js';

interface Sent {
  label: string;
  statement: Statement;
  values: unknown[];
}

const database = process.env.BENCH_DATABASE ?? 'nianbao_bench';
const server = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: server.replace(/\/[^/?]*(\?|$)/, `/${database}$1`) });
await client.connect();

const sent: Sent[] = [];
let label = '';
/** A pool that records what it is asked and answers nothing: the store's functions build the statements. */
const recorder = { rows: async (statement: Statement, values: unknown[]) => (sent.push({ label, statement, values }), []) } as unknown as ReadPool;
const record = async (name: string, build: () => Promise<unknown>) => {
  label = name;
  await build().catch(() => undefined); // a function that reads its answer fails on the empty one, after sending
};

const PUBLIC: ReportStatus[] = ['PUBLISHED'];
const WHOLE: PartRequest = { mask: 31 };
const LIST_PAGE: PartRequest = { mask: partBit('applications') | partBit('reviews'), rows: { applications: ['NEW_RECEIVED', 'CARRIED_OVER'], reviews: ['REVIEW'] }, slim: true };
const page = (filter: ReportPageRequest['filter'], order: ReportPageRequest['order'] = 'YEAR_DESC', extra: Partial<ReportPageRequest> = {}): ReportPageRequest => ({ filter: { statuses: PUBLIC, ...filter }, order, limit: 21, inverted: false, ...extra });

const year = (await client.query<{ y: number }>('select max(year) as y from report')).rows[0].y;
// The provinces whose reports have the lowest, a middle and the highest ids (a plan that walks ids finds them last, midway, first).
const byIds = (await client.query<{ p: string }>('select left(region_code, 2) as p from report group by 1 order by min(id)')).rows.map((r) => r.p);
const provinces = [...new Set([byIds[0], byIds[Math.floor(byIds.length / 2)], byIds[byIds.length - 1]])];
const ids = (await client.query<{ id: number }>('select id from report order by md5(id::text) limit 20')).rows.map((r) => r.id);
const pairs = (await client.query<{ agency_id: number; year: number }>('select agency_id, year from report order by md5(id::text) limit 20')).rows;
const agencyIds = pairs.map((p) => p.agency_id);

for (const p of provinces) {
  for (const order of ['YEAR_DESC', 'AGENCY_NAME_ASC', 'UPDATED_AT_DESC'] as const) await record(`list, province ${p}, ${year}, ${order}`, () => listReports(recorder, page({ regionCode: p, years: [year] }, order), LIST_PAGE, true));
  await record(`list, province ${p}, two years`, () => listReports(recorder, page({ regionCode: p, years: [year - 1, year] }), LIST_PAGE, true));
  await record(`list, province ${p}, since ${year - 2}`, () => listReports(recorder, page({ regionCode: p, yearFrom: year - 2 }), LIST_PAGE, true));
  await record(`list, province ${p}, every year, YEAR_ASC`, () => listReports(recorder, page({ regionCode: p }, 'YEAR_ASC'), LIST_PAGE, true));
  await record(`list, province ${p}, every year, UPDATED_AT_DESC`, () => listReports(recorder, page({ regionCode: p }, 'UPDATED_AT_DESC'), LIST_PAGE, true));
  await record(`list, prefecture ${p}01, ${year}`, () => listReports(recorder, page({ regionCode: `${p}01`, years: [year] }), { mask: 0, slim: true }, true));
  await record(`list, county ${p}0101, after a cursor`, () => listReports(recorder, page({ regionCode: `${p}0101` }, 'YEAR_DESC', { after: { key: year - 2, id: ids[0] } }), LIST_PAGE, true));
  await record(`list, province ${p}, two statuses`, () => listReports(recorder, page({ regionCode: p, years: [year], statuses: ['PUBLISHED', 'DRAFT'] }), REPORT_ONLY, true));
  await record(`list, province ${p}, with findings X3`, () => listReports(recorder, page({ regionCode: p, withFindingRules: ['X3'] }), REPORT_ONLY, true));
  await record(`count, province ${p}, until ${year - 2}`, () => countReports(recorder, { regionCode: p, yearTo: year - 2, statuses: PUBLIC }));
  await record(`agencies, province ${p}`, () => listAgencies(recorder, { regionCode: p, limit: 50, statuses: PUBLIC }));
  await record(`agencies, county ${p}0101`, () => listAgencies(recorder, { regionCode: `${p}0101`, limit: 50, statuses: PUBLIC }));
}
await record(`list, everything, ${year}`, () => listReports(recorder, page({ years: [year] }), LIST_PAGE, true));
await record('list, everything, AGENCY_NAME_ASC', () => listReports(recorder, page({}, 'AGENCY_NAME_ASC'), LIST_PAGE, true));
await record(`list, since ${year - 3}, UPDATED_AT_DESC`, () => listReports(recorder, page({ yearFrom: year - 3 }, 'UPDATED_AT_DESC'), LIST_PAGE, true));
await record('list, 20 agencies, whole reports', () => listReports(recorder, page({ agencyIds }), WHOLE, true));
await record('list, one agency, whole reports', () => listReports(recorder, page({ agencyIds: [agencyIds[0]] }), WHOLE, true));
await record('report page (S1): one report, whole', () => reportsById(recorder, [ids[0]], WHOLE, PUBLIC));
await record('20 reports by id, whole', () => reportsById(recorder, ids, WHOLE, PUBLIC));
await record('previous years: 20 (agency, year) pairs', () => reportsByAgencyYear(recorder, pairs.map((p) => ({ agencyId: p.agency_id, year: p.year })), WHOLE, PUBLIC));
await record("20 agencies' reports", () => reportsByAgency(recorder, agencyIds, REPORT_ONLY, PUBLIC));
await record('parts of 20 reports', () => reportParts(recorder, ids, WHOLE));
await record('20 agencies by id', () => agenciesById(recorder, agencyIds, PUBLIC));
await record('sources of 20 reports', () => sourceTexts(recorder, ids));
await record('agencies, search 教育局', () => listAgencies(recorder, { search: '教育局', limit: 50, statuses: PUBLIC }));
await record(`agencies, search 统计 in province ${provinces[0]}`, () => listAgencies(recorder, { search: '统计', regionCode: provinces[0], limit: 50, statuses: PUBLIC }));
await record('agencies, every one', () => listAgencies(recorder, { limit: 50, statuses: PUBLIC }));
await record('aliases of 20 agencies', () => aliasesOf(recorder, agencyIds));
await record('comparisons of 5 reports with their previous years', () => compareReports(recorder, ids.slice(0, 5).map((id) => ({ reportId: id, otherId: null })), PUBLIC));
await record('corrections of 20 reports', () => correctionsByReport(recorder, ids));
await record('corrections of 20 revisions', () => correctionsByRevision(recorder, ids));
await record('revisions of 20 reports', () => revisionsByReport(recorder, ids));
await record('contents of 20 revisions', () => revisionContents(recorder, ids));

const literal = (value: unknown) => {
  const prepared = prepareValue(value);
  return prepared === null ? 'null' : client.escapeLiteral(String(prepared));
};
/** Median of 3 timed EXPLAIN ANALYZE runs after 6 executions (PostgreSQL decides custom or generic at the 6th). */
async function explain(name: string, mode: 'auto' | 'force_generic_plan', text: string, values: unknown[]) {
  await client.query(`set plan_cache_mode = ${mode}`);
  await client.query(`prepare ${name} as ${text}`);
  const execute = `execute ${name}(${values.map(literal).join(', ')})`;
  for (let i = 0; i < 6; i++) await client.query(execute);
  const runs: { execution: number; planning: number; buffers: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const [plan] = (await client.query(`explain (analyze, buffers, format json) ${execute}`)).rows[0]['QUERY PLAN'];
    runs.push({ execution: plan['Execution Time'], planning: plan['Planning Time'], buffers: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'] });
  }
  await client.query(`deallocate ${name}`);
  return runs.sort((a, b) => a.execution - b.execution)[1];
}

await client.query('set jit = off');
const only = new RegExp(process.env.BENCH_ONLY ?? '');
console.log(`Statements of the read path on ${database} (${(await client.query('select count(*)::int as n from report')).rows[0].n} reports), EXPLAIN ANALYZE, ms (median of 3):\n`);
console.log('| statement | the code plans it | per execution: execution + planning | forced generic: execution + planning | buffers, per execution / generic |');
console.log('|---|---|---|---|---|');
let n = 0;
for (const { label, statement, values } of sent) {
  if (!only.test(label)) continue;
  const planned = await explain(`planned_${n}`, 'auto', statement.text, values);
  const generic = await explain(`generic_${n++}`, 'force_generic_plan', statement.text, values);
  const ms = (run: typeof planned) => `${run.execution.toFixed(2)} + ${run.planning.toFixed(2)}`;
  console.log(`| ${label} | ${statement.plan === 'generic' ? '**generic**' : 'per execution'} | ${ms(planned)} | ${ms(generic)} | ${planned.buffers} / ${generic.buffers} |`);
}
await client.end();
