/**
 * An oversight office's work list: reports with findings of a rule and/or severity, most findings
 * first, a page at a time — one SQL statement per page, with the totals as window aggregates.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Severity } from '../../format/index.js';
import { reportFilterSql } from '../reports/filter.js';
import type { ReportFilter } from '../reports/filter.js';

export interface FindingListRequest {
  filter: ReportFilter;
  rules?: string[];
  severities?: Severity[];
  offset: number;
  limit: number;
}

export interface FindingListRow {
  reportId: number;
  matchingFindings: number;
}

export interface FindingListPage {
  rows: FindingListRow[];
  totalReports: number;
  totalFindings: number;
}

export async function listReportsWithFindings(em: EntityManager, request: FindingListRequest): Promise<FindingListPage> {
  const where = reportFilterSql(request.filter);
  const conditions = [where.sql];
  const params = [...where.params];
  if (request.rules?.length) {
    conditions.push('f.rule in (?)');
    params.push(request.rules);
  }
  if (request.severities?.length) {
    conditions.push('f.severity in (?)');
    params.push(request.severities);
  }
  params.push(request.limit, request.offset);
  const rows = await em.getConnection().execute<{ report_id: number; matching: number; total_reports: number; total_findings: string }[]>(
    `select r.id as report_id, count(*)::int as matching, count(*) over ()::int as total_reports, sum(count(*)) over () as total_findings
     from report r join agency a on a.id = r.agency_id join finding f on f.report_id = r.id
     where ${conditions.join(' and ')}
     group by r.id order by matching desc, r.id limit ? offset ?`,
    params,
  );
  return {
    rows: rows.map((r) => ({ reportId: r.report_id, matchingFindings: r.matching })),
    totalReports: rows[0]?.total_reports ?? 0,
    totalFindings: rows[0] ? Number(rows[0].total_findings) : 0,
  };
}

/** Findings per rule and severity over the filtered reports (one statement). */
export async function findingCounts(em: EntityManager, filter: ReportFilter): Promise<{ rule: string; severity: Severity; reports: number; findings: number }[]> {
  const where = reportFilterSql(filter);
  return em.getConnection().execute(
    `select f.rule, f.severity::text as severity, count(distinct r.id)::int as reports, count(*)::int as findings
     from report r join agency a on a.id = r.agency_id join finding f on f.report_id = r.id
     where ${where.sql} group by f.rule, f.severity order by findings desc, f.rule`,
    where.params,
  );
}
