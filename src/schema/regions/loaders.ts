/**
 * Region loaders, created once per request context (kept beside the context rather than in it, so
 * this domain adds no field to the shared Context type).
 */
import DataLoader from 'dataloader';
import type { RegionRow as Region } from '../../store/services/regions-sync.js';
import { loadRegions, regionChildren } from '../../store/services/regions-queries.js';
import type { Context } from '../context.js';

function createRegionLoaders(ctx: Context) {
  return {
    region: new DataLoader<string, Region | null>(async (codes) => {
      const rows = await loadRegions(ctx.em, codes);
      const map = new Map(rows.map((r) => [r.code, r]));
      return codes.map((c) => map.get(c) ?? null);
    }),
    children: new DataLoader<string, Region[]>((codes) => regionChildren(ctx.em, codes)),
  };
}

const perContext = new WeakMap<Context, ReturnType<typeof createRegionLoaders>>();

export function regionLoaders(ctx: Context) {
  let loaders = perContext.get(ctx);
  if (!loaders) perContext.set(ctx, (loaders = createRegionLoaders(ctx)));
  return loaders;
}
