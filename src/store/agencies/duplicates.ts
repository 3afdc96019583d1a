/**
 * Agencies that are likely one: the same region and the same or a similar name (up to printing
 * variants: src/ingest/agency-name.ts), or sharing a name across regions, or a name-only agency
 * that bears the name of one with a region. For people to check and merge (mergeAgencies).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { agencyNameVariants, compareAgencyKeys, foldAgencyName, stripRegionPrefix } from '../../ingest/agency-name.js';
import { regionNamesOf } from './region-names.js';
import { regionPrefix } from './list.js';

export interface AgencySummary {
  id: number;
  name: string;
  regionCode: string | null;
  reports: number;
  names: string[];
}

export interface LikelyDuplicate {
  agencies: [AgencySummary, AgencySummary];
  /** SAME: one name up to printing variants; SIMILAR: an office or one character apart; SHARED_NAME: one name, two regions or none. */
  likeness: 'SAME' | 'SIMILAR' | 'SHARED_NAME';
}

export async function findLikelyDuplicates(em: EntityManager, regionCode?: string | null): Promise<LikelyDuplicate[]> {
  const agencies = await em.getConnection().execute<AgencySummary[]>(
    `select a.id, a.name, a.region_code as "regionCode", (select count(*)::int from report r where r.agency_id = a.id) as reports,
       coalesce((select array_agg(al.name order by al.id) from agency_alias al where al.agency_id = a.id), '{}') as names
     from agency a ${regionCode ? 'where a.region_code like ? or a.region_code is null' : ''} order by a.id`,
    regionCode ? [`${regionPrefix(regionCode)}%`] : [],
  );
  const found = new Map<string, LikelyDuplicate>();
  const add = (a: AgencySummary, b: AgencySummary, likeness: LikelyDuplicate['likeness']) => {
    const key = `${Math.min(a.id, b.id)}:${Math.max(a.id, b.id)}`;
    if (!found.has(key) || (found.get(key)!.likeness !== 'SAME' && likeness === 'SAME')) found.set(key, { agencies: a.id < b.id ? [a, b] : [b, a], likeness });
  };
  const namesOf = (a: AgencySummary) => [...agencyNameVariants(a.name), ...a.names];
  // Within a region: names compared without the region's own names.
  const byRegion = new Map<string, AgencySummary[]>();
  for (const a of agencies) if (a.regionCode) byRegion.set(a.regionCode, [...(byRegion.get(a.regionCode) ?? []), a]);
  for (const [code, list] of byRegion) {
    const regionNames = regionNamesOf(code);
    const keys = list.map((a) => [...new Set(namesOf(a).map((n) => stripRegionPrefix(foldAgencyName(n), regionNames)))]);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const likeness = keys[i].flatMap((x) => keys[j].map((y) => compareAgencyKeys(x, y)));
        if (likeness.includes('SAME')) add(list[i], list[j], 'SAME');
        else if (likeness.includes('SIMILAR')) add(list[i], list[j], 'SIMILAR');
      }
    }
  }
  // Across regions, and agencies with no region: one name, folded.
  const byName = new Map<string, AgencySummary[]>();
  for (const a of agencies) for (const folded of new Set(namesOf(a).map(foldAgencyName))) byName.set(folded, [...(byName.get(folded) ?? []), a]);
  for (const list of byName.values()) {
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(list[i], list[j], list[i].regionCode === list[j].regionCode ? 'SAME' : 'SHARED_NAME');
  }
  const rank = { SAME: 0, SIMILAR: 1, SHARED_NAME: 2 };
  return [...found.values()].sort((a, b) => rank[a.likeness] - rank[b.likeness] || a.agencies[0].id - b.agencies[0].id);
}
