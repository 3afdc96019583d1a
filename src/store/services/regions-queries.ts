/**
 * Reading the region tree. Batch functions (one statement for any number of codes) so per-request
 * loaders can serve a whole page of agencies or regions at once. Regions are read-only reference
 * data, so they are read as plain rows: hydrating entities into the identity map cost several times
 * the query itself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionLevel } from '../entities/index.js';
import type { RegionRow } from './regions-sync.js';

/** `35` → `350000`, `3501` → `350100`, `350128` → `350128`. */
export function fullRegionCode(code: string): string {
  const digits = code.trim();
  if (!/^\d{2}(\d{2}){0,2}$/.test(digits)) {
    throw new RangeError(`"${code}" is not a GB/T 2260 region code: expected 2, 4 or 6 digits, e.g. 35, 3501 or 350128`);
  }
  return digits.padEnd(6, '0');
}

const COLUMNS = `code, name, full_name as "fullName", level, parent_code as "parentCode", province_code as "provinceCode",
  prefecture_code as "prefectureCode", prefix, directly_under_province as "directlyUnderProvince"`;

export async function loadRegions(em: EntityManager, codes: readonly string[]): Promise<RegionRow[]> {
  if (!codes.length) return [];
  return em.getConnection().execute<RegionRow[]>(`select ${COLUMNS} from region where code in (?)`, [[...codes]]);
}

/** The children of each region, in code order. */
export async function regionChildren(em: EntityManager, codes: readonly string[]): Promise<RegionRow[][]> {
  const rows = codes.length ? await em.getConnection().execute<RegionRow[]>(`select ${COLUMNS} from region where parent_code in (?) order by code`, [[...codes]]) : [];
  const groups = new Map<string, RegionRow[]>(codes.map((c) => [c, []]));
  for (const row of rows) groups.get(row.parentCode!)?.push(row);
  return codes.map((c) => groups.get(c) ?? []);
}

export interface RegionListRequest {
  parentCode?: string;
  level?: RegionLevel;
  nameContains?: string;
  limit: number;
}

/** Regions by parent, level and name; the provinces when nothing is asked. Code order. */
export async function listRegions(em: EntityManager, request: RegionListRequest): Promise<RegionRow[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (request.parentCode) {
    conditions.push('parent_code = ?');
    params.push(fullRegionCode(request.parentCode));
  }
  if (request.level) {
    conditions.push('level = ?');
    params.push(request.level);
  }
  if (request.nameContains) {
    conditions.push(`strpos(full_name, ?) > 0`);
    params.push(request.nameContains);
  }
  if (!conditions.length) conditions.push(`level = 'PROVINCE'`);
  params.push(request.limit);
  return em.getConnection().execute<RegionRow[]>(`select ${COLUMNS} from region where ${conditions.join(' and ')} order by code limit ?`, params);
}
