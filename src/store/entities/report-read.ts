/**
 * Each report's parts as the read path serves them: the three tables, the sections and the
 * findings, each one JSON value built once when the report is written instead of at every read
 * (assembling them from the normalized rows was most of a report page's database time). Written
 * in the transaction of every write that changes a part (src/store/reports/read-model.ts); the
 * read path falls back to the normalized rows for a report that has none. Never edited by hand.
 */
import { EntitySchema } from '@mikro-orm/core';
import type { Report } from './report.js';

export interface ReportRead {
  report: Report;
  applications: unknown;
  disclosure: unknown;
  reviews: unknown;
  sections: unknown;
  findings: unknown;
}

// `json`, not jsonb: served as stored, never re-serialized.
const part = { type: 'json', columnType: 'json' } as const;

export const ReportReadSchema = new EntitySchema<ReportRead>({
  name: 'ReportRead',
  tableName: 'report_read',
  properties: {
    report: { kind: '1:1', entity: 'Report', primary: true, owner: true, deleteRule: 'cascade', fieldName: 'report_id' },
    applications: part,
    disclosure: part,
    reviews: part,
    sections: part,
    findings: part,
  },
});
