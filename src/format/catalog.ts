/**
 * The official format as code. Everything here is derived from `catalog.json` (a copy of the
 * format research in shared/format): no label is typed by hand anywhere else in the project.
 * Pure data and functions, safe to import from a browser.
 */
import catalogJson from './catalog.json' with { type: 'json' };

export type FormatVersion = '2021' | '2019';
export type Severity = 'ERROR' | 'WARNING' | 'INFO';

export interface CodedLabel {
  code: string;
  label: string;
}
export interface SectionSpec {
  number: number;
  code: string;
  title: string;
}
export interface ProactiveGroupSpec {
  article: string;
  measures: CodedLabel[];
  items: CodedLabel[];
}
export interface ApplicantSpec extends CodedLabel {
  group: string | null;
}
export interface ApplicationRowSpec extends CodedLabel {
  group: string | null;
}
export interface ReviewGroupSpec extends CodedLabel {
  parent: string | null;
}
export interface FormatSpec {
  version: FormatVersion;
  notice: string;
  usedForReportYears: string;
  sections: SectionSpec[];
  proactiveDisclosure: ProactiveGroupSpec[];
  applications: { note: string; applicants: ApplicantSpec[]; rows: ApplicationRowSpec[] };
  reviewsAndLitigation: { groups: ReviewGroupSpec[]; outcomes: CodedLabel[] };
}
export interface RuleSpec {
  code: string;
  severity: Severity;
  official: boolean;
  text: string;
}

interface CatalogShape {
  about: string;
  formats: FormatSpec[];
  rules: RuleSpec[];
}

export const catalog = catalogJson as unknown as CatalogShape;

export const FORMAT_VERSIONS: readonly FormatVersion[] = catalog.formats.map((f) => f.version);

const formatsByVersion = new Map(catalog.formats.map((f) => [f.version, f]));

export function formatSpec(version: FormatVersion): FormatSpec {
  const spec = formatsByVersion.get(version);
  if (!spec) throw new Error(`Unknown format version ${version}`);
  return spec;
}

export function isFormatVersion(value: unknown): value is FormatVersion {
  return typeof value === 'string' && formatsByVersion.has(value as FormatVersion);
}

/** Union of codes over every format version, in first-seen catalog order (2021 first). */
function unionCodes(pick: (f: FormatSpec) => CodedLabel[]): string[] {
  const seen = new Set<string>();
  for (const f of catalog.formats) for (const c of pick(f)) seen.add(c.code);
  return [...seen];
}

export const SECTION_CODES = unionCodes((f) => f.sections.map((s) => ({ code: s.code, label: s.title })));
export const PROACTIVE_ITEM_CODES = unionCodes((f) => f.proactiveDisclosure.flatMap((g) => g.items));
export const PROACTIVE_MEASURE_CODES = unionCodes((f) => f.proactiveDisclosure.flatMap((g) => g.measures));
export const APPLICATION_ROW_CODES = unionCodes((f) => f.applications.rows);
export const APPLICANT_CODES = unionCodes((f) => f.applications.applicants);
export const REVIEW_GROUP_CODES = unionCodes((f) => f.reviewsAndLitigation.groups);
export const REVIEW_OUTCOME_CODES = unionCodes((f) => f.reviewsAndLitigation.outcomes);
export const RULE_CODES = catalog.rules.map((r) => r.code);

export function ruleSpec(code: string): RuleSpec | undefined {
  return catalog.rules.find((r) => r.code === code);
}

/** One measure of one proactive-disclosure item, as laid out in a given format version. */
export interface ProactiveCellSpec {
  article: string;
  item: CodedLabel;
  measure: CodedLabel;
}

export function proactiveCells(version: FormatVersion): ProactiveCellSpec[] {
  return formatSpec(version).proactiveDisclosure.flatMap((g) =>
    g.items.flatMap((item) => g.measures.map((measure) => ({ article: g.article, item, measure }))),
  );
}

/** The measures that are money amounts (decimals allowed), not counts. */
export const MONEY_MEASURES: ReadonlySet<string> = new Set(['FEE_AMOUNT', 'PROCUREMENT_AMOUNT']);
/** The measures that are signed changes, not non-negative counts. */
export const SIGNED_MEASURES: ReadonlySet<string> = new Set(['CHANGE']);

/** Label of a code in a format version, or of the first version that knows it. */
function labelIn(version: FormatVersion | undefined, pick: (f: FormatSpec) => CodedLabel[], code: string): string | undefined {
  const order = version ? [formatSpec(version), ...catalog.formats] : catalog.formats;
  for (const f of order) {
    const hit = pick(f).find((c) => c.code === code);
    if (hit) return hit.label;
  }
  return undefined;
}

export const labels = {
  section: (code: string, v?: FormatVersion) =>
    labelIn(v, (f) => f.sections.map((s) => ({ code: s.code, label: s.title })), code),
  proactiveItem: (code: string, v?: FormatVersion) =>
    labelIn(v, (f) => f.proactiveDisclosure.flatMap((g) => g.items), code),
  proactiveMeasure: (code: string, v?: FormatVersion) =>
    labelIn(v, (f) => f.proactiveDisclosure.flatMap((g) => g.measures), code),
  applicationRow: (code: string, v?: FormatVersion) => labelIn(v, (f) => f.applications.rows, code),
  applicant: (code: string, v?: FormatVersion) => labelIn(v, (f) => f.applications.applicants, code),
  reviewGroup: (code: string, v?: FormatVersion) => labelIn(v, (f) => f.reviewsAndLitigation.groups, code),
  reviewOutcome: (code: string, v?: FormatVersion) => labelIn(v, (f) => f.reviewsAndLitigation.outcomes, code),
};

/** Path of one cell in the interchange JSON, as findings cite it: `applications.NEW_RECEIVED.TOTAL`. */
export type TableName = 'proactiveDisclosure' | 'applications' | 'reviewsAndLitigation';
export function cellPath(table: TableName, row: string, column: string): string {
  return `${table}.${row}.${column}`;
}
