/** The region tree as the agency-name functions read it, built once from the dataset the region table is synced from. */
import { indexRegionNames, regionChainNames, type RegionNameIndex } from '../../ingest/agency-name.js';
import { readRegionDataset } from '../services/regions-sync.js';

let index: RegionNameIndex | undefined;

export function regionNameIndex(): RegionNameIndex {
  return (index ??= indexRegionNames(readRegionDataset()));
}

/** The names of a region and its ancestors (none for an unknown code). */
export const regionNamesOf = (code: string | null): string[] => (code ? regionChainNames(code, regionNameIndex()) : []);

export const regionFullName = (code: string): string => regionNamesOf(code).join('');
