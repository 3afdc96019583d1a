/**
 * Which agency a report belongs to. An agency is its region and its name up to printing variants
 * (src/ingest/agency-name.ts), and every name it was known by is kept (agency_alias). An import
 * names an agency by id, or by a name and perhaps a region; exactly one match is that agency, none
 * is a new one, several are refused with the candidates so the caller can pass the id.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  agencyNameVariants,
  compareAgencyKeys,
  foldAgencyName,
  regionFromName,
  stripRegionPrefix,
  type NameLikeness,
} from '../../ingest/agency-name.js';
import { AgencySchema, type Agency } from '../entities/index.js';
import { Refusal } from '../services/refusal.js';
import { regionFullName, regionNameIndex, regionNamesOf } from './region-names.js';

export type AgencyResolutionCode = 'AMBIGUOUS_AGENCY' | 'NO_REGION' | 'AGENCY_NOT_FOUND';

export interface AgencyCandidate {
  id: number;
  name: string;
  regionCode: string | null;
  aliases: string[];
}

export class AgencyUnresolved extends Refusal<AgencyResolutionCode> {
  constructor(code: AgencyResolutionCode, message: string, readonly candidates: AgencyCandidate[] = []) {
    super(code, message, candidates.map((c) => ({ path: 'agencyId', message: `${c.id}: ${describe(c)}` })));
  }
}

const describe = (c: AgencyCandidate) => `${c.name} (region ${c.regionCode ?? 'unknown'}${c.aliases.length ? `; also ${c.aliases.join('、')}` : ''})`;

export interface AgencyReference {
  /** Names the agency outright. */
  id?: number | null;
  name: string;
  regionCode?: string | null;
}

export interface ResolvedAgency {
  /** The stored agency; absent: a new one is to be created in `regionCode`. */
  agency?: Agency;
  regionCode: string | null;
  /** How the name was matched, when not by id or an exact name. */
  warnings: string[];
}

/** Whether one region is the other or lies within it. */
const sameBranch = (a: string, b: string) => {
  const [pa, pb] = [a.replace(/(00)+$/, ''), b.replace(/(00)+$/, '')];
  return pa.startsWith(pb) || pb.startsWith(pa);
};

/** What writes to one agency serialise on (lockAgencyWrites): its region, or its name when it has none. */
export const agencyLockKey = (regionCode: string | null, name: string) => regionCode ?? `name:${foldAgencyName(name)}`;

/** The region an import's agency is in: as given, or as its name states it; null when neither tells. */
export function regionOfReference(reference: AgencyReference): { regionCode: string | null; ambiguous: string[] } {
  if (reference.regionCode) return { regionCode: reference.regionCode, ambiguous: [] };
  const reading = regionFromName(reference.name, regionNameIndex());
  if (reading && 'code' in reading) return { regionCode: reading.code, ambiguous: [] };
  return { regionCode: null, ambiguous: reading?.ambiguous ?? [] };
}

interface CandidateRow {
  id: number;
  name: string;
  regionCode: string | null;
  names: string[];
}

const CANDIDATE_COLUMNS = `a.id, a.name, a.region_code as "regionCode",
  coalesce((select array_agg(al.name order by al.id) from agency_alias al where al.agency_id = a.id), '{}') as names`;

const candidate = (row: CandidateRow): AgencyCandidate => ({ id: row.id, name: row.name, regionCode: row.regionCode, aliases: row.names.filter((n) => n !== row.name) });

/** The best likeness between any name of the reference and any name of the candidate, within `region`. */
function likeness(reference: string[], row: CandidateRow, regionNames: string[]): NameLikeness {
  const key = (name: string) => stripRegionPrefix(foldAgencyName(name), regionNames);
  const theirs = [...agencyNameVariants(row.name), ...row.names].map(key);
  const ours = reference.map(key);
  let best: NameLikeness = null;
  for (const a of ours) {
    for (const b of theirs) {
      const l = compareAgencyKeys(a, b);
      if (l === 'SAME') return 'SAME';
      best ??= l;
    }
  }
  return best;
}

function pick(matches: CandidateRow[], what: string): CandidateRow | undefined {
  if (matches.length > 1) {
    const candidates = matches.map(candidate);
    throw new AgencyUnresolved(
      'AMBIGUOUS_AGENCY',
      `${what} could be any of ${matches.length} agencies: ${candidates.map((c) => `${c.id} ${describe(c)}`).join('; ')}. Pass agencyId to say which.`,
      candidates,
    );
  }
  return matches[0];
}

async function byId(tx: EntityManager, id: number): Promise<ResolvedAgency> {
  const agency = (await tx.findOne(AgencySchema, { id })) as Agency | null;
  if (!agency) throw new AgencyUnresolved('AGENCY_NOT_FOUND', `There is no agency with the ID ${id}.`);
  return { agency, regionCode: agency.regionCode, warnings: [] };
}

export async function resolveAgency(tx: EntityManager, reference: AgencyReference): Promise<ResolvedAgency> {
  if (reference.id != null) return byId(tx, reference.id);
  const variants = agencyNameVariants(reference.name);
  const folded = [...new Set(variants.map(foldAgencyName))];
  const { regionCode, ambiguous } = regionOfReference(reference);
  const what = `"${reference.name}"${regionCode ? ` in ${regionCode}` : ''}`;
  const warnings: string[] = [];
  const stated = reference.regionCode ? regionFromName(reference.name, regionNameIndex()) : null;
  if (stated && 'code' in stated && !sameBranch(stated.code, reference.regionCode!)) {
    warnings.push(`"${reference.name}" names region ${stated.code} (${regionFullName(stated.code)}), but regionCode ${reference.regionCode} was given: the given one was used.`);
  }
  let match: CandidateRow | undefined;
  if (regionCode) {
    const regionNames = regionNamesOf(regionCode);
    // Without the region it states, a name may be stored under a region below it (福建省平潭综合实验区管委会).
    const local = [...new Set(variants.map((v) => stripRegionPrefix(foldAgencyName(v), regionNames)))];
    // The region's agencies; those below it or stored without a region that bear one of the names.
    const rows = await tx.execute<CandidateRow[]>(
      `select ${CANDIDATE_COLUMNS} from agency a
       where a.region_code = ?
         or (a.region_code is null and a.id in (select agency_id from agency_alias where folded in (?)))
         or (a.region_code like ? and a.id in (select agency_id from agency_alias where folded in (?)))
       order by a.id`,
      [regionCode, folded, `${regionCode.replace(/(00)+$/, '')}%`, [...new Set([...folded, ...local])]],
    );
    const rated = rows.map((row) => ({ row, likeness: likeness(variants, row, regionNames) }));
    const same = rated.filter((r) => r.likeness === 'SAME').map((r) => r.row);
    match = pick(same, what);
    if (!match) {
      match = pick(rated.filter((r) => r.likeness === 'SIMILAR').map((r) => r.row), what);
      if (match) warnings.push(`"${reference.name}" was taken for ${match.name} (agency ${match.id}), the one agency of region ${regionCode} with a similar name; pass agencyId to choose another.`);
    }
    if (!match) return { regionCode, warnings };
  } else {
    const rows = await tx.execute<CandidateRow[]>(
      `select ${CANDIDATE_COLUMNS} from agency a where a.id in (select agency_id from agency_alias where folded in (?)) order by a.id`,
      [folded],
    );
    match = pick(rows, what);
    if (!match) {
      const why = ambiguous.length
        ? `its name could be in any of ${ambiguous.map((c) => `${c} ${regionFullName(c)}`).join(', ')}`
        : 'its name states no region of the GB/T 2260 tree at its start';
      throw new AgencyUnresolved('NO_REGION', `No stored agency is named "${reference.name}", and the region of a new one cannot be told: ${why}. Pass regionCode (or agencyId).`);
    }
  }
  const agency = (await tx.findOne(AgencySchema, { id: match.id })) as Agency;
  return { agency, regionCode: agency.regionCode ?? regionCode, warnings };
}

/** Keeps the names an agency was written under (each variant once, by its folded form). */
export async function recordAgencyNames(tx: EntityManager, agencyId: number, name: string): Promise<void> {
  const variants = agencyNameVariants(name);
  if (!variants.length) return;
  await tx.execute(
    `insert into agency_alias (agency_id, name, folded, created_at) select ?, v.name, v.folded, now()
     from jsonb_to_recordset(?::jsonb) as v(name text, folded text) on conflict (agency_id, folded) do nothing`,
    // One JSON parameter: the query builder would expand JS arrays into a value list.
    [agencyId, JSON.stringify(variants.map((name) => ({ name, folded: foldAgencyName(name) })))],
  );
}
