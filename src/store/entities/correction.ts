import { EntitySchema } from '@mikro-orm/core';
import type { Report } from './report.js';
import type { ReportRevision } from './report-revision.js';

/** One cell changed by agency staff after import: what it was, what it became, and why. */
export interface Correction {
  id: number;
  report: Report;
  /**
   * Set when the report it was made to was merged into `report` (mergeAgencies) and became this
   * revision of it: the correction is that revision's, not the report's.
   */
  revision: ReportRevision | null;
  /** Cell path as findings cite it: applications.NEW_RECEIVED.TOTAL */
  cell: string;
  previous: string | null;
  value: string | null;
  note: string | null;
  createdAt: Date;
}

export const CorrectionSchema = new EntitySchema<Correction>({
  name: 'Correction',
  tableName: 'report_correction',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    revision: { kind: 'm:1', entity: 'ReportRevision', deleteRule: 'cascade', nullable: true },
    cell: { type: 'text' },
    previous: { type: 'decimal', precision: 20, scale: 6, nullable: true },
    value: { type: 'decimal', precision: 20, scale: 6, nullable: true },
    note: { type: 'text', nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
  indexes: [
    { name: 'report_correction_report_index', properties: ['report'] },
    { name: 'report_correction_revision_index', properties: ['revision'] },
  ],
});
