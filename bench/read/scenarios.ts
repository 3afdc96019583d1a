/**
 * The read scenarios of `npm run bench:read`, each as the GraphQL a portal sends and as the one
 * statement the simplest raw-SQL server runs for the same answer (PostgreSQL builds the JSON), plus
 * a reduction of either answer to the numbers it prints, so the bench can check both agree.
 */
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES } from '../../src/format/index.js';

export interface Scenario {
  name: string;
  what: string;
  graphql: string;
  /** The raw server's statement; $1… are `params(sample)`. */
  sql: string;
  /** The statement as written without the service's region column (the first baseline), where it differs. */
  naiveSql?: string;
  /** Parameters for the i-th request (the bench rotates through samples so both sides see the same mix). */
  variables(i: number): Record<string, unknown>;
  params(variables: Record<string, unknown>): unknown[];
  /** The numbers (and texts) an answer shows, keyed by where they sit; blank cells left out. */
  numbers(answer: unknown, raw: boolean): Record<string, string>;
}

const column = (name: string) => name.toLowerCase();
const applicantCells = APPLICANT_CODES.map(column).map((c) => `x.${c}`).join(', ');
const outcomeCells = REVIEW_OUTCOME_CODES.map(column).map((c) => `v.${c}`).join(', ');

const S1_GRAPHQL = `query ReportPage($id: ID!) { report(id: $id) {
  id year formatVersion title publishedOn sourceUrl status
  agency { id name regionCode regionName level kind }
  applications { rows { code cells { column value } } }
  proactiveDisclosure { groups { items { code cells { measure count amount } } } }
  reviewsAndLitigation { groups { code cells { outcome value } } }
  sections { number code title body }
  findings { rule severity message cells }
} }`;

const S1_SQL = `select json_build_object(
  'id', r.id, 'year', r.year, 'formatVersion', r.format_version, 'title', r.title, 'publishedOn', r.published_on,
  'sourceUrl', r.source_url, 'status', r.status,
  'agency', json_build_object('id', a.id, 'name', a.name, 'regionCode', a.region_code, 'regionName', a.region_name, 'level', a.level, 'kind', a.kind),
  'applications', (select json_agg(json_build_array(x.row_code, ${applicantCells})) from application_row x where x.report_id = r.id),
  'proactiveDisclosure', (select json_agg(json_build_array(d.item_code, d.measure_code, d.value)) from disclosure_cell d where d.report_id = r.id),
  'reviewsAndLitigation', (select json_agg(json_build_array(v.group_code, ${outcomeCells})) from review_row v where v.report_id = r.id),
  'sections', (select json_agg(json_build_object('number', s.number, 'code', s.code, 'title', s.title, 'body', s.body) order by s.number) from report_section s where s.report_id = r.id),
  'findings', (select json_agg(json_build_object('rule', f.rule, 'severity', f.severity, 'message', f.message, 'cells', f.cells) order by f.id) from finding f where f.report_id = r.id)
)::text as body
from report r join agency a on a.id = r.agency_id where r.id = $1 and r.status = 'PUBLISHED'`;

const S2_GRAPHQL = `query ReportList($regionCode: String!, $year: Int!) {
  reports(first: 20, filter: { regionCode: $regionCode, year: $year }) {
    totalCount
    edges { node {
      id year agency { name }
      applications { received: cell(row: NEW_RECEIVED, column: TOTAL) disclosed: cell(row: DISCLOSED, column: TOTAL) }
      proactiveDisclosure { count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS) }
      reviewsAndLitigation { cell(group: ADMINISTRATIVE_REVIEW, outcome: TOTAL) }
    } }
  }
}`;

// The page's nodes: each report's four cells, by their row codes.
const S2_NODES = `(select json_agg(json_build_object(
  'id', p.id, 'year', p.year, 'agency', p.name,
  'received', (select x.total from application_row x where x.report_id = p.id and x.row_code = 'NEW_RECEIVED'),
  'disclosed', (select x.total from application_row x where x.report_id = p.id and x.row_code = 'DISCLOSED'),
  'punishments', (select d.value from disclosure_cell d where d.report_id = p.id and d.item_code = 'ADMINISTRATIVE_PUNISHMENT' and d.measure_code = 'DECISIONS'),
  'reviews', (select v.total from review_row v where v.report_id = p.id and v.group_code = 'ADMINISTRATIVE_REVIEW')
) order by p.year desc, p.id desc) from page p)`;

// The statement a developer writes first: the region code lives on the agency.
const S2_NAIVE_SQL = `with matching as (
  select r.id, r.year, a.name from report r join agency a on a.id = r.agency_id
  where a.region_code like $1 || '%' and r.year = $2 and r.status = 'PUBLISHED'
), page as (select * from matching order by year desc, id desc limit 20)
select json_build_object('totalCount', (select count(*) from matching), 'nodes', ${S2_NODES})::text as body`;

// On the report's own region code (its province index), as the service filters: the strongest plain statement.
const S2_SQL = `with page as (
  select r.id, r.year, a.name from report r join agency a on a.id = r.agency_id
  where left(r.region_code, 2) = $1 and r.year = $2 and r.status = 'PUBLISHED'
  order by r.year desc, r.id desc limit 20)
select json_build_object('totalCount', (select count(*) from report r where left(r.region_code, 2) = $1 and r.year = $2 and r.status = 'PUBLISHED'),
  'nodes', ${S2_NODES})::text as body`;

const S3_GRAPHQL = `query ProvinceTotals($year: Int!) {
  statistics(filter: { year: $year }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [REGION], regionLevel: PROVINCE) {
    groups { regionCode values { value } }
  }
}`;

// The naive statement a developer writes first: every report of the year joined to its row.
const S3_SQL = `select coalesce(json_agg(json_build_object('regionCode', p, 'value', v) order by p), '[]')::text as body from (
  select left(a.region_code, 2) as p, sum(x.total) as v
  from report r join agency a on a.id = r.agency_id join application_row x on x.report_id = r.id
  where r.year = $1 and r.status = 'PUBLISHED' and x.row_code = 'NEW_RECEIVED' group by 1) t`;

const numeric = (value: unknown) => (value === null || value === undefined ? undefined : String(Number(value)));

function put(out: Record<string, string>, key: string, value: unknown): void {
  const n = numeric(value);
  if (n !== undefined) out[key] = n;
}

type Json = any;

export function scenarios(samples: { reportIds: number[]; provinces: string[]; year: number }): Scenario[] {
  return [
    {
      name: 'S1',
      what: 'one report in full by id (表二/三/四, sections, findings)',
      graphql: S1_GRAPHQL,
      sql: S1_SQL,
      variables: (i) => ({ id: Buffer.from(`Report:${samples.reportIds[i % samples.reportIds.length]}`).toString('base64') }),
      params: (v) => [Number(Buffer.from(String(v.id), 'base64').toString().split(':')[1])],
      numbers(answer: Json, raw) {
        const out: Record<string, string> = {};
        const r = raw ? answer : answer.data.report;
        out.agency = r.agency.name;
        if (raw) {
          for (const [row, ...cells] of r.applications ?? []) cells.forEach((v: unknown, i: number) => put(out, `a.${row}.${APPLICANT_CODES[i]}`, v));
          for (const [item, measure, v] of r.proactiveDisclosure ?? []) put(out, `d.${item}.${measure}`, v);
          for (const [group, ...cells] of r.reviewsAndLitigation ?? []) cells.forEach((v: unknown, i: number) => put(out, `v.${group}.${REVIEW_OUTCOME_CODES[i]}`, v));
        } else {
          for (const row of r.applications.rows) for (const c of row.cells) put(out, `a.${row.code}.${c.column}`, c.value);
          for (const g of r.proactiveDisclosure.groups) for (const item of g.items) for (const c of item.cells) put(out, `d.${item.code}.${c.measure}`, c.count ?? c.amount);
          for (const g of r.reviewsAndLitigation.groups) for (const c of g.cells) put(out, `v.${g.code}.${c.outcome}`, c.value);
        }
        for (const s of r.sections ?? []) out[`s.${s.code}`] = `${s.title}|${s.body.length}`;
        (r.findings ?? []).forEach((f: Json, i: number) => (out[`f.${i}`] = `${f.rule}|${f.severity}|${f.cells.join(',')}`));
        return out;
      },
    },
    {
      name: 'S2',
      what: 'first 20 reports of a province-year: agency name, 4 cells each, totalCount',
      graphql: S2_GRAPHQL,
      sql: S2_SQL,
      naiveSql: S2_NAIVE_SQL,
      variables: (i) => ({ regionCode: samples.provinces[i % samples.provinces.length], year: samples.year }),
      params: (v) => [v.regionCode, v.year],
      numbers(answer: Json, raw) {
        const out: Record<string, string> = {};
        if (raw) {
          out.total = String(answer.totalCount);
          (answer.nodes ?? []).forEach((n: Json, i: number) => {
            out[`${i}.agency`] = n.agency;
            put(out, `${i}.received`, n.received);
            put(out, `${i}.disclosed`, n.disclosed);
            put(out, `${i}.punishments`, n.punishments);
            put(out, `${i}.reviews`, n.reviews);
          });
        } else {
          const c = answer.data.reports;
          out.total = String(c.totalCount);
          c.edges.forEach(({ node: n }: Json, i: number) => {
            out[`${i}.agency`] = n.agency.name;
            put(out, `${i}.received`, n.applications.received);
            put(out, `${i}.disclosed`, n.applications.disclosed);
            put(out, `${i}.punishments`, n.proactiveDisclosure.count);
            put(out, `${i}.reviews`, n.reviewsAndLitigation.cell);
          });
        }
        return out;
      },
    },
    {
      name: 'S3',
      what: 'Σ 本年新收 总计 per province for a year',
      graphql: S3_GRAPHQL,
      sql: S3_SQL,
      variables: () => ({ year: samples.year }),
      params: (v) => [v.year],
      numbers(answer: Json, raw) {
        const out: Record<string, string> = {};
        const groups = raw ? answer : answer.data.statistics.groups.map((g: Json) => ({ regionCode: g.regionCode, value: g.values[0].value }));
        for (const g of groups) put(out, String(g.regionCode).slice(0, 2), g.value);
        return out;
      },
    },
  ];
}
