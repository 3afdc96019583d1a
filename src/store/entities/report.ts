import { EntitySchema } from '@mikro-orm/core';
import { FORMAT_VERSIONS, type FormatVersion } from '../../format/index.js';
import type { Agency } from './agency.js';

export const REPORT_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** How the stored original was published: an HTML page, plain text (copied or extracted from a PDF), or interchange JSON. */
export const SOURCE_KINDS = ['HTML', 'TEXT', 'JSON'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface Report {
  id: number;
  agency: Agency;
  year: number;
  formatVersion: FormatVersion;
  title: string | null;
  publishedOn: string | null;
  sourceUrl: string | null;
  status: ReportStatus;
  /** The original as received, verbatim, so a better parser can read it again later. */
  sourceText: string | null;
  sourceKind: SourceKind | null;
  /** Goes up by one with every change of the report (re-import, correction, publication): corrections name the version they saw. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ReportSchema = new EntitySchema<Report>({
  name: 'Report',
  tableName: 'report',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    agency: { kind: 'm:1', entity: 'Agency', deleteRule: 'cascade' },
    year: { type: 'smallint' },
    formatVersion: { enum: true, items: () => [...FORMAT_VERSIONS], nativeEnumName: 'format_version' },
    title: { type: 'text', nullable: true },
    publishedOn: { type: 'date', nullable: true },
    sourceUrl: { type: 'text', nullable: true },
    status: { enum: true, items: () => [...REPORT_STATUSES], nativeEnumName: 'report_status', default: 'PUBLISHED' },
    sourceText: { type: 'text', nullable: true, lazy: true },
    sourceKind: { enum: true, items: () => [...SOURCE_KINDS], nativeEnumName: 'source_kind', nullable: true },
    version: { type: 'integer', default: 1 },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
  uniques: [{ name: 'report_agency_year_unique', properties: ['agency', 'year'] }],
  indexes: [
    { name: 'report_year_id_index', properties: ['year', 'id'] },
    { name: 'report_format_version_index', properties: ['formatVersion'] },
    // Chinese search: GIN over character bigrams (function nianbao_bigrams, migration regions_search).
    { name: 'report_title_search_index', expression: 'create index "report_title_search_index" on "report" using gin (nianbao_bigrams("title"))' },
  ],
});
