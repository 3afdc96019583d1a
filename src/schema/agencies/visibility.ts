/** Agencies fetched by ID (agency, node, nodes, parent): the public sees only those with a published report. */
import type { Agency as AgencyRecord } from '../../store/entities/index.js';
import { publishedAgencyIds } from '../../store/services/agency-visibility.js';
import type { Context } from '../context.js';

export async function loadVisibleAgencies(ctx: Context, ids: readonly number[]): Promise<(AgencyRecord | null)[]> {
  const [agencies, published] = await Promise.all([
    ctx.loaders.agency.loadMany(ids),
    ctx.viewer.canWrite ? undefined : publishedAgencyIds(ctx.em, ids),
  ]);
  return agencies.map((agency) => {
    if (agency instanceof Error) throw agency;
    return agency && (!published || published.has(agency.id)) ? agency : null;
  });
}
