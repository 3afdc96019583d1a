/**
 * Two reports side by side (year over year, or any two): every cell's change and each part's text
 * difference at sentence level, with the share of it copied unchanged. Pure functions over the
 * interchange shapes; the cells are laid out by the catalog, the union of both reports' formats.
 */
import { MONEY_MEASURES, formatSpec, type FormatVersion, type TableName } from './catalog.js';
import type { InterchangeSection, Table } from './interchange.js';

export interface ComparedTables {
  formatVersion: FormatVersion;
  proactiveDisclosure: Table;
  applications: Table;
  reviewsAndLitigation: Table;
  sections: InterchangeSection[];
}

export const CELL_CHANGE_KINDS = ['UNCHANGED', 'CHANGED', 'NOW_BLANK', 'NOW_PRINTED', 'BOTH_BLANK', 'ONLY_BEFORE', 'ONLY_AFTER'] as const;
export type CellChangeKind = (typeof CELL_CHANGE_KINDS)[number];

export interface CellChange {
  table: TableName;
  row: string;
  column: string;
  /** `applications.NEW_RECEIVED.TOTAL` */
  cell: string;
  /** The value in the earlier report: null when printed blank, undefined when its format has no such cell. */
  before: number | null | undefined;
  after: number | null | undefined;
  /** after − before, only when both are printed (a blank is not a zero). */
  delta: number | null;
  kind: CellChangeKind;
  isAmount: boolean;
}

/** Amounts carry up to 6 decimals: subtract in millionths so 0.3 − 0.1 is 0.2, not 0.19999999999999998. */
const exactDelta = (before: number, after: number) => (Math.round(after * 1e6) - Math.round(before * 1e6)) / 1e6;

function kindOf(before: number | null | undefined, after: number | null | undefined): CellChangeKind {
  if (before === undefined) return 'ONLY_AFTER';
  if (after === undefined) return 'ONLY_BEFORE';
  if (before === null && after === null) return 'BOTH_BLANK';
  if (before === null) return 'NOW_PRINTED';
  if (after === null) return 'NOW_BLANK';
  return before === after ? 'UNCHANGED' : 'CHANGED';
}

/** Row × column of each table in catalog order, over both formats (2019 rows a 2021 report lacks come last). */
function layout(versions: FormatVersion[]): { table: TableName; row: string; column: string }[] {
  const seen = new Set<string>();
  const cells: { table: TableName; row: string; column: string }[] = [];
  const add = (table: TableName, row: string, column: string) => {
    const key = `${table}.${row}.${column}`;
    if (!seen.has(key)) (seen.add(key), cells.push({ table, row, column }));
  };
  for (const v of versions) {
    for (const g of formatSpec(v).proactiveDisclosure) for (const i of g.items) for (const m of g.measures) add('proactiveDisclosure', i.code, m.code);
  }
  for (const v of versions) {
    const spec = formatSpec(v).applications;
    for (const r of spec.rows) for (const a of spec.applicants) add('applications', r.code, a.code);
  }
  for (const v of versions) {
    const spec = formatSpec(v).reviewsAndLitigation;
    for (const g of spec.groups) for (const o of spec.outcomes) add('reviewsAndLitigation', g.code, o.code);
  }
  return cells;
}

/** A cell of a report: undefined when its table has no such row or column (another format, or not printed at all). */
function valueAt(report: ComparedTables, table: TableName, row: string, column: string): number | null | undefined {
  const cells = report[table][row];
  if (!cells || !Object.prototype.hasOwnProperty.call(cells, column)) return undefined;
  return cells[column];
}

export function compareCells(before: ComparedTables, after: ComparedTables): CellChange[] {
  return layout([...new Set([after.formatVersion, before.formatVersion])]).map(({ table, row, column }) => {
    const b = valueAt(before, table, row, column);
    const a = valueAt(after, table, row, column);
    return {
      table,
      row,
      column,
      cell: `${table}.${row}.${column}`,
      before: b,
      after: a,
      delta: typeof a === 'number' && typeof b === 'number' ? exactDelta(b, a) : null,
      kind: kindOf(b, a),
      isAmount: table === 'proactiveDisclosure' && MONEY_MEASURES.has(column),
    };
  });
}

/** Sentences of a text: split after 。！？； and at line breaks, each kept with its closing mark, blanks dropped. */
export function sentences(text: string): string[] {
  return (text.match(/[^。！？；\n]+[。！？；]*|[。！？；]+/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 0 && !/^[。！？；]+$/.test(s));
}

export interface SentenceChange {
  kind: 'SAME' | 'ADDED' | 'REMOVED';
  text: string;
}

/** Beyond this many LCS cells (16 MB) texts are matched sentence by sentence regardless of order. */
const MAX_TABLE = 4_000_000;

/** Each later sentence found among the earlier ones (as many times as it occurs there) counts as copied. */
function matchUnordered(before: string[], after: string[]): SentenceChange[] {
  const left = new Map<string, number>();
  for (const s of before) left.set(s, (left.get(s) ?? 0) + 1);
  const changes: SentenceChange[] = after.map((text) => {
    const count = left.get(text) ?? 0;
    if (count > 0) left.set(text, count - 1);
    return { kind: count > 0 ? 'SAME' : 'ADDED', text };
  });
  for (const [text, count] of left) for (let k = 0; k < count; k++) changes.push({ kind: 'REMOVED', text });
  return changes;
}

/** The longest common subsequence of two sentence lists, as a diff in reading order (removals before additions). */
export function diffSentences(before: string[], after: string[]): SentenceChange[] {
  const n = before.length;
  const m = after.length;
  if ((n + 1) * (m + 1) > MAX_TABLE) return matchUnordered(before, after);
  // lengths[i][j]: LCS of before[i..] and after[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] = before[i] === after[j] ? lengths[at(i + 1, j + 1)] + 1 : Math.max(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
    }
  }
  const changes: SentenceChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      changes.push({ kind: 'SAME', text: after[j] });
      i++, j++;
    } else if (i < n && (j === m || lengths[at(i + 1, j)] >= lengths[at(i, j + 1)])) {
      changes.push({ kind: 'REMOVED', text: before[i++] });
    } else {
      changes.push({ kind: 'ADDED', text: after[j++] });
    }
  }
  return changes;
}

export interface SectionComparison {
  code: string;
  number: number;
  title: string;
  sentencesBefore: number;
  sentencesAfter: number;
  /** Sentences of the later text found unchanged, in order, in the earlier one. */
  copiedSentences: number;
  /** Characters of the later text in unchanged sentences ÷ all its sentences' characters; null when it has none. */
  copiedShare: number | null;
  changes: SentenceChange[];
}

/** Each part present in either report, in official order. */
export function compareSections(before: InterchangeSection[], after: InterchangeSection[]): SectionComparison[] {
  const codes = [...new Set([...after, ...before].sort((x, y) => x.number - y.number).map((s) => s.code))];
  return codes.map((code) => {
    const b = before.find((s) => s.code === code);
    const a = after.find((s) => s.code === code);
    const old = sentences(b?.body ?? '');
    const now = sentences(a?.body ?? '');
    const changes = diffSentences(old, now);
    const same = changes.filter((c) => c.kind === 'SAME');
    const total = now.reduce((sum, s) => sum + s.length, 0);
    return {
      code,
      number: (a ?? b)!.number,
      title: (a ?? b)!.title,
      sentencesBefore: old.length,
      sentencesAfter: now.length,
      copiedSentences: same.length,
      copiedShare: total === 0 ? null : same.reduce((sum, s) => sum + s.text.length, 0) / total,
      changes,
    };
  });
}
