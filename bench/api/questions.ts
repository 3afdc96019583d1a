/**
 * The portal questions the bench measures: each as the GraphQL a portal sends and as the plain SQL
 * a developer would write for the same answer (without the API's blank handling, ranking metadata
 * or loaders), on the same database.
 */
export interface PortalQuestion {
  name: string;
  graphql: string;
  sql: string;
  params: unknown[];
}

const RATE_SQL = `sum(x.total) filter (where x.row_code in ('DISCLOSED', 'PARTIALLY_DISCLOSED'))::float8 / nullif(sum(x.total) filter (where x.row_code = 'OUTCOME_TOTAL'), 0)`;

export function PORTAL_QUESTIONS(sample: { region_code: string; prefecture: string; province: string }): PortalQuestion[] {
  const { region_code: county, prefecture, province } = sample;
  return [
    {
      name: 'county vs neighbours, vs last year',
      graphql: `{ statistics(filter: { regionCode: "${prefecture}", year: 2024 }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }, { kind: DISCLOSURE_RATE }], groupBy: [REGION, YEAR], regionLevel: COUNTY) { groups { regionCode year values { value reportsCounted reportsExcluded change } } } }`,
      sql: `select a.region_code, r.year, sum(x.total) filter (where x.row_code = 'NEW_RECEIVED') as received, ${RATE_SQL} as rate
            from report r join agency a on a.id = r.agency_id join application_row x on x.report_id = r.id
            where a.region_code like $1 and r.year in (2023, 2024) and x.row_code in ('NEW_RECEIVED', 'DISCLOSED', 'PARTIALLY_DISCLOSED', 'OUTCOME_TOTAL') group by 1, 2`,
      params: [`${prefecture}%`],
    },
    {
      name: 'provinces in 2024 (3 measures)',
      graphql: `{ statistics(filter: { year: 2024 }, measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }, { kind: DISCLOSURE_RATE }, { kind: REVIEW_CORRECTION_RATE }], groupBy: [REGION], regionLevel: PROVINCE) { groups { region { name } values { value } } } }`,
      sql: `with app as (select left(a.region_code, 2) as p, sum(x.total) filter (where x.row_code = 'NEW_RECEIVED') as received, ${RATE_SQL} as rate
              from report r join agency a on a.id = r.agency_id join application_row x on x.report_id = r.id
              where r.year = 2024 and x.row_code in ('NEW_RECEIVED', 'DISCLOSED', 'PARTIALLY_DISCLOSED', 'OUTCOME_TOTAL') group by 1),
            rev as (select left(a.region_code, 2) as p, sum(v.corrected)::float8 / nullif(sum(v.total - v.pending), 0) as review
              from report r join agency a on a.id = r.agency_id join review_row v on v.report_id = r.id
              where r.year = 2024 and v.group_code = 'ADMINISTRATIVE_REVIEW' group by 1)
            select * from app join rev using (p)`,
      params: [],
    },
    {
      name: 'national trend by year',
      graphql: `{ statistics(measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }], groupBy: [YEAR]) { groups { year values { value change } } } }`,
      sql: `select r.year, sum(x.total) from report r join application_row x on x.report_id = r.id where x.row_code = 'NEW_RECEIVED' group by 1`,
      params: [],
    },
    {
      name: 'top 10 refusing agencies of a province',
      graphql: `{ ranking(filter: { regionCode: "${province}", year: 2024 }, measure: { kind: REFUSAL_RATE }, first: 10, minReportsCounted: 1) { groups { agency { name } values { value } } } }`,
      sql: `select r.agency_id, sum(x.total) filter (where x.row_code ~ '^(WITHHELD|UNAVAILABLE|NOT_PROCESSED)_')::float8 / nullif(sum(x.total) filter (where x.row_code = 'OUTCOME_TOTAL'), 0) as refusal
            from report r join agency a on a.id = r.agency_id join application_row x on x.report_id = r.id
            where a.region_code like $1 and r.year = 2024 group by 1 order by 2 desc nulls last limit 10`,
      params: [`${province}%`],
    },
    {
      name: 'top 10 refusing agencies nationwide',
      graphql: `{ ranking(filter: { year: 2024 }, measure: { kind: REFUSAL_RATE }, first: 10, minReportsCounted: 1) { groups { agency { name } values { value } } } }`,
      sql: `select r.agency_id, sum(x.total) filter (where x.row_code ~ '^(WITHHELD|UNAVAILABLE|NOT_PROCESSED)_')::float8 / nullif(sum(x.total) filter (where x.row_code = 'OUTCOME_TOTAL'), 0) as refusal
            from report r join application_row x on x.report_id = r.id
            where r.year = 2024 group by 1 order by 2 desc nulls last limit 10`,
      params: [],
    },
    {
      name: 'search 电商 in a province',
      graphql: `{ search(query: "电商", filter: { regionCode: "${province}" }, first: 20) { totalCount edges { node { score snippet { html } report { year agency { name } } } } } }`,
      sql: `select r.id, r.year, count(*) over () from report_section s join report r on r.id = s.report_id join agency a on a.id = r.agency_id
            where nianbao_bigrams(s.body) @@ '电商'::tsquery and strpos(s.body, '电商') > 0 and a.region_code like $1 group by r.id order by r.year desc, r.id desc limit 20`,
      params: [`${province}%`],
    },
    {
      // Synthetic text prints 电商 in about a third of all reports, over the ranking limit: newest first.
      name: 'search 电商 nationwide',
      graphql: `{ search(query: "电商", first: 20) { totalCount totalCountIsExact orderedBy edges { node { score snippet { html } report { year agency { name } } } } } }`,
      sql: `select r.id, r.year from report r
            where exists (select 1 from report_section s where s.report_id = r.id and strpos(s.body, '电商') > 0)
            order by r.year desc, r.id desc limit 20`,
      params: [],
    },
    {
      // Printed in about half of all reports: the API gives the newest first with a lower-bound count;
      // the plain SQL is the same page without the count (counting every match exactly took 27.7 s cold).
      name: 'search 政务公开 nationwide',
      graphql: `{ search(query: "政务公开", first: 20) { totalCount totalCountIsExact orderedBy edges { node { score snippet { html } report { year agency { name } } } } } }`,
      sql: `select r.id, r.year from report r
            where exists (select 1 from report_section s where s.report_id = r.id and strpos(s.body, '政务公开') > 0)
            order by r.year desc, r.id desc limit 20`,
      params: [],
    },
    {
      name: 'time series of a county',
      graphql: `{ timeSeries(regionCode: "${county}", measures: [{ kind: APPLICATION_CELL, applicationRow: NEW_RECEIVED }, { kind: DISCLOSURE_RATE }]) { points { year reports crossYearFailures values { value change } } } }`,
      sql: `select r.year, sum(x.total) filter (where x.row_code = 'NEW_RECEIVED'), ${RATE_SQL},
              count(distinct r.id) filter (where exists (select 1 from finding f where f.report_id = r.id and f.rule = 'X1'))
            from report r join agency a on a.id = r.agency_id join application_row x on x.report_id = r.id
            where a.region_code like $1 and x.row_code in ('NEW_RECEIVED', 'DISCLOSED', 'PARTIALLY_DISCLOSED', 'OUTCOME_TOTAL') group by 1`,
      params: [`${county}%`],
    },
    {
      name: 'R1 work list of a province, 2024',
      graphql: `{ findingReports(rule: "R1", filter: { regionCode: "${province}", year: 2024 }, first: 20) { totalCount totalFindings edges { node { matchingFindings report { agency { name } } findings { message } } } } }`,
      sql: `select r.id, count(*), count(*) over () from report r join agency a on a.id = r.agency_id join finding f on f.report_id = r.id
            where a.region_code like $1 and r.year = 2024 and f.rule = 'R1' group by r.id order by 2 desc, r.id limit 20`,
      params: [`${province}%`],
    },
    {
      name: 'region tree of a province',
      graphql: `{ region(code: "${province}") { name children { code name children { code name } } } }`,
      sql: `select code, name, parent_code from region where prefix like $1`,
      params: [`${province}%`],
    },
  ];
}
