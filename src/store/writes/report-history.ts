/**
 * A re-import replaces a report; what it replaced is kept. Its cells that changed are recorded as
 * corrections (previous → new, with a note), as a person's corrections are, so Report.corrections
 * tells every change of a printed number; the whole version (source, metadata, data) is kept as a
 * revision (Report.revisions). A merge keeps the report it does not keep the same way.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InterchangeReport, Table } from '../../format/index.js';
import { CorrectionSchema, ReportRevisionSchema, type Correction, type Report, type ReportRevision, type RevisionReason } from '../entities/index.js';

const TABLES = ['proactiveDisclosure', 'applications', 'reviewsAndLitigation'] as const;

interface CellChange {
  cell: string;
  previous: number | null;
  value: number | null;
}

/** Every cell whose value differs (a cell present on one side only counts as blank on the other). */
export function changedCells(before: InterchangeReport, after: InterchangeReport): CellChange[] {
  const changes: CellChange[] = [];
  for (const table of TABLES) {
    const a: Table = before[table];
    const b: Table = after[table];
    for (const row of new Set([...Object.keys(a), ...Object.keys(b)])) {
      for (const column of new Set([...Object.keys(a[row] ?? {}), ...Object.keys(b[row] ?? {})])) {
        const previous = a[row]?.[column] ?? null;
        const value = b[row]?.[column] ?? null;
        if (previous !== value) changes.push({ cell: `${table}.${row}.${column}`, previous, value });
      }
    }
  }
  return changes;
}

export const sectionsKey = (report: InterchangeReport) => JSON.stringify([...report.sections].sort((a, b) => a.number - b.number).map((s) => [s.number, s.code, s.title, s.body]));

export interface ReportMetadata {
  formatVersion: string;
  title: string | null;
  status: string;
  publishedOn: string | null;
  sourceUrl: string | null;
  sourceText: string | null;
  sourceKind: string | null;
}

/** Whether a re-import would change nothing: same source, metadata, sections and cells. */
export function sameReport(stored: Report, previous: InterchangeReport, next: ReportMetadata, data: InterchangeReport): boolean {
  const keys = ['formatVersion', 'title', 'status', 'publishedOn', 'sourceUrl', 'sourceText', 'sourceKind'] as const;
  return (
    keys.every((k) => (stored[k] ?? null) === (next[k] ?? null)) &&
    sectionsKey(previous) === sectionsKey(data) &&
    changedCells(previous, data).length === 0
  );
}

/** What a revision keeps of a report that is replaced: all of it, as it is now. */
export interface ReplacedReport {
  report: Report;
  /** Its data as stored (loadInterchange: findings left out). */
  data: InterchangeReport;
  agencyName: string;
}

/**
 * Keeps `replaced` as a revision of `report` (itself for a re-import, the report kept for a merge);
 * `next` is what replaces it, to tell the cells that differ. Call before changing or deleting it.
 */
export function recordRevision(
  tx: EntityManager,
  report: Report,
  replaced: ReplacedReport,
  next: InterchangeReport,
  reason: RevisionReason,
  replacedBy: string | null,
): { revision: ReportRevision; changes: CellChange[] } {
  const old = replaced.report;
  const changes = changedCells(replaced.data, next);
  const revision = tx.create(ReportRevisionSchema, {
    report,
    version: old.version,
    reason,
    agencyName: replaced.agencyName,
    title: old.title,
    sourceUrl: old.sourceUrl,
    publishedOn: old.publishedOn,
    sourceText: old.sourceText,
    sourceKind: old.sourceKind,
    interchange: replaced.data,
    changedCells: changes.map((c) => c.cell),
    replacedBy,
  } as never) as ReportRevision;
  return { revision, changes };
}

/** Keeps the report as it is before a re-import replaces it (call before changing it); returns the cells that change. */
export function recordReplacedVersion(tx: EntityManager, report: Report, previous: InterchangeReport, data: InterchangeReport, replacedBy: string | null): string[] {
  const { changes } = recordRevision(tx, report, { report, data: previous, agencyName: report.agency.name }, data, 'REIMPORT', replacedBy);
  const note = `re-imported: version ${report.version} replaced by version ${report.version + 1}`;
  for (const change of changes) {
    tx.create(CorrectionSchema, {
      report,
      cell: change.cell,
      previous: change.previous === null ? null : String(change.previous),
      value: change.value === null ? null : String(change.value),
      note,
    } as Correction);
  }
  return changes.map((c) => c.cell);
}
