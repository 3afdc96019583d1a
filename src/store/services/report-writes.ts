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
import { findingColumnValues, insertReportRows, loadInterchange } from './interchange.js';
import { refreshReportReads } from '../reports/read-model.js';
import { refreshRollup, type RollupKey } from './rollup.js';
import { agencyLockKey, recordAgencyNames, regionOfReference, resolveAgency } from '../agencies/identity.js';
import { recordReplacedVersion, sameReport } from '../writes/report-history.js';

export interface AgencyInput {
  /** The stored agency, when the caller knows it (its name is then recorded as one of the agency's names). */
  id?: number | null;
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
  /**
   * Collects the read-model rows and rollup keys to refresh instead of refreshing them: a bulk import
   * refreshes a whole batch at once, in the same transaction (src/store/writes/bulk-import.ts).
   */
  deferred?: DeferredRefresh;
  /** Who writes: checked against its scope, and recorded (absent: neither, e.g. sample data). */
  writer?: Writer;
  /**
   * The report's findings are the parser's plus the single-report rules' of this very data, as
   * readReport leaves them (e.g. computed in an import's worker thread): not checked again here.
   */
  checked?: boolean;
  action?: WriteAction;
}

export interface StoreReportResult {
  report: Report;
  created: boolean;
  /** False when a re-import brought nothing new (same source, numbers, sections and metadata): nothing was written. */
  changed: boolean;
  /** How the agency was matched, when by a similar name. */
  warnings: string[];
  /** The cells a re-import changed (table.ROW.COLUMN). */
  changedCells: string[];
}

export interface DeferredRefresh {
  reads: { agencyId: number; year: number }[];
  rollup: RollupKey[];
}

/** Refreshes what storeReport calls deferred to, in the caller's transaction. */
export async function refreshDeferred(tx: EntityManager, deferred: DeferredRefresh): Promise<void> {
  await refreshReportReads(tx, deferred.reads);
  await refreshRollup(tx, deferred.rollup);
}

/**
 * Serving connections cancel statements after NIANBAO_STATEMENT_TIMEOUT_MS (reads); a write indexes
 * a whole report's text and refreshes rollups, so it gets longer, still bounded.
 */
export const WRITE_STATEMENT_TIMEOUT_MS = 60_000;

/**
 * Writes to one agency's reports run one at a time (a transaction-scoped advisory lock on its region,
 * or its folded name when it has none: agencyLockKey): two imports of the same new report would
 * otherwise both create it, and the second fail on a unique key. Every write takes this lock first,
 * before any row lock (a region before a region below it), so writes cannot deadlock.
 */
export async function lockAgencyWrites(tx: EntityManager, key: string): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(872302, hashtext(?))', [key]);
}

/** The rules checked against the same agency's previous report (src/rules/crossYear.ts). */
export const CROSS_YEAR_RULES = ['X1', 'X2'];

/**
 * The agency (resolved by id, or by region and name: src/store/agencies/identity.ts), locked for
 * writing, with the details given; and whether its level changed (its reports then move between rollup keys).
 */
async function upsertAgency(em: EntityManager, input: AgencyInput): Promise<{ agency: Agency; moved: string | null | false; warnings: string[] }> {
  const reference = { id: input.id, name: input.name, regionCode: input.regionCode };
  const firstKey = input.id == null ? agencyLockKey(regionOfReference(reference).regionCode, input.name) : null;
  if (firstKey) await lockAgencyWrites(em, firstKey);
  const resolved = await resolveAgency(em, reference);
  let agency = resolved.agency;
  const key = agencyLockKey(agency?.regionCode ?? resolved.regionCode, agency?.name ?? input.name);
  if (key !== firstKey) await lockAgencyWrites(em, key);
  if (!agency) agency = em.create(AgencySchema, { name: input.name, regionCode: resolved.regionCode } as Agency);
  const levelBefore = agency.id ? agency.level : undefined;
  const regionBefore = agency.id ? agency.regionCode : undefined;
  // A name-only agency gains the region an import states.
  if (!agency.regionCode && resolved.regionCode) agency.regionCode = resolved.regionCode;
  const details = ['regionName', 'level', 'kind', 'address', 'postcode', 'phone', 'fax', 'email', 'website'] as const;
  for (const key of details) {
    const value = input[key];
    if (value !== undefined && value !== null) (agency as unknown as Record<string, unknown>)[key] = value;
  }
  // Its reports move between rollup keys: from the region it had (null included) to its region now.
  const moved = (levelBefore !== undefined && levelBefore !== agency.level) || (regionBefore !== undefined && regionBefore !== agency.regionCode) ? (regionBefore ?? null) : false;
  return { agency, moved, warnings: resolved.warnings };
}

/** The report's own findings: the parser's (kept as given) and the single-report rules (recomputed here unless `checked`). */
function ownFindings(data: InterchangeReport, checked: boolean): Finding[] {
  if (checked) return data.findings;
  const fromParser = data.findings.filter((f) => !RULE_CODES.includes(f.rule));
  return [...fromParser, ...checkReport(data)];
}

function persistFindings(em: EntityManager, report: Report, findings: Finding[]): void {
  for (const f of findings) {
    em.create(FindingSchema, { report, ...findingColumnValues(f) });
  }
}

/** Recomputes X1/X2 of the agency's reports of `years` against its previous years, where stored. */
export async function refreshCrossYear(em: EntityManager, agency: Agency, years: number[]): Promise<void> {
  const reports = (await em.find(ReportSchema, { agency, year: { $in: years.flatMap((y) => [y, y - 1]) } }, { populate: ['agency'] })) as Report[];
  const byYear = new Map(reports.map((r) => [r.year, r]));
  const current = years.map((year) => byYear.get(year)).filter((r): r is Report => r !== undefined);
  if (!current.length) return;
  await em.nativeDelete(FindingSchema, { report: { $in: current }, rule: { $in: CROSS_YEAR_RULES } });
  const pairs = current.filter((r) => byYear.has(r.year - 1));
  // Most imports are an agency's first report, or a year with no stored year before it.
  if (!pairs.length) return;
  const data = await loadInterchange(em, [...new Set(pairs.flatMap((r) => [r, byYear.get(r.year - 1)!]))]);
  for (const report of pairs) persistFindings(em, report, checkAcrossYears(data.get(report.id)!, data.get(byYear.get(report.year - 1)!.id)!));
}

export async function storeReport(em: EntityManager, input: StoreReportInput): Promise<StoreReportResult> {
  return em.transactional(async (tx) => {
    // A batch (deferred) sets it once for its whole transaction.
    if (!input.deferred) await tx.execute(`set local statement_timeout = ${WRITE_STATEMENT_TIMEOUT_MS}`);
    const { agency, moved, warnings } = await upsertAgency(tx, input.agency);
    assertMayWrite(input.writer, { id: agency.id, name: agency.name, regionCode: agency.regionCode ?? null });
    const data = input.report;
    const action = input.action ?? 'IMPORT';
    let changedCells: string[] = [];
    const agencyIsNew = !agency.id;
    let report = agency.id ? ((await tx.findOne(ReportSchema, { agency, year: data.year }, { populate: ['sourceText'] })) as Report | null) : null;
    const created = !report;
    const metadata = {
      formatVersion: data.formatVersion,
      title: data.title,
      // A re-import that does not say keeps what the report had.
      status: input.status ?? report?.status ?? 'PUBLISHED',
      publishedOn: input.publishedOn ?? report?.publishedOn ?? null,
      sourceUrl: input.sourceUrl ?? report?.sourceUrl ?? null,
      sourceText: input.source?.text ?? null,
      sourceKind: input.source?.kind ?? null,
    };
    if (report) {
      if (action === 'IMPORT') {
        const previous = (await loadInterchange(tx, [report])).get(report.id)!;
        if (moved === false && sameReport(report, previous, metadata, data)) {
          await recordAgencyNames(tx, agency.id, input.agency.name);
          return { report, created: false, changed: false, warnings, changedCells: [] };
        }
        changedCells = recordReplacedVersion(tx, report, previous, data, input.writer?.name ?? null);
      }
      for (const schema of [ApplicationRowSchema, ReviewRowSchema, DisclosureCellSchema, SectionSchema, FindingSchema]) {
        await tx.nativeDelete(schema, { report });
      }
      report.version += 1;
    } else {
      report = tx.create(ReportSchema, { agency, year: data.year } as Report);
    }
    Object.assign(report, metadata, { updatedAt: new Date() });
    await tx.flush();
    await insertReportRows(tx, report.id, data, ownFindings(data, input.checked === true));
    await recordAgencyNames(tx, agency.id, input.agency.name);
    // An agency created now has no other year to check against.
    if (!agencyIsNew) await refreshCrossYear(tx, agency, [data.year, data.year + 1]);
    await tx.flush();
    // A new level or region moves all of the agency's years between rollup keys; otherwise only this year changed.
    const years = moved !== false ? ((await tx.find(ReportSchema, { agency }, { fields: ['year'] })) as Report[]).map((r) => r.year) : [data.year];
    const regions = moved !== false && moved !== agency.regionCode ? [agency.regionCode ?? null, moved] : [agency.regionCode ?? null];
    const deferred: DeferredRefresh = input.deferred ?? { reads: [], rollup: [] };
    deferred.reads.push({ agencyId: agency.id, year: data.year }, { agencyId: agency.id, year: data.year + 1 });
    deferred.rollup.push(...regions.flatMap((regionCode) => years.map((year) => ({ regionCode, year }))));
    if (!input.deferred) await refreshDeferred(tx, deferred);
    await recordWrite(tx, input.writer, action, { id: report.id, agencyId: agency.id, year: data.year });
    return { report, created, changed: true, warnings, changedCells };
  });
}
