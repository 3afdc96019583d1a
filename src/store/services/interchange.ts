/** Stored rows ↔ interchange tables: the one place that knows how the tables are laid out in the database. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES, formatSpec, type Finding, type InterchangeReport, type Table } from '../../format/index.js';
import {
  ApplicationRowSchema,
  DisclosureCellSchema,
  ReviewRowSchema,
  SectionSchema,
  readCounts,
  writeCounts,
  type DisclosureCell,
  type Report,
  type Section,
} from '../entities/index.js';

export function applicationTable(rows: object[]): Table {
  return Object.fromEntries(rows.map((row) => [(row as { rowCode: string }).rowCode, readCounts(row, APPLICANT_CODES)]));
}

export function reviewTable(rows: object[]): Table {
  return Object.fromEntries(rows.map((row) => [(row as { groupCode: string }).groupCode, readCounts(row, REVIEW_OUTCOME_CODES)]));
}

export function disclosureTable(cells: DisclosureCell[]): Table {
  const table: Table = {};
  for (const cell of cells) (table[cell.itemCode] ??= {})[cell.measureCode] = cell.value === null ? null : Number(cell.value);
  return table;
}

/** Puts rows in catalog order (stored order is insertion order, which a portal must not rely on). */
function inCatalogOrder(table: Table, order: string[]): Table {
  return Object.fromEntries(order.filter((code) => code in table).map((code) => [code, table[code]]));
}

const countColumns = (codes: readonly string[]) => codes.map((c) => `"${c.toLowerCase()}"`);

/** A finding as the columns of `finding` hold it: the one mapping for every writer of findings. */
export function findingColumnValues(f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    code: f.code ?? null,
    params: f.params ?? null,
    message: f.message,
    cells: f.cells,
    expected: f.expected == null ? null : String(f.expected),
    actual: f.actual == null ? null : String(f.actual),
  };
}

type FindingColumns = ReturnType<typeof findingColumnValues>;
const FINDING_COLUMN_TYPES: Record<keyof FindingColumns, string> = {
  rule: 'text',
  severity: 'finding_severity',
  code: 'text',
  params: 'jsonb',
  message: 'text',
  cells: 'text[]',
  expected: 'numeric',
  actual: 'numeric',
};

/**
 * Inserts the child rows of a stored report (tables, sections, findings): one statement per table,
 * each rows set as one JSON parameter (an import writes about a hundred rows; through the unit of
 * work that was most of its time).
 */
export async function insertReportRows(em: EntityManager, reportId: number, data: InterchangeReport, findings: Finding[]): Promise<void> {
  const tables: { table: string; columns: string[]; types: string[]; rows: unknown[][] }[] = [];
  const add = (table: string, columns: string[], types: string[], rows: unknown[][]) => rows.length && tables.push({ table, columns, types, rows });
  const counts = (table: Table, codes: readonly string[]) => Object.entries(table).map(([code, row]) => [code, ...codes.map((c) => row[c] ?? null)]);
  add('application_row', ['row_code', ...countColumns(APPLICANT_CODES)], ['text', ...APPLICANT_CODES.map(() => 'int')], counts(data.applications, APPLICANT_CODES));
  add('review_row', ['group_code', ...countColumns(REVIEW_OUTCOME_CODES)], ['text', ...REVIEW_OUTCOME_CODES.map(() => 'int')], counts(data.reviewsAndLitigation, REVIEW_OUTCOME_CODES));
  add(
    'disclosure_cell',
    ['item_code', 'measure_code', 'value'],
    ['text', 'text', 'numeric'],
    Object.entries(data.proactiveDisclosure).flatMap(([item, measures]) => Object.entries(measures).map(([measure, value]) => [item, measure, value === null ? null : String(value)])),
  );
  add('report_section', ['number', 'code', 'title', 'body'], ['smallint', 'text', 'text', 'text'], data.sections.map((s) => [s.number, s.code, s.title, s.body]));
  const findingColumns = Object.keys(FINDING_COLUMN_TYPES) as (keyof FindingColumns)[];
  add(
    'finding',
    findingColumns,
    findingColumns.map((c) => FINDING_COLUMN_TYPES[c]),
    findings.map((f) => {
      const row = findingColumnValues(f);
      return findingColumns.map((c) => row[c]);
    }),
  );
  if (!tables.length) return;
  // One statement: a data-modifying CTE per table, all reading one JSON parameter.
  const json = JSON.stringify(Object.fromEntries(tables.map((t, n) => [`t${n}`, t.rows.map((row) => Object.fromEntries(row.map((v, i) => [`c${i}`, v])))])));
  const inserts = tables.map(
    (t, n) => `i${n} as (insert into ${t.table} (report_id, ${t.columns.join(', ')})
      select d.id, ${t.columns.map((_, i) => `x.c${i}`).join(', ')} from d, jsonb_to_recordset(d.j -> 't${n}') as x(${t.types.map((type, i) => `c${i} ${type}`).join(', ')}))`,
  );
  await em.execute(`with d as (select ?::int as id, ?::jsonb as j), ${inserts.join(', ')} select 1`, [reportId, json], 'run');
}

export interface StoredReportParts {
  sections: Section[];
  applicationRows: object[];
  reviewRows: object[];
  disclosureCells: DisclosureCell[];
}

export interface InterchangeParts {
  sections: { number: number; code: string; title: string; body: string }[];
  proactiveDisclosure: Table;
  applications: Table;
  reviewsAndLitigation: Table;
}

/** The interchange JSON of a report (findings excluded), sections and tables in catalog order. */
export function interchangeOf(head: Pick<InterchangeReport, 'formatVersion' | 'year' | 'agencyName' | 'title'>, parts: InterchangeParts): InterchangeReport {
  const spec = formatSpec(head.formatVersion);
  return {
    formatVersion: head.formatVersion,
    year: head.year,
    agencyName: head.agencyName,
    title: head.title,
    sections: [...parts.sections].sort((a, b) => a.number - b.number).map(({ number, code, title, body }) => ({ number, code, title, body })),
    proactiveDisclosure: inCatalogOrder(parts.proactiveDisclosure, spec.proactiveDisclosure.flatMap((g) => g.items.map((i) => i.code))),
    applications: inCatalogOrder(parts.applications, spec.applications.rows.map((r) => r.code)),
    reviewsAndLitigation: inCatalogOrder(parts.reviewsAndLitigation, spec.reviewsAndLitigation.groups.map((g) => g.code)),
    findings: [],
  };
}

/** The interchange JSON of one stored report read through the ORM (findings excluded). */
export function assembleInterchange(report: Report, parts: StoredReportParts): InterchangeReport {
  return interchangeOf(
    { formatVersion: report.formatVersion, year: report.year, agencyName: report.agency.name, title: report.title },
    {
      sections: parts.sections,
      proactiveDisclosure: disclosureTable(parts.disclosureCells),
      applications: applicationTable(parts.applicationRows),
      reviewsAndLitigation: reviewTable(parts.reviewRows),
    },
  );
}

/** Rebuilds the interchange JSON of stored reports: 4 statements for any number of reports. */
export async function loadInterchange(em: EntityManager, reports: Report[]): Promise<Map<number, InterchangeReport>> {
  const ids = reports.map((r) => r.id);
  // One after the other: inside a transaction they share one connection.
  const apps = await em.find(ApplicationRowSchema, { report: { $in: ids } });
  const reviews = await em.find(ReviewRowSchema, { report: { $in: ids } });
  const cells = await em.find(DisclosureCellSchema, { report: { $in: ids } });
  const sections = await em.find(SectionSchema, { report: { $in: ids } });
  const of = <T extends { report: { id: number } }>(rows: T[], id: number) => rows.filter((r) => r.report.id === id);
  return new Map(
    reports.map((report) => [
      report.id,
      assembleInterchange(report, {
        sections: of(sections as Section[], report.id),
        applicationRows: of(apps, report.id),
        reviewRows: of(reviews, report.id),
        disclosureCells: of(cells, report.id),
      }),
    ]),
  );
}
