/**
 * The report interchange JSON (shared/format/INTERCHANGE.md): what the parser emits, the import
 * accepts and the tests compare. Codes come from the catalog.
 */
import type { FormatVersion, Severity } from './catalog.js';

/** A printed number, or null for a cell printed blank or unreadable (never silently 0). */
export type CellValue = number | null;
/** row (or item/group) code -> column (or measure/outcome) code -> value */
export type Table = Record<string, Record<string, CellValue>>;

export interface InterchangeSection {
  number: number;
  code: string;
  title: string;
  body: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** Stable code of what was found (src/format/messages/codes.ts); absent on findings from before codes. */
  code?: string;
  /** The code's parameters (cell paths, catalog codes, numbers, printed text), from which the message is rendered. */
  params?: object;
  /** The message in Chinese (the API renders it per request from code and params). */
  message: string;
  cells: string[];
  /** What the rule expected, when it computes a value (e.g. a sum). */
  expected?: number | null;
  /** What the report printed, when the rule compares a printed value. */
  actual?: number | null;
}

export interface InterchangeReport {
  formatVersion: FormatVersion;
  year: number;
  agencyName: string | null;
  title: string | null;
  sections: InterchangeSection[];
  proactiveDisclosure: Table;
  applications: Table;
  reviewsAndLitigation: Table;
  findings: Finding[];
}
