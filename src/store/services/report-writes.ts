/**
 * Storing a report: one transaction that upserts the agency, replaces the report (one per agency
 * and year) with its sections, tables and findings, and refreshes the cross-year findings of the
 * report and of the following year's.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RULE_CODES, type Finding, type InterchangeReport } from '../../format/index.js';
import { checkAcrossYears, checkReport } from '../../rules/index.js';
import {
  AgencySchema,
  ApplicationRowSchema,
  DisclosureCellSchema,
  FindingSchema,
  ReportSchema,
  ReviewRowSchema,
  SectionSchema,
  type Agency,
  type AgencyKind,
  type AgencyLevel,
  type Report,
  type ReportStatus,
  type SourceKind,
  type WriteAction,
} from '../entities/index.js';
import { assertMayWrite, recordWrite, type Writer } from './api-tokens.js';
import { loadInterchange, persistTables } from './interchange.js';
import { refreshReportRead } from '../reports/read-model.js';
import { refreshRollup } from './rollup.js';

export interface AgencyInput {
  name: string;
  regionCode?: string | null;
  regionName?: string | null;
  level?: AgencyLevel | null;
  kind?: AgencyKind | null;
  address?: string | null;
  postcode?: string | null;
  phone?: string | null;
  fax?: string | null;
  email?: string | null;
  website?: string | null;
}

export interface StoreReportInput {
  report: InterchangeReport;
  agency: AgencyInput;
  source?: { text: string; kind: SourceKind } | null;
  sourceUrl?: string | null;
  publishedOn?: string | null;
  status?: ReportStatus;
  /** Who writes: checked against its scope, and recorded (absent: neither, e.g. sample data). */
  writer?: Writer;
  action?: WriteAction;
}

export interface StoreReportResult {
  report: Report;
  created: boolean;
}

/**
 * Serving connections cancel statements after NIANBAO_STATEMENT_TIMEOUT_MS (reads); a write indexes
 * a whole report's text and refreshes rollups, so it gets longer, still bounded.
 */
export const WRITE_STATEMENT_TIMEOUT_MS = 60_000;

/**
 * Writes to one agency's reports run one at a time (a transaction-scoped advisory lock on its name):
 * two imports of the same new report would otherwise both create it, and the second fail on a
 * unique key. Every write takes this lock first, before any row lock, so writes cannot deadlock.
 */
export async function lockAgencyWrites(tx: EntityManager, agencyName: string): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(872302, hashtext(?))', [agencyName]);
}

/** The rules checked against the same agency's previous report (src/rules/crossYear.ts). */
export const CROSS_YEAR_RULES = ['X1', 'X2'];

/** The agency, and whether its level changed (its reports then move between rollup keys). */
async function upsertAgency(em: EntityManager, input: AgencyInput): Promise<[Agency, boolean]> {
  const regionCode = input.regionCode ?? null;
  // Without a region, an agency of the same name is the same agency only when the name is unambiguous.
  const candidates = await em.find(AgencySchema, regionCode ? { name: input.name, regionCode } : { name: input.name });
  let agency = candidates.length === 1 ? candidates[0] : candidates.find((a) => a.regionCode === null);
  if (!agency) agency = em.create(AgencySchema, { name: input.name, regionCode } as Agency);
  const levelBefore = agency.id ? agency.level : undefined;
  const details = ['regionName', 'level', 'kind', 'address', 'postcode', 'phone', 'fax', 'email', 'website'] as const;
  for (const key of details) {
    const value = input[key];
    if (value !== undefined && value !== null) (agency as unknown as Record<string, unknown>)[key] = value;
  }
  return [agency, levelBefore !== undefined && levelBefore !== agency.level];
}

/** The report's own findings: the parser's (kept as given) and the single-report rules (recomputed here). */
function ownFindings(data: InterchangeReport): Finding[] {
  const fromParser = data.findings.filter((f) => !RULE_CODES.includes(f.rule));
  return [...fromParser, ...checkReport(data)];
}

function persistFindings(em: EntityManager, report: Report, findings: Finding[]): void {
  for (const f of findings) {
    em.create(FindingSchema, {
      report,
      rule: f.rule,
      severity: f.severity,
      code: f.code ?? null,
      params: f.params ?? null,
      message: f.message,
      cells: f.cells,
      expected: f.expected === undefined || f.expected === null ? null : String(f.expected),
      actual: f.actual === undefined || f.actual === null ? null : String(f.actual),
    });
  }
}

/** Recomputes X1/X2 for `report` against the same agency's previous year, when stored. */
async function refreshCrossYear(em: EntityManager, agency: Agency, years: number[]): Promise<void> {
  const reports = (await em.find(ReportSchema, { agency, year: { $in: years.flatMap((y) => [y, y - 1]) } }, { populate: ['agency'] })) as Report[];
  const data = await loadInterchange(em, reports);
  const byYear = new Map(reports.map((r) => [r.year, r]));
  for (const year of years) {
    const current = byYear.get(year);
    if (!current) continue;
    await em.nativeDelete(FindingSchema, { report: current, rule: { $in: CROSS_YEAR_RULES } });
    const previous = byYear.get(year - 1);
    if (!previous) continue;
    persistFindings(em, current, checkAcrossYears(data.get(current.id)!, data.get(previous.id)!));
  }
}

export async function storeReport(em: EntityManager, input: StoreReportInput): Promise<StoreReportResult> {
  return em.transactional(async (tx) => {
    await tx.execute(`set local statement_timeout = ${WRITE_STATEMENT_TIMEOUT_MS}`);
    await lockAgencyWrites(tx, input.agency.name);
    const [agency, levelChanged] = await upsertAgency(tx, input.agency);
    assertMayWrite(input.writer, { id: agency.id, name: agency.name, regionCode: agency.regionCode ?? null });
    const data = input.report;
    let report = agency.id ? await tx.findOne(ReportSchema, { agency, year: data.year }) : null;
    const created = !report;
    if (report) {
      for (const schema of [ApplicationRowSchema, ReviewRowSchema, DisclosureCellSchema, SectionSchema, FindingSchema]) {
        await tx.nativeDelete(schema, { report });
      }
      report.version += 1;
    } else {
      report = tx.create(ReportSchema, { agency, year: data.year } as Report);
    }
    Object.assign(report, {
      formatVersion: data.formatVersion,
      title: data.title,
      status: input.status ?? 'PUBLISHED',
      publishedOn: input.publishedOn ?? null,
      sourceUrl: input.sourceUrl ?? null,
      sourceText: input.source?.text ?? null,
      sourceKind: input.source?.kind ?? null,
      updatedAt: new Date(),
    });
    persistTables(tx, report, data);
    persistFindings(tx, report, ownFindings(data));
    await tx.flush();
    await refreshCrossYear(tx, agency, [data.year, data.year + 1]);
    await tx.flush();
    await refreshReportRead(tx, agency.id, [data.year, data.year + 1]);
    // A new level moves all of the agency's years between rollup keys; otherwise only this year changed.
    const years = levelChanged ? ((await tx.find(ReportSchema, { agency }, { fields: ['year'] })) as Report[]).map((r) => r.year) : [data.year];
    await refreshRollup(tx, years.map((year) => ({ regionCode: agency.regionCode ?? null, year })));
    await recordWrite(tx, input.writer, input.action ?? 'IMPORT', { id: report.id, agencyId: agency.id, year: data.year });
    return { report, created };
  });
}
