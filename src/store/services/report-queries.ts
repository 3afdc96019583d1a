/**
 * Reading reports: filtered, ordered keyset pages and batch loads by id. Every function issues one
 * SQL statement whatever the number of ids, so GraphQL loaders can batch a whole page into it.
 */
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import type { FormatVersion } from '../../format/index.js';
import {
  AgencySchema,
  ApplicationRowSchema,
  CorrectionSchema,
  DisclosureCellSchema,
  FindingSchema,
  ReportSchema,
  ReviewRowSchema,
  SectionSchema,
  type Agency,
  type Correction,
  type FindingRecord,
  type Report,
  type ReportStatus,
  type Section,
} from '../entities/index.js';
import { reportFilterSql } from './report-filter-sql.js';

export interface ReportFilter {
  years?: number[];
  yearFrom?: number;
  yearTo?: number;
  agencyIds?: number[];
  /** GB/T 2260 code or prefix: a province (35 / 350000) selects its whole subtree. */
  regionCode?: string;
  formatVersions?: FormatVersion[];
  statuses?: ReportStatus[];
  /** Only reports with at least one finding of these rule codes. */
  withFindingRules?: string[];
}

export const REPORT_ORDERS = ['YEAR_DESC', 'YEAR_ASC', 'AGENCY_NAME_ASC', 'UPDATED_AT_DESC'] as const;
export type ReportOrder = (typeof REPORT_ORDERS)[number];

interface OrderSpec {
  column: string;
  direction: 'asc' | 'desc';
  read: (report: Report) => string | number;
}

const ORDERS: Record<ReportOrder, OrderSpec> = {
  YEAR_DESC: { column: 'r.year', direction: 'desc', read: (r) => r.year },
  YEAR_ASC: { column: 'r.year', direction: 'asc', read: (r) => r.year },
  AGENCY_NAME_ASC: { column: 'a.name', direction: 'asc', read: (r) => r.agency.name },
  UPDATED_AT_DESC: { column: 'r.updated_at', direction: 'desc', read: (r) => r.updatedAt.toISOString() },
};

/** A position in an ordered list: the sort key and the id that breaks ties. */
export interface ReportCursor {
  key: string | number;
  id: number;
}

export function reportCursor(report: Report, order: ReportOrder): ReportCursor {
  return { key: ORDERS[order].read(report), id: report.id };
}

/** The filter as one condition, the same SQL the aggregates and search use (report-filter-sql.ts). */
function applyFilter(qb: QueryBuilder<any>, filter: ReportFilter): void {
  const where = reportFilterSql(filter);
  qb.andWhere(where.sql, where.params);
}

export interface ReportPageRequest {
  filter: ReportFilter;
  order: ReportOrder;
  after?: ReportCursor;
  before?: ReportCursor;
  limit: number;
  /** true when paging backwards (`last`/`before`): rows come in reverse order. */
  inverted: boolean;
}

/** Every report column but the lazy ones (the verbatim source can be megabytes: read only on request). */
function eagerReportColumns(em: EntityManager): string[] {
  return em
    .getMetadata()
    .get('Report')
    .props.filter((p) => !p.lazy && (p.kind === 'scalar' || p.kind === 'm:1'))
    .map((p) => `r.${p.name}`);
}

export async function listReports(em: EntityManager, request: ReportPageRequest): Promise<Report[]> {
  const { column, direction } = ORDERS[request.order];
  const forward = request.inverted ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  const qb = em.createQueryBuilder(ReportSchema, 'r').select(eagerReportColumns(em)).joinAndSelect('r.agency', 'a');
  applyFilter(qb, request.filter);
  const keyset = (cursor: ReportCursor, after: boolean) => {
    const ascending = direction === 'asc';
    const op = after === ascending ? '>' : '<';
    qb.andWhere(`(${column}, r.id) ${op} (?, ?)`, [cursor.key, cursor.id]);
  };
  if (request.after) keyset(request.after, true);
  if (request.before) keyset(request.before, false);
  qb.orderBy({ [column]: forward, 'r.id': forward }).limit(request.limit);
  return qb.getResultList() as Promise<Report[]>;
}

export async function countReports(em: EntityManager, filter: ReportFilter): Promise<number> {
  const qb = em.createQueryBuilder(ReportSchema, 'r').count('r.id').join('r.agency', 'a');
  applyFilter(qb, filter);
  const row = (await qb.execute('get')) as { count: string | number };
  return Number(row.count);
}

export async function loadReports(em: EntityManager, ids: readonly number[]): Promise<Report[]> {
  return em.find(ReportSchema, { id: { $in: [...ids] } }, { populate: ['agency'], strategy: 'joined' }) as Promise<Report[]>;
}

export async function loadAgencies(em: EntityManager, ids: readonly number[]): Promise<Agency[]> {
  return em.find(AgencySchema, { id: { $in: [...ids] } });
}

export async function findReportByAgencyYear(em: EntityManager, agencyId: number, year: number): Promise<Report | null> {
  return em.findOne(ReportSchema, { agency: agencyId, year }, { populate: ['agency'], strategy: 'joined' });
}

/** Groups rows by their report id, keeping every requested id (with an empty list). */
function byReport<T extends { report: { id: number } | number }>(ids: readonly number[], rows: T[]): T[][] {
  const groups = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const id = typeof row.report === 'number' ? row.report : row.report.id;
    groups.get(id)?.push(row);
  }
  return ids.map((id) => groups.get(id) ?? []);
}

export async function sectionsByReport(em: EntityManager, ids: readonly number[]): Promise<Section[][]> {
  const rows = await em.find(SectionSchema, { report: { $in: [...ids] } }, { orderBy: { report: 'asc', number: 'asc' } });
  return byReport(ids, rows);
}

export async function findingsByReport(em: EntityManager, ids: readonly number[]): Promise<FindingRecord[][]> {
  const rows = await em.find(FindingSchema, { report: { $in: [...ids] } }, { orderBy: { report: 'asc', id: 'asc' } });
  return byReport(ids, rows);
}

export async function applicationRowsByReport(em: EntityManager, ids: readonly number[]) {
  return byReport(ids, await em.find(ApplicationRowSchema, { report: { $in: [...ids] } }));
}

export async function reviewRowsByReport(em: EntityManager, ids: readonly number[]) {
  return byReport(ids, await em.find(ReviewRowSchema, { report: { $in: [...ids] } }));
}

export async function disclosureCellsByReport(em: EntityManager, ids: readonly number[]) {
  return byReport(ids, await em.find(DisclosureCellSchema, { report: { $in: [...ids] } }));
}

export async function correctionsByReport(em: EntityManager, ids: readonly number[]): Promise<Correction[][]> {
  const rows = await em.find(CorrectionSchema, { report: { $in: [...ids] } }, { orderBy: { report: 'asc', id: 'asc' } });
  return byReport(ids, rows);
}

/** Every report of each agency, oldest year first. */
export async function reportsByAgency(em: EntityManager, agencyIds: readonly number[]): Promise<Report[][]> {
  const rows = (await em.find(
    ReportSchema,
    { agency: { $in: [...agencyIds] } },
    { populate: ['agency'], strategy: 'joined', orderBy: { year: 'asc' } },
  )) as Report[];
  const groups = new Map<number, Report[]>(agencyIds.map((id) => [id, []]));
  for (const report of rows) groups.get(report.agency.id)?.push(report);
  return agencyIds.map((id) => groups.get(id) ?? []);
}

/** The verbatim originals (a lazy column: read only when asked for). */
export async function sourceTexts(em: EntityManager, ids: readonly number[]): Promise<(string | null)[]> {
  const rows = await em.getConnection().execute<{ id: number; source_text: string | null }[]>(
    `select id, source_text from report where id in (${ids.map(() => '?').join(', ')})`,
    [...ids],
  );
  const map = new Map(rows.map((r) => [r.id, r.source_text]));
  return ids.map((id) => map.get(id) ?? null);
}
