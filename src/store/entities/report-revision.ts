import { EntitySchema } from '@mikro-orm/core';
import type { Report } from './report.js';

/**
 * A report as it was before a re-import replaced it: its source and metadata. The cells the re-import
 * changed are recorded as corrections (previous → new value), as a person's corrections are.
 */
export interface ReportRevision {
  id: number;
  report: Report;
  /** The version this row keeps (the report went on to version + 1). */
  version: number;
  title: string | null;
  sourceUrl: string | null;
  publishedOn: string | null;
  sourceText: string | null;
  sourceKind: string | null;
  replacedAt: Date;
}

export const ReportRevisionSchema = new EntitySchema<ReportRevision>({
  name: 'ReportRevision',
  tableName: 'report_revision',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    version: { type: 'integer' },
    title: { type: 'text', nullable: true },
    sourceUrl: { type: 'text', nullable: true },
    publishedOn: { type: 'date', nullable: true },
    sourceText: { type: 'text', nullable: true, lazy: true },
    sourceKind: { type: 'text', nullable: true },
    replacedAt: { type: 'datetime', onCreate: () => new Date() },
  },
  indexes: [{ name: 'report_revision_report_index', properties: ['report'] }],
});
