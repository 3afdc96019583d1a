import { EntitySchema } from '@mikro-orm/core';
import type { Report } from './report.js';

export interface Section {
  id: number;
  report: Report;
  number: number;
  code: string;
  /** The heading as printed in the report (it varies between agencies). */
  title: string;
  body: string;
}

export const SectionSchema = new EntitySchema<Section>({
  name: 'Section',
  tableName: 'report_section',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    report: { kind: 'm:1', entity: 'Report', deleteRule: 'cascade' },
    number: { type: 'smallint' },
    code: { type: 'text' },
    title: { type: 'text' },
    body: { type: 'text' },
  },
  uniques: [{ name: 'report_section_report_number_unique', properties: ['report', 'number'] }],
  indexes: [
    // Chinese search: GIN over character bigrams (function nianbao_bigrams, migration regions_search).
    { name: 'report_section_body_search_index', expression: 'create index "report_section_body_search_index" on "report_section" using gin (nianbao_bigrams("body"))' },
  ],
});
