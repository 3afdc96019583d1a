/**
 * Mending agency identity after the fact: one agency split in two by earlier imports is merged (its
 * reports, names and token scopes move to the one kept), and an agency is renamed (its old name
 * stays one of its names). Each in one transaction that also recomputes what depends on which agency
 * a report belongs to: the cross-year checks, the read model, the rollup and the cell vectors.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { foldAgencyName } from '../../ingest/agency-name.js';
import { AgencySchema, ReportSchema, type Agency, type Report } from '../entities/index.js';
import { refreshReportRead } from '../reports/read-model.js';
import { recordWrites, type Writer } from '../services/api-tokens.js';
import { Refusal } from '../services/refusal.js';
import { loadInterchange } from '../services/interchange.js';
import { lockAgencyWrites, refreshCrossYear, WRITE_STATEMENT_TIMEOUT_MS } from '../services/report-writes.js';
import { refreshRollup } from '../services/rollup.js';
import { recordRevision } from '../writes/report-history.js';
import { agencyLockKey, recordAgencyNames } from './identity.js';

export type AgencyWriteCode = 'NOT_FOUND' | 'SAME_AGENCY' | 'YEAR_CONFLICT' | 'NAME_TAKEN' | 'INVALID_INPUT';

export class AgencyWriteRefused extends Refusal<AgencyWriteCode> {}

async function lockAgencies(tx: EntityManager, agencies: Agency[]): Promise<void> {
  // One order for every writer (a region sorts before the regions below it).
  const keys = [...new Set(agencies.map((a) => agencyLockKey(a.regionCode, a.name)))].sort();
  for (const key of keys) await lockAgencyWrites(tx, key);
}

async function loadAgencies(tx: EntityManager, ids: number[]): Promise<Agency[]> {
  const found = (await tx.find(AgencySchema, { id: { $in: ids } })) as Agency[];
  const missing = ids.filter((id) => !found.some((a) => a.id === id));
  if (missing.length) throw new AgencyWriteRefused('NOT_FOUND', `There is no agency with the ID ${missing.join(', ')}.`, missing.map((id) => ({ path: 'agency', message: `no agency ${id}` })));
  return ids.map((id) => found.find((a) => a.id === id)!);
}

export interface MergeRequest {
  into: number;
  from: number[];
  /** For a year both sides have a report of: the report to keep (the other becomes a revision of it). */
  keepReports?: number[];
  writer?: Writer;
}

export interface MergeResult {
  agency: Agency;
  moved: number;
  /** Reports not kept (a year both sides had): each is now a revision (MERGE) of the one kept. */
  deleted: number;
}

/**
 * The reports not kept become revisions of the report kept for their year, whole (source, metadata,
 * data, and the revisions they had), then are deleted: nothing printed is lost, and Report.revisions
 * shows them. Their history moves with them: their corrections become the revision's
 * (ReportRevision.corrections), their write records the kept report's, naming the revision, and the
 * kept report records the MERGE. A few statements whatever the number of reports.
 */
async function keepAsRevisions(tx: EntityManager, dropped: Report[], byYear: Map<number, Report[]>, agencies: Agency[], into: Agency, writer?: Writer): Promise<void> {
  const ids = dropped.map((r) => r.id);
  const keptOf = (r: Report) => byYear.get(r.year)!.find((other) => !dropped.includes(other))!;
  await tx.find(ReportSchema, { id: { $in: ids } }, { populate: ['sourceText'] });
  const data = await loadInterchange(tx, [...dropped, ...dropped.map(keptOf)]);
  const revisions = dropped.map((r) => {
    const agencyName = agencies.find((a) => a.id === r.agency.id)!.name;
    return recordRevision(tx, keptOf(r), { report: r, data: data.get(r.id)!, agencyName }, data.get(keptOf(r).id)!, 'MERGE', writer?.name ?? null).revision;
  });
  await tx.flush();
  // Before the delete, which would cascade to the corrections. What already named a revision (the
  // report was itself merged before) keeps naming it.
  const moves = 'from unnest(array[?]::int[], array[?]::int[], array[?]::int[]) as m(dropped, kept, revision)';
  const params = [ids, dropped.map((r) => keptOf(r).id), revisions.map((v) => v.id)];
  await tx.execute(`update report_revision v set report_id = m.kept ${moves} where v.report_id = m.dropped`, params, 'run');
  await tx.execute(`update report_correction c set report_id = m.kept, revision_id = coalesce(c.revision_id, m.revision) ${moves} where c.report_id = m.dropped`, params, 'run');
  await tx.execute(`update write_record w set report_id = m.kept, revision_id = coalesce(w.revision_id, m.revision) ${moves} where w.report_id = m.dropped`, params, 'run');
  await tx.execute('delete from report where id in (?)', [ids], 'run');
  await recordWrites(tx, writer, 'MERGE', dropped.map((r, i) => ({ id: keptOf(r).id, agencyId: into.id, year: r.year, revisionId: revisions[i].id })));
}

export async function mergeAgencies(em: EntityManager, request: MergeRequest): Promise<MergeResult> {
  const from = [...new Set(request.from)];
  if (from.includes(request.into)) throw new AgencyWriteRefused('SAME_AGENCY', 'An agency cannot be merged into itself: `from` lists `into`.', [{ path: 'from', message: 'lists into' }]);
  if (!from.length) throw new AgencyWriteRefused('INVALID_INPUT', 'Name at least one agency to merge (`from`).', [{ path: 'from', message: 'empty' }]);
  return em.transactional(async (tx) => {
    await tx.execute(`set local statement_timeout = ${WRITE_STATEMENT_TIMEOUT_MS}`);
    const [into, ...others] = await loadAgencies(tx, [request.into, ...from]);
    await lockAgencies(tx, [into, ...others]);
    const ids = [into.id, ...others.map((a) => a.id)];
    const reports = (await tx.find(ReportSchema, { agency: { $in: ids } }, { orderBy: { year: 'asc', id: 'asc' } })) as Report[];
    const byYear = new Map<number, Report[]>();
    for (const r of reports) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
    const keep = new Set(request.keepReports ?? []);
    const unresolved: string[] = [];
    const dropped: Report[] = [];
    for (const [year, list] of byYear) {
      if (list.length < 2) continue;
      const kept = list.filter((r) => keep.has(r.id));
      if (kept.length !== 1) unresolved.push(`${year}: reports ${list.map((r) => `${r.id} (agency ${r.agency.id})`).join(', ')}`);
      else dropped.push(...list.filter((r) => r !== kept[0]));
    }
    if (unresolved.length) {
      throw new AgencyWriteRefused(
        'YEAR_CONFLICT',
        `Both sides have a report of the same year — ${unresolved.join('; ')}. Pass the one to keep of each year in keepReports (the other is kept as a revision of it).`,
        unresolved.map((u) => ({ path: 'keepReports', message: u })),
      );
    }
    const fromIds = others.map((a) => a.id);
    const keys = [into, ...others].flatMap((a) => reports.filter((r) => r.agency.id === a.id).map((r) => ({ regionCode: a.regionCode ?? null, year: r.year })));
    const connection = { execute: (sql: string, params: unknown[]) => tx.execute(sql, params, 'run') };
    if (dropped.length) await keepAsRevisions(tx, dropped, byYear, [into, ...others], into, request.writer);
    const moved = reports.filter((r) => r.agency.id !== into.id && !dropped.includes(r));
    await connection.execute('update report set agency_id = ?, updated_at = now(), version = version + 1 where agency_id in (?)', [into.id, fromIds]);
    await connection.execute(
      `insert into agency_alias (agency_id, name, folded, created_at) select ?, name, folded, created_at from agency_alias where agency_id in (?)
       on conflict (agency_id, folded) do nothing`,
      [into.id, fromIds],
    );
    for (const other of others) await recordAgencyNames(tx, into.id, other.name);
    await connection.execute('update agency set parent_id = ? where parent_id in (?)', [into.id, fromIds]);
    for (const id of fromIds) {
      await connection.execute('update api_token set agency_ids = array_replace(agency_ids, ?, ?) where ? = any(agency_ids)', [id, into.id, id]);
    }
    await connection.execute('update api_token set agency_ids = (select array_agg(distinct x) from unnest(agency_ids) x) where ? = any(agency_ids)', [into.id]);
    // The moved reports are the agency's now: their region is its region (the trigger copies it).
    tx.clear();
    await connection.execute('delete from agency where id in (?)', [fromIds]);
    const kept = (await tx.findOne(AgencySchema, { id: into.id })) as Agency;
    const years = [...new Set(reports.filter((r) => !dropped.includes(r)).map((r) => r.year))];
    await refreshCrossYear(tx, kept, years);
    await tx.flush();
    await refreshReportRead(tx, into.id, years);
    await refreshRollup(tx, [...keys, ...years.map((year) => ({ regionCode: kept.regionCode ?? null, year }))]);
    await recordWrites(tx, request.writer, 'MERGE', moved.map((r) => ({ id: r.id, agencyId: into.id, year: r.year })));
    return { agency: kept, moved: moved.length, deleted: dropped.length };
  });
}

export interface RenameRequest {
  id: number;
  name: string;
  /** Also move it to this region (its reports follow, in the rollup too). */
  regionCode?: string | null;
  writer?: Writer;
}

export async function renameAgency(em: EntityManager, request: RenameRequest): Promise<Agency> {
  const name = request.name.normalize('NFC').trim();
  if (foldAgencyName(name).length < 2) throw new AgencyWriteRefused('INVALID_INPUT', 'The new name is empty or too short.', [{ path: 'name', message: 'too short' }]);
  return em.transactional(async (tx) => {
    await tx.execute(`set local statement_timeout = ${WRITE_STATEMENT_TIMEOUT_MS}`);
    const [agency] = await loadAgencies(tx, [request.id]);
    const regionCode = request.regionCode ?? agency.regionCode;
    await lockAgencies(tx, [agency, { ...agency, regionCode } as Agency]);
    const taken = (await tx.findOne(AgencySchema, { name, regionCode, id: { $ne: agency.id } })) as Agency | null;
    if (taken) {
      throw new AgencyWriteRefused('NAME_TAKEN', `Agency ${taken.id} of region ${regionCode ?? 'unknown'} is named "${name}" already: merge the two instead (mergeAgencies).`, [
        { path: 'name', message: `taken by agency ${taken.id}` },
      ]);
    }
    const regionBefore = agency.regionCode;
    await recordAgencyNames(tx, agency.id, agency.name);
    agency.name = name;
    agency.regionCode = regionCode;
    await tx.flush();
    await recordAgencyNames(tx, agency.id, name);
    if (regionBefore !== regionCode) {
      const years = ((await tx.find(ReportSchema, { agency }, { fields: ['year'] })) as Report[]).map((r) => r.year);
      await refreshRollup(tx, [regionBefore, regionCode].flatMap((code) => years.map((year) => ({ regionCode: code ?? null, year }))));
    }
    return agency;
  });
}
