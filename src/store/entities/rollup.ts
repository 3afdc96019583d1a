/**
 * Precomputed sums for the national portal questions: one row per (year, agency region code, agency
 * level, format version, report status) and rolled-up measure, maintained in the transaction of every
 * report write (src/store/services/rollup.ts). Never edited by hand; rebuilt with rebuildRollup().
 */
import { EntitySchema } from '@mikro-orm/core';

export interface ReportRollup {
  id: number;
  year: number;
  /** The agency's own region code (null for agencies without one); grouped by level at query time. */
  regionCode: string | null;
  agencyLevel: string | null;
  formatVersion: string;
  status: string;
  /** measureKey() of the measure */
  measure: string;
  /** reports in the key (counted or not) */
  reports: number;
  /** reports whose cells for the measure are all printed */
  counted: number;
  numerator: string | null;
  denominator: string | null;
  /** the smallest report id in the key (the report itself when `reports` is 1) */
  minReportId: number;
}

export const ReportRollupSchema = new EntitySchema<ReportRollup>({
  name: 'ReportRollup',
  tableName: 'report_rollup',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    year: { type: 'integer' },
    regionCode: { type: 'text', nullable: true },
    agencyLevel: { type: 'text', nullable: true },
    formatVersion: { type: 'text' },
    status: { type: 'text' },
    measure: { type: 'text' },
    reports: { type: 'integer' },
    counted: { type: 'integer' },
    numerator: { type: 'decimal', columnType: 'numeric', nullable: true },
    denominator: { type: 'decimal', columnType: 'numeric', nullable: true },
    minReportId: { type: 'integer' },
  },
  indexes: [
    // National questions read a few measures over all keys of some years.
    { name: 'report_rollup_measure_year_index', properties: ['measure', 'year'] },
    // Refreshing one region's year after a write.
    { name: 'report_rollup_region_year_index', properties: ['regionCode', 'year'] },
  ],
});
