import { EntitySchema } from '@mikro-orm/core';
import type { Report } from './report.js';

/** Why a version of a report is no longer the report. */
export const REVISION_REASONS = ['REIMPORT', 'MERGE'] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

/**
 * A report as it was before something replaced it, whole: its source, metadata and data (the
 * interchange JSON). A re-import replaces the agency's report of the year (REIMPORT; the cells it
 * changed are also recorded as corrections, as a person's corrections are); mergeAgencies keeps one
 * of two reports of the same year and the other becomes a revision of it (MERGE).
 */
export interface ReportRevision {
  id: number;
  report: Report;
  /** The version this row keeps (REIMPORT: the report went on to version + 1; MERGE: the merged report's own version). */
  version: number;
  reason: RevisionReason;
  /** The name of the agency it was stored under then (MERGE: the merged agency, which no longer exists). */
  agencyName: string | null;
  title: string | null;
  sourceUrl: string | null;
  publishedOn: string | null;
  sourceText: string | null;
  sourceKind: string | null;
  /** Its tables and sections (findings excluded); null for revisions kept before it was recorded. */
  interchange: unknown;
  /** Cells whose value differs from the version that replaced it (table.ROW.COLUMN). */
  changedCells: string[];
  /** The token whose write replaced it ("cli" for the import command); null when unknown. */
  replacedBy: string | null;
  replacedAt: Date;
}

export const ReportRevisionSchema = new EntitySchema<ReportRevision>({
  name: 'ReportRevision',
  tableName: 'report_revision',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    version: { type: 'integer' },
    reason: { enum: true, items: () => [...REVISION_REASONS], nativeEnumName: 'revision_reason', default: 'REIMPORT' },
    agencyName: { type: 'text', nullable: true },
    title: { type: 'text', nullable: true },
    sourceUrl: { type: 'text', nullable: true },
    publishedOn: { type: 'date', nullable: true },
    sourceText: { type: 'text', nullable: true, lazy: true },
    sourceKind: { type: 'text', nullable: true },
    interchange: { type: 'json', nullable: true, lazy: true },
    changedCells: { type: 'text[]', default: '{}' },
    replacedBy: { type: 'text', nullable: true },
    replacedAt: { type: 'datetime', onCreate: () => new Date() },
  },
  indexes: [{ name: 'report_revision_report_index', properties: ['report'] }],
});
