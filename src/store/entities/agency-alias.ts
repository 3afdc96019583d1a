import { EntitySchema } from '@mikro-orm/core';
import type { Agency } from './agency.js';

/**
 * A name an agency is known by: its own name's main part, what its names held in brackets, and
 * every other name an import or a merge matched to it. `folded` is the comparison form
 * (foldAgencyName of src/ingest/agency-name.ts), so a name that gives no region finds its agency
 * by one index lookup.
 */
export interface AgencyAlias {
  id: number;
  agency: Agency;
  /** As printed. */
  name: string;
  folded: string;
  createdAt: Date;
}

export const AgencyAliasSchema = new EntitySchema<AgencyAlias>({
  name: 'AgencyAlias',
  tableName: 'agency_alias',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    agency: { kind: 'm:1', entity: 'Agency', deleteRule: 'cascade' },
    name: { type: 'text' },
    folded: { type: 'text' },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
  uniques: [{ name: 'agency_alias_agency_folded_unique', properties: ['agency', 'folded'] }],
  indexes: [
    { name: 'agency_alias_folded_index', properties: ['folded'] },
    // agencies(search:) finds agencies by any of their names (function nianbao_bigrams, migration regions_search).
    { name: 'agency_alias_name_search_index', expression: 'create index "agency_alias_name_search_index" on "agency_alias" using gin (nianbao_bigrams("name"))' },
  ],
});
