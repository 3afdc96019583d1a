/** Reading the versions a report replaced (writing them: src/store/writes/report-history.ts). */
import type { InterchangeReport } from '../../format/index.js';
import type { ReportRevision, SourceKind } from '../entities/index.js';
import { groupByReport } from './corrections.js';
import { statement, type ReadPool } from '../read-pool.js';

/** A revision without its large columns (the report it belongs to is the one asked for). */
export type RevisionView = Omit<ReportRevision, 'report' | 'sourceText' | 'interchange' | 'sourceKind'> & { sourceKind: SourceKind | null };

export interface RevisionContent {
  sourceText: string | null;
  interchange: InterchangeReport | null;
}

/** Each report's revisions, oldest first: one statement for any number of reports (the large columns are left to revisionContents). */
export async function revisionsByReport(pool: ReadPool, ids: readonly number[]): Promise<Map<number, RevisionView[]>> {
  const rows = await pool.rows<RevisionView & { reportId: number }>(
    statement(`select v.report_id as "reportId", v.id, v.version, v.reason::text as reason, v.agency_name as "agencyName", v.title, v.source_url as "sourceUrl",
      v.published_on::text as "publishedOn", v.source_kind as "sourceKind", v.changed_cells as "changedCells", v.replaced_by as "replacedBy", v.replaced_at as "replacedAt"
      from report_revision v where v.report_id = any($1::int[]) order by v.report_id, v.replaced_at, v.id`, 'generic'),
    [ids],
  );
  return groupByReport(rows);
}

/** The source texts and data of revisions: one statement for every revision a request asks them of. */
export async function revisionContents(pool: ReadPool, ids: readonly number[]): Promise<Map<number, RevisionContent>> {
  const rows = await pool.rows<RevisionContent & { id: number }>(
    statement('select v.id, v.source_text as "sourceText", v.interchange from report_revision v where v.id = any($1::int[])', 'generic'),
    [ids],
  );
  return new Map(rows.map(({ id, ...content }) => [id, content]));
}
