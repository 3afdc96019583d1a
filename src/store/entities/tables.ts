/**
 * The three statistical tables. Applications and reviews are stored as the form prints them: one
 * database row per table row, one integer column per applicant column / outcome (names derived from
 * the catalog codes), so a portal's aggregate reads one narrow row per report. Proactive disclosure
 * differs between format versions (10 vs 22 cells, amounts in 万元), so it is stored cell by cell.
 * NULL is a cell printed blank: never read it as 0.
 */
import { EntitySchema, type EntitySchemaProperty } from '@mikro-orm/core';
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import type { Report } from './report.js';

/** `NATURAL_PERSON` → `naturalPerson` (column `natural_person`). */
export function codeProperty(code: string): string {
  return code.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

type CountColumns = Record<string, number | null>;

export interface ApplicationRow {
  id: number;
  report: Report;
  rowCode: string;
  /** applicant column code → count */
  counts: CountColumns;
}

export interface ReviewRow {
  id: number;
  report: Report;
  groupCode: string;
  counts: CountColumns;
}

export interface DisclosureCell {
  id: number;
  report: Report;
  itemCode: string;
  measureCode: string;
  /** decimal as a string (amounts in 万元 keep every printed digit) */
  value: string | null;
}

function countColumns(codes: string[]): Record<string, EntitySchemaProperty<unknown, unknown>> {
  return Object.fromEntries(codes.map((code) => [codeProperty(code), { type: 'integer', nullable: true }]));
}

function coveringIndex(table: string, rowColumn: string, codes: string[]): string {
  const columns = codes.map((c) => `"${c.toLowerCase()}"`).join(', ');
  return `create index "${table.replace('_row', '_row_cells')}_index" on "${table}" ("${rowColumn}", "report_id") include (${columns})`;
}

/** Reads the count columns of a loaded row entity as code → value. */
export function readCounts(entity: object, codes: string[]): CountColumns {
  const record = entity as Record<string, unknown>;
  return Object.fromEntries(codes.map((code) => [code, (record[codeProperty(code)] as number | null | undefined) ?? null]));
}

/** Count columns of a row, as entity data for `em.create`. */
export function writeCounts(counts: CountColumns, codes: string[]): Record<string, number | null> {
  return Object.fromEntries(codes.map((code) => [codeProperty(code), counts[code] ?? null]));
}

// The count columns are dynamic (from the catalog), so these schemas are typed loosely and read
// through readCounts().
export const ApplicationRowSchema = new EntitySchema<any>({
  name: 'ApplicationRow',
  tableName: 'application_row',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    rowCode: { type: 'text' },
    ...countColumns(APPLICANT_CODES),
  },
  uniques: [{ name: 'application_row_report_row_unique', properties: ['report', 'rowCode'] }],
  // Aggregates read one row code over many reports: covering, so they are index-only scans (a
  // national year's statistics read 1/6 of the heap otherwise; measured 1.1 s → 0.45 s at 140k reports).
  indexes: [{ name: 'application_row_cells_index', expression: coveringIndex('application_row', 'row_code', APPLICANT_CODES) }],
});

export const ReviewRowSchema = new EntitySchema<any>({
  name: 'ReviewRow',
  tableName: 'review_row',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    groupCode: { type: 'text' },
    ...countColumns(REVIEW_OUTCOME_CODES),
  },
  uniques: [{ name: 'review_row_report_group_unique', properties: ['report', 'groupCode'] }],
  indexes: [{ name: 'review_row_cells_index', expression: coveringIndex('review_row', 'group_code', REVIEW_OUTCOME_CODES) }],
});

export const DisclosureCellSchema = new EntitySchema<DisclosureCell>({
  name: 'DisclosureCell',
  tableName: 'disclosure_cell',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    itemCode: { type: 'text' },
    measureCode: { type: 'text' },
    value: { type: 'decimal', precision: 20, scale: 6, nullable: true },
  },
  uniques: [{ name: 'disclosure_cell_report_item_measure_unique', properties: ['report', 'itemCode', 'measureCode'] }],
  indexes: [{ name: 'disclosure_cell_item_measure_report_index', properties: ['itemCode', 'measureCode', 'report'] }],
});
