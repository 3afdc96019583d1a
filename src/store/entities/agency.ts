import { EntitySchema } from '@mikro-orm/core';

/** Administrative level of an issuing organ. */
export const AGENCY_LEVELS = ['NATIONAL', 'PROVINCIAL', 'PREFECTURAL', 'COUNTY', 'TOWNSHIP'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
/** A people's government itself, or one of its departments (委、办、局…). */
export const AGENCY_KINDS = ['GOVERNMENT', 'DEPARTMENT'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: number;
  name: string;
  /** GB/T 2260 six-digit code of the agency's administrative region. */
  regionCode: string | null;
  regionName: string | null;
  level: AgencyLevel | null;
  kind: AgencyKind | null;
  parent: Agency | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const AgencySchema = new EntitySchema<Agency>({
  name: 'Agency',
  tableName: 'agency',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    name: { type: 'text' },
    regionCode: { type: 'string', length: 6, nullable: true },
    regionName: { type: 'text', nullable: true },
    level: { enum: true, items: () => [...AGENCY_LEVELS], nativeEnumName: 'agency_level', nullable: true },
    kind: { enum: true, items: () => [...AGENCY_KINDS], nativeEnumName: 'agency_kind', nullable: true },
    parent: { kind: 'm:1', entity: 'Agency', nullable: true, deleteRule: 'set null' },
    address: { type: 'text', nullable: true },
    postcode: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    fax: { type: 'text', nullable: true },
    email: { type: 'text', nullable: true },
    website: { type: 'text', nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
  uniques: [{ name: 'agency_name_region_unique', properties: ['name', 'regionCode'] }],
  indexes: [
    // Region filters match a code prefix (35 → 3501 → 350128): text_pattern_ops makes LIKE 'prefix%' indexable.
    { name: 'agency_region_code_prefix_index', expression: 'create index "agency_region_code_prefix_index" on "agency" ("region_code" text_pattern_ops)' },
    { name: 'agency_parent_index', properties: ['parent'] },
    // The agencies list's order (region, then id): the first page walks this instead of sorting every agency.
    { name: 'agency_region_order_index', properties: ['regionCode', 'id'] },
    // Chinese search: GIN over character bigrams (function nianbao_bigrams, migration regions_search).
    { name: 'agency_name_search_index', expression: 'create index "agency_name_search_index" on "agency" using gin (nianbao_bigrams("name"))' },
  ],
});
