/** What the catalog says a report's pages print outside the cells: part titles, 表二's article headings, column headers. */
import { catalog } from '../../format/index.js';
import { bareLabel } from '../labels.js';
import { fold } from '../normalize.js';

/** The report's part titles (二、主动公开政府信息情况 …), from the catalog: a line that is one is a heading, never a cell. */
const PART_TITLES = [...new Set(catalog.formats.flatMap((f) => f.sections.map((s) => fold(s.title))))];
/** Sub-table headings of 表二 (第二十条第（一）项 …): they start a new small table, never label a row. */
const ARTICLES = [...new Set(catalog.formats.flatMap((f) => f.proactiveDisclosure.map((g) => fold(g.article))))];
/** Column headers of the catalog's tables: a line holding one is a header row, not a label. */
const COLUMN_LABELS = [
  ...new Set(
    catalog.formats.flatMap((f) => [
      ...f.proactiveDisclosure.flatMap((g) => g.measures.map((m) => m.label)),
      ...f.applications.applicants.map((a) => a.label),
      ...f.reviewsAndLitigation.outcomes.map((o) => o.label),
      // 表四's groups head its columns (行政复议 … 行政诉讼 over 未经复议直接起诉)
      ...f.reviewsAndLitigation.groups.flatMap((g) => [g.label, g.parent ?? '']),
    ]).map(fold).filter((l) => l.length >= 3),
  ),
];
export function isArticle(text: string): boolean {
  const folded = fold(withoutMarks(text));
  return ARTICLES.some((a) => folded.startsWith(a));
}
/** Markdown heading and emphasis marks a converted copy printed before a line's text. */
export const withoutMarks = (text: string) => text.replace(/^[#*\s]+/, '');
/** A heading a Markdown copy marks as one ("### （二）部分公开"). */
export const isMarkdownHeading = (text: string) => /^#{1,6}\s/.test(text);
export const isColumnHeader = (l: { frags: { text: string }[] }) => l.frags.some((f) => COLUMN_LABELS.includes(fold(withoutMarks(f.text))));

/** How many value columns the catalog's tables have: a header read as one of these is trusted. */
export const TABLE_WIDTHS = new Set(catalog.formats.flatMap((f) => [f.applications.applicants.length, f.reviewsAndLitigation.groups.length * f.reviewsAndLitigation.outcomes.length]));
const PART_NUMBER = /^\s*[一二三四五六七八九十]+\s*[、.．]?/;
export function isPartHeading(text: string): boolean {
  const folded = fold(withoutMarks(text).replace(PART_NUMBER, ''));
  return folded.length >= 4 && PART_TITLES.some((t) => folded.startsWith(t.slice(0, Math.max(4, t.length - 2))));
}

/** 表三's row labels without their numbering (一、 （一） 1.): a table with rows so labelled has the applicant columns. */
const APPLICATION_ROWS = [...new Set(catalog.formats.flatMap((f) => f.applications.rows.map((r) => bareLabel(r.label))))].filter((l) => l.length >= 4);
const APPLICANT_WIDTHS = new Set(catalog.formats.map((f) => f.applications.applicants.length));
/** 表四's own header words: its groups, and its outcomes but 总计, which 表三 prints too. */
const words = (labels: string[]) => [...new Set(labels.map(fold))].filter((w) => w.length >= 4);
const REVIEW_GROUP_WORDS = words(catalog.formats.flatMap((f) => f.reviewsAndLitigation.groups.flatMap((g) => [g.label, g.parent ?? ''])));
const REVIEW_OUTCOME_WORDS = words(catalog.formats.flatMap((f) => f.reviewsAndLitigation.outcomes.map((o) => o.label)));
const REVIEW_WIDTHS = new Set(catalog.formats.map((f) => f.reviewsAndLitigation.groups.length * f.reviewsAndLitigation.outcomes.length));
const OUTCOME_WIDTHS = new Set(catalog.formats.map((f) => f.reviewsAndLitigation.outcomes.length));

/**
 * How many value columns a table has, when the catalog says: 表三 (a row labelled with one of its
 * row labels: the applicant columns) or 表四 (a header in its words: every cell of its groups, or
 * the outcomes alone under one group's heading when no row holds more).
 * Null for 表二's small tables and anything else (their values show their columns).
 */
export function catalogWidth(rowLabels: string[], headerText: string, mostValues: number): number | null {
  const only = (s: Set<number>) => (s.size === 1 ? [...s][0] : null);
  // (a row's label may hold its first number, set a space after its text: "本年新收政府信息公开 705申请数量")
  const labelled = rowLabels.map((l) => fold(l).replace(/\d+/g, '')).filter((l) => APPLICATION_ROWS.some((a) => l.includes(a))).length;
  // one row is enough: each row of 表三 may be a small table of its own under its heading
  if (labelled >= 1) return only(APPLICANT_WIDTHS);
  const header = fold(headerText);
  const groups = REVIEW_GROUP_WORDS.filter((w) => header.includes(w)).length;
  const outcomes = REVIEW_OUTCOME_WORDS.map((w) => header.split(w).length - 1);
  if (groups + outcomes.filter((n) => n > 0).length < 2) return null;
  // each group as a small table of its own under its heading: the outcomes, each printed once, are the columns
  const outcomesOnly = only(OUTCOME_WIDTHS);
  if (groups <= 1 && outcomes.every((n) => n === 1) && outcomesOnly !== null && mostValues <= outcomesOnly) return outcomesOnly;
  return only(REVIEW_WIDTHS);
}

/** A line that starts a label: 一、 （一） 1. and the like. */
export const ENUMERATED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d{1,2}\s*[.、．](?!\d))/;
/** A label that starts with its number and goes on with text ("3.其他"), not a number set apart ("3."). */
export const STARTS_CELL = new RegExp(`${ENUMERATED.source}\\s*\\S`);

/** Every row and item label of the catalog's tables, folded, without its numbering. */
const ROW_LABELS = [...new Set(catalog.formats.flatMap((f) => [...f.applications.rows.map((r) => r.label), ...f.proactiveDisclosure.flatMap((g) => g.items.map((i) => i.label))]).map(bareLabel))];
/** A label line that starts a row: numbered (一、 （一） 1.), or the start of a row label of the catalog (行政许可, 规章 …), not the rest of one. */
export function startsRowLabel(text: string): boolean {
  const bare = withoutMarks(text);
  if (STARTS_CELL.test(bare)) return true;
  const f = fold(bare);
  return ROW_LABELS.some((l) => l === f || (f.length >= 4 && l.startsWith(f)));
}
