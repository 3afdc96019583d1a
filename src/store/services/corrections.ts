/**
 * Agency staff correct, publish and withdraw reports. A correction changes printed cells, keeps the
 * verbatim original, re-runs every check and records what changed, in one transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RULE_CODES, formatSpec, validateInterchange, type InterchangeReport, type ValidationIssue } from '../../format/index.js';
import { CorrectionSchema, FindingSchema, ReportSchema, type Correction, type Report } from '../entities/index.js';
import { assertMayWrite, recordWrite, type Writer } from './api-tokens.js';
import { loadInterchange } from './interchange.js';
import { Refusal } from './refusal.js';
import { CROSS_YEAR_RULES, lockAgencyWrites, storeReport } from './report-writes.js';
import { refreshReportRead } from '../reports/read-model.js';
import { refreshRollup } from './rollup.js';
import { agencyLockKey } from '../agencies/identity.js';

export type CorrectionErrorCode = 'NOT_FOUND' | 'STALE_VERSION' | 'UNKNOWN_CELL' | 'INVALID_VALUE' | 'NO_CHANGES';

export class CorrectionRefused extends Refusal<CorrectionErrorCode> {}

export interface CellCorrection {
  /** applications.NEW_RECEIVED.TOTAL, as findings cite cells */
  cell: string;
  /** The corrected value; null makes the cell blank. */
  value: number | null;
}

const TABLES = ['proactiveDisclosure', 'applications', 'reviewsAndLitigation'] as const;
type TableName = (typeof TABLES)[number];

/** The cells a format version has, per table: rows → columns. */
function cellsOf(report: InterchangeReport): Record<TableName, Map<string, string[]>> {
  const spec = formatSpec(report.formatVersion);
  return {
    proactiveDisclosure: new Map(spec.proactiveDisclosure.flatMap((g) => g.items.map((i) => [i.code, g.measures.map((m) => m.code)] as const))),
    applications: new Map(spec.applications.rows.map((r) => [r.code, spec.applications.applicants.map((a) => a.code)] as const)),
    reviewsAndLitigation: new Map(spec.reviewsAndLitigation.groups.map((g) => [g.code, spec.reviewsAndLitigation.outcomes.map((o) => o.code)] as const)),
  };
}

/** The report, read after taking its agency's write lock (lockAgencyWrites), so no other write is under way. */
async function findReportForWrite(tx: EntityManager, id: number): Promise<Report> {
  const [owner] = await tx.execute<{ name: string; regionCode: string | null }[]>(
    'select a.name, a.region_code as "regionCode" from report r join agency a on a.id = r.agency_id where r.id = ?',
    [id],
  );
  if (!owner) throw new CorrectionRefused('NOT_FOUND', `There is no report with this ID.`);
  await lockAgencyWrites(tx, agencyLockKey(owner.regionCode, owner.name));
  const report = (await tx.findOne(ReportSchema, { id }, { populate: ['agency', 'sourceText'], refresh: true })) as Report | null;
  if (!report) throw new CorrectionRefused('NOT_FOUND', `There is no report with this ID.`);
  return report;
}

export async function correctReport(
  em: EntityManager,
  request: { reportId: number; cells: CellCorrection[]; note?: string | null; version?: number | null; writer?: Writer },
): Promise<{ report: Report; corrections: Correction[] }> {
  return em.transactional(async (tx) => {
    const report = await findReportForWrite(tx, request.reportId);
    assertMayWrite(request.writer, report.agency);
    if (request.version != null && request.version !== report.version) {
      throw new CorrectionRefused(
        'STALE_VERSION',
        `The report changed since version ${request.version} (it is at version ${report.version} now): read it again, then correct what is still wrong.`,
        [{ path: 'version', message: `is ${report.version}` }],
      );
    }
    const current = (await loadInterchange(tx, [report])).get(report.id)!;
    const known = cellsOf(current);
    const issues: ValidationIssue[] = [];
    const changes: { cell: string; table: TableName; row: string; column: string; previous: number | null; value: number | null }[] = [];
    for (const { cell, value } of request.cells) {
      const [table, row, column, ...rest] = cell.split('.');
      const columns = (TABLES as readonly string[]).includes(table) ? known[table as TableName].get(row) : undefined;
      if (rest.length || !columns?.includes(column)) {
        issues.push({ path: cell, message: `no such cell in a ${current.formatVersion}-format report (expected table.ROW.COLUMN, e.g. applications.NEW_RECEIVED.TOTAL)` });
        continue;
      }
      const previous = current[table as TableName][row]?.[column] ?? null;
      if (previous !== value) changes.push({ cell, table: table as TableName, row, column, previous, value });
    }
    if (issues.length) throw new CorrectionRefused('UNKNOWN_CELL', `Unknown cells: ${issues.map((i) => i.path).join(', ')}`, issues);
    if (!changes.length) throw new CorrectionRefused('NO_CHANGES', 'Every corrected cell already has that value: nothing to change.');

    const corrected = structuredClone(current);
    for (const c of changes) (corrected[c.table][c.row] ??= {})[c.column] = c.value;
    const checked = validateInterchange(corrected);
    if (!checked.ok) throw new CorrectionRefused('INVALID_VALUE', checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '), checked.issues);

    // The parser's findings stay, except those about cells a person has now set.
    const changed = new Set(changes.map((c) => c.cell));
    const parserFindings = (await tx.find(FindingSchema, { report, rule: { $nin: RULE_CODES } })).filter((f) => !f.cells.some((c) => changed.has(c)));
    const { report: stored } = await storeReport(tx, {
      report: {
        ...checked.report,
        findings: parserFindings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, cells: f.cells })),
      },
      agency: { id: report.agency.id, name: report.agency.name },
      source: report.sourceText !== null && report.sourceKind ? { text: report.sourceText, kind: report.sourceKind } : null,
      sourceUrl: report.sourceUrl,
      publishedOn: report.publishedOn,
      status: report.status,
      writer: request.writer,
      action: 'CORRECT',
    });
    const corrections = changes.map((c) =>
      tx.create(CorrectionSchema, {
        report: stored,
        cell: c.cell,
        previous: c.previous === null ? null : String(c.previous),
        value: c.value === null ? null : String(c.value),
        note: request.note ?? null,
      } as Correction),
    );
    await tx.flush();
    return { report: stored, corrections };
  });
}

export async function publishReport(em: EntityManager, reportId: number, publishedOn?: string | null, writer?: Writer): Promise<Report> {
  return em.transactional(async (tx) => {
    const report = await findReportForWrite(tx, reportId);
    assertMayWrite(writer, report.agency);
    report.status = 'PUBLISHED';
    if (publishedOn) report.publishedOn = publishedOn;
    report.version += 1;
    report.updatedAt = new Date();
    await tx.flush();
    await refreshRollup(tx, [{ regionCode: report.agency.regionCode ?? null, year: report.year }]);
    await recordWrite(tx, writer, 'PUBLISH', { id: report.id, agencyId: report.agency.id, year: report.year });
    return report;
  });
}

/** Removes a report and everything stored with it; the next year's carry-over check loses its base. */
export async function deleteReport(em: EntityManager, reportId: number, writer?: Writer): Promise<void> {
  await em.transactional(async (tx) => {
    const report = await findReportForWrite(tx, reportId);
    assertMayWrite(writer, report.agency);
    const next = await tx.findOne(ReportSchema, { agency: report.agency, year: report.year + 1 });
    if (next) await tx.nativeDelete(FindingSchema, { report: next, rule: { $in: CROSS_YEAR_RULES } });
    await tx.nativeDelete(ReportSchema, { id: report.id });
    if (next) await refreshReportRead(tx, report.agency.id, [next.year]);
    await refreshRollup(tx, [{ regionCode: report.agency.regionCode ?? null, year: report.year }]);
    await recordWrite(tx, writer, 'DELETE', { id: report.id, agencyId: report.agency.id, year: report.year });
  });
}
