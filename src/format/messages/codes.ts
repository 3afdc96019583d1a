/**
 * What a finding says, as data: a stable code and its parameters (plain JSON: cell paths, catalog codes,
 * numbers, printed text). The rules and the parser emit these; messages.ts renders them in Chinese or English.
 */
import { RULE_CODES, type FormatVersion } from '../catalog.js';

/** The parser's own finding rules: PARSE (something printed could not be read as is), SPLIT (glued digits were split). */
export const PARSER_RULES = ['PARSE', 'SPLIT'] as const;
/** Every rule a finding can carry: the catalog's checks, then the parser's. */
export const FINDING_RULES: readonly string[] = [...RULE_CODES, ...PARSER_RULES];

/** One term of an equation as printed: its cell path and value (null: blank). */
export interface EquationTerm {
  cell: string;
  value: number | null;
}

/** An equation of R1–R4 with the values it was evaluated on. `scope` is the catalog equation's scope, e.g. `column TOTAL`. */
export interface EquationSnapshot {
  rule: string;
  scope: string;
  left: EquationTerm[];
  right: EquationTerm[];
}

interface Versioned {
  formatVersion: FormatVersion;
}

/** Why a printed value was read as blank. */
export const UNREADABLE_REASONS = ['COUNT_WITH_DECIMALS', 'MALFORMED_NUMBER', 'NOT_APPLICABLE_MARKER', 'NEGATIVE_COUNT', 'UNIT_UNKNOWN', 'COLUMN_UNKNOWN', 'NUMBER_TOO_LARGE', 'BEYOND_PRECISION'] as const;
export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];
/** What decided a split of glued 表二 digits. */
export const SPLIT_BASES = ['NARRATIVE', 'PLAUSIBILITY'] as const;

export interface FindingParamsByCode {
  /** R1–R4: an equation does not balance. */
  EQUATION_FAILS: Versioned & { equation: EquationSnapshot; blanksCountedAsZero: boolean };
  /** B1: the equations determine a blank cell's (non-zero) value. */
  BLANK_IMPLIED: Versioned & { cell: string; value: number; reasons: { equation: EquationSnapshot; value: number }[] };
  /** B1: the equations disagree on a blank cell's value. */
  BLANK_DISPUTED: Versioned & { cell: string; reasons: { equation: EquationSnapshot; value: number }[] };
  /** B1: several blank cells must together hold an amount. */
  BLANKS_SHARE_AMOUNT: Versioned & { equation: EquationSnapshot; cells: string[]; amount: number };
  /** B1: an equation stays unbalanced with the values implied for its blank cells. */
  BLANKS_STILL_UNBALANCED: Versioned & { equation: EquationSnapshot; cells: string[]; amount: number };
  /** X1: 上年结转 of year N differs from 结转下年度 of year N−1. */
  CARRIED_OVER_MISMATCH: Versioned & { previousFormatVersion: FormatVersion; column: string; year: number; value: number; previousYear: number; previousValue: number };
  /** X2: 现行有效件数 does not follow from last year's plus 制发 minus 废止. */
  IN_FORCE_MISMATCH: Versioned & { item: string; year: number; inForce: number; previousYear: number; previousInForce: number; issued: number; repealed: number; expected: number };
  /** X3: a figure quoted in the text differs from the tables. */
  QUOTED_FIGURE_MISMATCH: Versioned & { section: string; quote: string; value: number; tables: { cells: string[]; value: number }[] };
  YEAR_FROM_FILE_NAME: { year: number; fileName: string };
  SECTION_HEADING_MISSING: { number: number; title: string };
  SECTION_FIVE_START_INFERRED: { title: string; start: string };
  CELL_UNREADABLE: { cell: string; printed: string; reason: (typeof UNREADABLE_REASONS)[number]; unit?: string };
  DISCLOSURE_ROW_SHORT: { item: string; found: number; columns: number; printed: string };
  DISCLOSURE_GLUED_UNSPLITTABLE: { item: string; columns: number };
  DISCLOSURE_GLUED_UNDECIDED: { item: string; digits: string; count: number; candidates: string[] };
  DISCLOSURE_GLUED_CHOSEN: { item: string; count: number; candidates: string[]; chosen: string; basis: (typeof SPLIT_BASES)[number] };
  APPLICATIONS_VALUES_BEFORE_LABELS: Record<string, never>;
  APPLICATIONS_STRAY_VALUES: { row: string; printed: string; columns: number };
  APPLICATIONS_UNLABELLED_ROWS: { rows: number; from: string | null; to: string | null; free: number };
  APPLICATIONS_ROWS_NOT_FOUND: { rows: string[] };
  /** A row found by the start of its label, the rest of the label printed elsewhere or not at all. */
  LABEL_TRUNCATED: { table: string; row: string; printed: string };
  DISCLOSURE_ITEMS_NOT_FOUND: { items: string[] };
  /** Rows whose label was found with no value after it (and no empty cells printed either). */
  ROWS_WITHOUT_VALUES: { table: string; rows: string[] };
  GLUED_UNSOLVABLE: { table: string };
  GLUED_SPLIT_CHOSEN: { table: string; count: number; candidates: string[]; chosen: string };
  REVIEWS_LABELLED_MISSING: { missing: number; total: number };
  REVIEWS_CELLS_MISSING: { found: number; total: number };
  REVIEWS_REASSEMBLED: Record<string, never>;
}

export type FindingCode = keyof FindingParamsByCode;

/** Every code, in the order above (a run-time list for pickers and the API's enum). */
export const FINDING_CODES = [
  'EQUATION_FAILS',
  'BLANK_IMPLIED',
  'BLANK_DISPUTED',
  'BLANKS_SHARE_AMOUNT',
  'BLANKS_STILL_UNBALANCED',
  'CARRIED_OVER_MISMATCH',
  'IN_FORCE_MISMATCH',
  'QUOTED_FIGURE_MISMATCH',
  'YEAR_FROM_FILE_NAME',
  'SECTION_HEADING_MISSING',
  'SECTION_FIVE_START_INFERRED',
  'CELL_UNREADABLE',
  'DISCLOSURE_ROW_SHORT',
  'DISCLOSURE_GLUED_UNSPLITTABLE',
  'DISCLOSURE_GLUED_UNDECIDED',
  'DISCLOSURE_GLUED_CHOSEN',
  'APPLICATIONS_VALUES_BEFORE_LABELS',
  'APPLICATIONS_STRAY_VALUES',
  'APPLICATIONS_UNLABELLED_ROWS',
  'APPLICATIONS_ROWS_NOT_FOUND',
  'LABEL_TRUNCATED',
  'DISCLOSURE_ITEMS_NOT_FOUND',
  'ROWS_WITHOUT_VALUES',
  'GLUED_UNSOLVABLE',
  'GLUED_SPLIT_CHOSEN',
  'REVIEWS_LABELLED_MISSING',
  'REVIEWS_CELLS_MISSING',
  'REVIEWS_REASSEMBLED',
] as const satisfies readonly FindingCode[];

/** A code with its parameters, as one value (what a finding says, before it is put in words). */
export type CodedMessage = { [C in FindingCode]: { code: C; params: FindingParamsByCode[C] } }[FindingCode];
