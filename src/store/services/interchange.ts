/** Stored rows ↔ interchange tables: the one place that knows how the tables are laid out in the database. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES, formatSpec, type InterchangeReport, type Table } from '../../format/index.js';
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

/** Creates the child rows of a report from interchange tables (the caller flushes). */
export function persistTables(em: EntityManager, report: Report, data: InterchangeReport): void {
  for (const [rowCode, counts] of Object.entries(data.applications)) {
    em.create(ApplicationRowSchema, { report, rowCode, ...writeCounts(counts, APPLICANT_CODES) });
  }
  for (const [groupCode, counts] of Object.entries(data.reviewsAndLitigation)) {
    em.create(ReviewRowSchema, { report, groupCode, ...writeCounts(counts, REVIEW_OUTCOME_CODES) });
  }
  for (const [itemCode, measures] of Object.entries(data.proactiveDisclosure)) {
    for (const [measureCode, value] of Object.entries(measures)) {
      em.create(DisclosureCellSchema, { report, itemCode, measureCode, value: value === null ? null : String(value) });
    }
  }
  for (const section of data.sections) {
    em.create(SectionSchema, { report, number: section.number, code: section.code, title: section.title, body: section.body });
  }
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
