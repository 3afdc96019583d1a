import { EntitySchema } from '@mikro-orm/core';
import type { Severity } from '../../format/index.js';
import type { Report } from './report.js';

export const SEVERITIES = ['ERROR', 'WARNING', 'INFO'] as const;

export interface FindingRecord {
  id: number;
  report: Report;
  rule: string;
  severity: Severity;
  message: string;
  cells: string[];
  expected: string | null;
  actual: string | null;
}

export const FindingSchema = new EntitySchema<FindingRecord>({
  name: 'Finding',
  tableName: 'finding',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    rule: { type: 'text' },
    severity: { enum: true, items: () => [...SEVERITIES], nativeEnumName: 'finding_severity' },
    message: { type: 'text' },
    cells: { type: 'text[]', default: '{}' },
    expected: { type: 'decimal', precision: 20, scale: 6, nullable: true },
    actual: { type: 'decimal', precision: 20, scale: 6, nullable: true },
  },
  indexes: [
    { name: 'finding_report_index', properties: ['report'] },
    { name: 'finding_rule_severity_index', properties: ['rule', 'severity'] },
  ],
});
