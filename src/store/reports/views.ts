/**
 * What the read path serves: plain objects shaped by PostgreSQL, never ORM entities. A report's
 * parts (tables, sections, findings) are present only when the request asked for them; the
 * statement that read the report fetched exactly those.
 */
import type { Table } from '../../format/index.js';
import type { Agency, FindingRecord, Report } from '../entities/index.js';

/** An agency as served: its columns, with the parent as an id (loaded only when asked for). */
export type AgencyView = Omit<Agency, 'parent' | 'createdAt' | 'updatedAt'> & { parentId: number | null };

export interface SectionView {
  number: number;
  code: string;
  title: string;
  body: string;
}

/** A finding; `expected` and `actual` are exact decimals as PostgreSQL prints them. */
export type FindingView = Omit<FindingRecord, 'report'>;

/** Table 二 as stored: item → measure → exact decimal text (null: printed blank). */
export type DisclosureCells = Record<string, Record<string, string | null>>;

/** The parts of a report a statement can bring along with it. */
export const REPORT_PARTS = ['applications', 'disclosure', 'reviews', 'sections', 'findings'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

export interface ReportParts {
  /** Table 三: row → applicant column → count. */
  applications?: Table;
  disclosure?: DisclosureCells;
  /** Table 四: group → outcome → count. */
  reviews?: Table;
  sections?: SectionView[];
  /** In the order they were found (by id). */
  findings?: FindingView[];
  /** The rows read of a table read in part (absent: the whole table, when read). */
  rowsRead?: { applications?: readonly string[]; disclosure?: readonly string[]; reviews?: readonly string[] };
}

/** A report's own columns (not the verbatim source: megabytes, read only on request), its agency, and the parts asked for. */
export type ReportView = Omit<Report, 'agency' | 'sourceText' | 'regionCode' | 'createdAt' | 'updatedAt'> & {
  agency: AgencyView;
  /** ISO 8601 with an offset, as PostgreSQL writes it in JSON (the DateTime scalar serves it in UTC). */
  createdAt: string;
  updatedAt: string;
} & ReportParts;
