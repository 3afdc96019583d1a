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
  /**
   * The agency's GB/T 2260 code, copied by a trigger (migration report_region_code) whenever a report
   * is written or its agency's code changes: region lists then walk one index in report order.
   */
  regionCode: string | null;
  /** Goes up by one with every change of the report (re-import, correction, publication): corrections name the version they saw. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Indexes of the report list by region: a province's 2 digits, a prefecture's 4, a county's 6. */
const REGION_LEVEL_INDEXES = (
  [
    ['report_province_year_index', 'left("region_code", 2)'],
    ['report_prefecture_year_index', 'left("region_code", 4)'],
    ['report_county_year_index', '"region_code"'],
  ] as const
).map(([name, key]) => ({ name, expression: `create index "${name}" on "report" (${key}, "year", "id") include ("status")` }));

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
    regionCode: { type: 'string', length: 6, nullable: true },
    version: { type: 'integer', default: 1 },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
  uniques: [{ name: 'report_agency_year_unique', properties: ['agency', 'year'] }],
  indexes: [
    { name: 'report_year_id_index', properties: ['year', 'id'] },
    { name: 'report_format_version_index', properties: ['formatVersion'] },
    // The list ordered by last change (UPDATED_AT_DESC) walks this backwards instead of sorting every report.
    { name: 'report_updated_index', properties: ['updatedAt', 'id'] },
    // A province, prefecture or county filter is an equality on one of these, so a page of a region's
    // reports in (year, id) order is a range of one index, wherever the region's ids fall; the status
    // is included so public counts are index-only.
    ...REGION_LEVEL_INDEXES,
    // Chinese search: GIN over character bigrams (function nianbao_bigrams, migration regions_search).
    { name: 'report_title_search_index', expression: 'create index "report_title_search_index" on "report" using gin (nianbao_bigrams("title"))' },
  ],
});
