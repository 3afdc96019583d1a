import { EntitySchema } from '@mikro-orm/core';
import type { Severity } from '../../format/index.js';
import type { Report } from './report.js';

export const SEVERITIES = ['ERROR', 'WARNING', 'INFO'] as const;

export interface FindingRecord {
  id: number;
  report: Report;
  rule: string;
  severity: Severity;
  /** Stable code of what was found (src/format/messages); null on findings stored before codes. */
  code: string | null;
  /** The code's parameters, from which the message is rendered per request. */
  params: object | null;
  /** The message in Chinese as written, served for findings without a code. */
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
    code: { type: 'text', nullable: true },
    params: { type: 'json', nullable: true },
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
