/**
 * Bulk loading of synthetic data: multi-row INSERTs from unnest() arrays, a few thousand reports per
 * statement, straight through node-postgres (the ORM's unit of work would create objects one by one).
 * The GIN search indexes are dropped during the load and rebuilt once at the end: far cheaper than
 * maintaining them row by row.
 */
import pg from 'pg';
import { rebuildReportReadSql } from '../../src/store/reports/read-model.js';
import { rebuildRollupStatements, rebuildVectorStatements } from '../../src/store/services/rollup.js';
import { syntheticBatches, type SyntheticBatch, type SyntheticOptions } from './generate.js';

const SEARCH_INDEXES = [
  ['report_section_body_search_index', 'report_section', 'body'],
  ['report_title_search_index', 'report', 'title'],
  ['agency_name_search_index', 'agency', 'name'],
] as const;

const col = <T extends unknown[]>(rows: T[], i: number) => rows.map((r) => r[i]);

async function insertBatch(client: pg.Client, b: SyntheticBatch): Promise<void> {
  await client.query(
    `insert into agency (id, name, region_code, region_name, level, kind, created_at, updated_at)
     select id, name, rc, rn, 'COUNTY', kind::agency_kind, now(), now() from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(id, name, rc, rn, kind)`,
    [b.agencies.map((a) => a.id), b.agencies.map((a) => a.name), b.agencies.map((a) => a.regionCode), b.agencies.map((a) => a.regionName), b.agencies.map((a) => a.kind)],
  );
  await client.query(
    `insert into report (id, agency_id, year, format_version, title, status, created_at, updated_at)
     select id, ag, y, fv::format_version, t, 'PUBLISHED', now(), now() from unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[]) as x(id, ag, y, fv, t)`,
    [b.reports.map((r) => r.id), b.reports.map((r) => r.agencyId), b.reports.map((r) => r.year), b.reports.map((r) => r.formatVersion), b.reports.map((r) => r.title)],
  );
  const a = b.applicationRows;
  await client.query(
    `insert into application_row (report_id, row_code, natural_person, commercial_enterprise, research_institution, social_welfare_organization, legal_service_institution, other_organization, total)
     select * from unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])`,
    Array.from({ length: 9 }, (_, i) => col(a, i)),
  );
  const r = b.reviewRows;
  await client.query(
    `insert into review_row (report_id, group_code, upheld, corrected, other, pending, total)
     select * from unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])`,
    Array.from({ length: 7 }, (_, i) => col(r, i)),
  );
  const d = b.disclosureCells;
  await client.query(
    `insert into disclosure_cell (report_id, item_code, measure_code, value) select * from unnest($1::int[], $2::text[], $3::text[], $4::numeric[])`,
    Array.from({ length: 4 }, (_, i) => col(d, i)),
  );
  const s = b.sections;
  await client.query(
    `insert into report_section (report_id, number, code, title, body) select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[])`,
    Array.from({ length: 5 }, (_, i) => col(s, i)),
  );
  const f = b.findings;
  if (f.length) {
    await client.query(
      `insert into finding (report_id, rule, severity, message, cells) select r, rule, sev::finding_severity, msg, array[cell] from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(r, rule, sev, msg, cell)`,
      Array.from({ length: 5 }, (_, i) => col(f, i)),
    );
  }
}

export interface LoadSummary {
  agencies: number;
  reports: number;
  applicationRows: number;
  sections: number;
  findings: number;
  loadSeconds: number;
  /** Of loadSeconds: recomputing the rollup and the cell vectors. */
  precomputeSeconds: number;
  indexSeconds: number;
}

/** Loads into an empty, migrated database (ids are assigned by the generator). */
export async function loadSynthetic(databaseUrl: string, options: SyntheticOptions, log: (m: string) => void = () => {}): Promise<LoadSummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const summary: LoadSummary = { agencies: 0, reports: 0, applicationRows: 0, sections: 0, findings: 0, loadSeconds: 0, precomputeSeconds: 0, indexSeconds: 0 };
  try {
    const started = performance.now();
    for (const [name] of SEARCH_INDEXES) await client.query(`drop index if exists "${name}"`);
    for (const batch of syntheticBatches(options)) {
      await client.query('begin');
      await insertBatch(client, batch);
      await client.query('commit');
      summary.agencies += batch.agencies.length;
      summary.reports += batch.reports.length;
      summary.applicationRows += batch.applicationRows.length;
      summary.sections += batch.sections.length;
      summary.findings += batch.findings.length;
      if (summary.agencies % 6000 < batch.agencies.length) log(`  ${summary.reports} reports loaded`);
    }
    for (const table of ['agency', 'report', 'application_row', 'review_row', 'disclosure_cell', 'report_section', 'finding']) {
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
    }
    // The statistics rollup, the cell vectors and report_read are kept by storeReport, which this loader bypasses: build them once.
    const precomputing = performance.now();
    await client.query('begin');
    for (const statement of [...rebuildRollupStatements(options.years), ...rebuildVectorStatements(options.years), rebuildReportReadSql('true')]) await client.query(statement);
    await client.query('commit');
    summary.precomputeSeconds = (performance.now() - precomputing) / 1000;
    summary.loadSeconds = (performance.now() - started) / 1000;
    const indexing = performance.now();
    await client.query(`set maintenance_work_mem = '256MB'`);
    for (const [name, table, column] of SEARCH_INDEXES) await client.query(`create index "${name}" on "${table}" using gin (nianbao_bigrams("${column}"))`);
    // VACUUM sets the visibility map, so the covering cell indexes answer with index-only scans at once.
    await client.query('vacuum analyze');
    summary.indexSeconds = (performance.now() - indexing) / 1000;
    return summary;
  } finally {
    await client.end();
  }
}
