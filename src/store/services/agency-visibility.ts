/**
 * An agency is public once it has a published report: one created by a draft import stays as
 * hidden as the draft (agency IDs are sequential, so guessing them must reveal nothing).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export async function publishedAgencyIds(em: EntityManager, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await em
    .getConnection()
    .execute<{ id: number }[]>(`select a.id from agency a where a.id in (?) and exists (select 1 from report r where r.agency_id = a.id and r.status = 'PUBLISHED')`, [[...ids]]);
  return new Set(rows.map((r) => r.id));
}
