/**
 * The official Chinese labels of every section, table row and column, for rendering tables. The
 * data is src/format/catalog.json as the server uses it, copied by codegen (never retyped).
 */
import { catalog } from './generated/catalog.js';
import type {
  ApplicantColumn,
  ApplicationRow,
  DisclosureItem,
  DisclosureMeasure,
  FormatVersion,
  ReviewGroup,
  ReviewOutcome,
  SectionCode,
} from './generated/graphql.js';

export { catalog };

/** The catalog's entry for one format ("2021" or "2019"). */
export type CatalogFormat = (typeof catalog.formats)[number];
/** A consistency rule (R1–R4, B1, X1–X3) with its explanation. */
export type CatalogRule = (typeof catalog.rules)[number];

export interface FormatLabels {
  /** The notice that set the format, e.g. 国办公开办函〔2021〕30号. */
  notice: string;
  sections: Partial<Record<SectionCode, string>>;
  disclosureItems: Partial<Record<DisclosureItem, string>>;
  disclosureMeasures: Partial<Record<DisclosureMeasure, string>>;
  applicationRows: Partial<Record<ApplicationRow, string>>;
  applicantColumns: Partial<Record<ApplicantColumn, string>>;
  reviewGroups: Partial<Record<ReviewGroup, string>>;
  reviewOutcomes: Partial<Record<ReviewOutcome, string>>;
}

type Coded = { readonly code: string; readonly label: string };
// Widened from the literal catalog types: flatMap cannot join the different tuple types.
type ProactiveGroup = { readonly items: readonly Coded[]; readonly measures: readonly Coded[] };

const byCode = <K extends string>(entries: readonly Coded[]) =>
  Object.fromEntries(entries.map((e) => [e.code, e.label])) as Partial<Record<K, string>>;

const cache = new Map<FormatVersion, FormatLabels>();

/** Labels of one format version, as a report's `formatVersion` names it (FORMAT_2021, FORMAT_2019). */
export function labelsFor(formatVersion: FormatVersion): FormatLabels {
  const cached = cache.get(formatVersion);
  if (cached) return cached;
  const version = formatVersion.replace(/^FORMAT_/, '');
  const format: CatalogFormat | undefined = catalog.formats.find((f) => f.version === version);
  if (!format) throw new RangeError(`No labels for format ${formatVersion}`);
  const labels: FormatLabels = {
    notice: format.notice,
    sections: byCode(format.sections.map((s) => ({ code: s.code, label: s.title }))),
    disclosureItems: byCode((format.proactiveDisclosure as readonly ProactiveGroup[]).flatMap((g) => g.items)),
    disclosureMeasures: byCode((format.proactiveDisclosure as readonly ProactiveGroup[]).flatMap((g) => g.measures)),
    applicationRows: byCode(format.applications.rows),
    applicantColumns: byCode(format.applications.applicants),
    reviewGroups: byCode(format.reviewsAndLitigation.groups),
    reviewOutcomes: byCode(format.reviewsAndLitigation.outcomes),
  };
  cache.set(formatVersion, labels);
  return labels;
}

/** The explanation of a finding's rule code, e.g. rule("R1"); undefined for parser codes. */
export function ruleOf(code: string): CatalogRule | undefined {
  return catalog.rules.find((r) => r.code === code);
}
