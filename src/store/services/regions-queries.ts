/**
 * Reading the region tree. Batch functions (one statement for any number of codes) so per-request
 * loaders can serve a whole page of agencies or regions at once.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RegionSchema, type Region, type RegionLevel } from '../entities/index.js';

/** `35` → `350000`, `3501` → `350100`, `350128` → `350128`. */
export function fullRegionCode(code: string): string {
  const digits = code.trim();
  if (!/^\d{2}(\d{2}){0,2}$/.test(digits)) {
    throw new RangeError(`"${code}" is not a GB/T 2260 region code: expected 2, 4 or 6 digits, e.g. 35, 3501 or 350128`);
  }
  return digits.padEnd(6, '0');
}

export async function loadRegions(em: EntityManager, codes: readonly string[]): Promise<Region[]> {
  return em.find(RegionSchema, { code: { $in: [...codes] } });
}

/** The children of each region, by name. */
export async function regionChildren(em: EntityManager, codes: readonly string[]): Promise<Region[][]> {
  const rows = await em.find(RegionSchema, { parent: { $in: [...codes] } } as never, { orderBy: { code: 'asc' } });
  const groups = new Map<string, Region[]>(codes.map((c) => [c, []]));
  for (const row of rows) groups.get((row.parent as unknown as { code: string }).code)?.push(row);
  return codes.map((c) => groups.get(c) ?? []);
}

export interface RegionListRequest {
  parentCode?: string;
  level?: RegionLevel;
  nameContains?: string;
  limit: number;
}

/** Regions by parent, level and name; the provinces when nothing is asked. Code order. */
export async function listRegions(em: EntityManager, request: RegionListRequest): Promise<Region[]> {
  const where: Record<string, unknown> = {};
  if (request.parentCode) where.parent = fullRegionCode(request.parentCode);
  if (request.level) where.level = request.level;
  if (request.nameContains) where.fullName = { $like: `%${request.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  if (Object.keys(where).length === 0) where.level = 'PROVINCE';
  return em.find(RegionSchema, where, { orderBy: { code: 'asc' }, limit: request.limit });
}
