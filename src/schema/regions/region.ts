import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { REGION_LEVELS } from '../../store/entities/index.js';
import type { RegionRow as RegionRecord } from '../../store/services/regions-sync.js';
import { fullRegionCode, listRegions } from '../../store/services/regions-queries.js';
import { Agency } from '../agencies/agency.js';
import { builder } from '../builder.js';
import { regionLoaders } from './loaders.js';

export const RegionLevelEnum = builder.enumType('RegionLevel', {
  description: 'Level of a GB/T 2260 administrative division.',
  values: {
    PROVINCE: { value: REGION_LEVELS[0], description: '省级：省、自治区、直辖市、特别行政区.' },
    PREFECTURE: { value: REGION_LEVELS[1], description: '地级：地级市、地区、自治州、盟.' },
    COUNTY: {
      value: REGION_LEVELS[2],
      description: '县级：市辖区、县级市、县、自治县、旗. A municipality’s districts and province-managed counties (省直辖县级行政区划) sit directly under their province.',
    },
  },
});

const regionCode = z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'must be 2, 4 or 6 digits of a GB/T 2260 code, e.g. 35, 3501 or 350128');

export const Region = builder.objectRef<RegionRecord>('Region');

Region.implement({
  description: 'A GB/T 2260 administrative division (行政区划), from the national code table shipped with the service.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Six-digit code, e.g. 350000 福建省, 350100 福州市, 350128 平潭县.' }),
    name: t.exposeString('name', { description: 'Official name, e.g. 平潭县.' }),
    fullName: t.exposeString('fullName', { description: 'Name with its ancestors, e.g. 福建省福州市平潭县.' }),
    level: t.expose('level', { type: RegionLevelEnum, description: 'Province, prefecture or county level.' }),
    prefix: t.exposeString('prefix', {
      description: 'What every code in its subtree starts with (35, 3501, 350128): pass it as `ReportFilter.regionCode`.',
    }),
    directlyUnderProvince: t.exposeBoolean('directlyUnderProvince', {
      description: 'A county-level division with no prefecture above it: a district of 北京/天津/上海/重庆, or a province-managed county (e.g. 济源市).',
    }),
    parent: t.field({
      type: Region,
      nullable: true,
      description: 'The division directly above (null for a province). For a municipality’s district or a province-managed county this is the province.',
      resolve: (r, _a, ctx) => (r.parentCode ? regionLoaders(ctx).region.load(r.parentCode) : null),
    }),
    ancestors: t.field({
      type: [Region],
      description: 'The divisions above, province first (empty for a province).',
      resolve: async (r, _a, ctx) => {
        const codes = [r.provinceCode, r.prefectureCode].filter((c): c is string => !!c && c !== r.code);
        const found = await regionLoaders(ctx).region.loadMany([...new Set(codes)].filter((c) => r.level !== 'PREFECTURE' || c !== r.prefectureCode));
        // A province-managed county's prefectureCode is itself, a municipality district's is the province.
        return found.filter((x): x is RegionRecord => !!x && !(x instanceof Error) && x.level !== 'COUNTY');
      },
    }),
    children: t.field({
      type: [Region],
      description: 'The divisions directly below, by code (a municipality lists its districts and counties).',
      resolve: (r, _a, ctx) => regionLoaders(ctx).children.load(r.code),
    }),
  }),
});

builder.objectField(Agency, 'region', (t) =>
  t.field({
    type: Region,
    nullable: true,
    description: 'The division the agency belongs to (from its `regionCode`); null when the code is not in GB/T 2260.',
    resolve: (a, _args, ctx) => (a.regionCode ? regionLoaders(ctx).region.load(a.regionCode) : null),
  }),
);

builder.queryFields((t) => ({
  region: t.field({
    type: Region,
    nullable: true,
    description: 'One division by code; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'GB/T 2260 code: 2, 4 or 6 digits (35 = 350000 福建省).', validate: regionCode }) },
    resolve: (_root, { code }, ctx) => regionLoaders(ctx).region.load(fullRegionCode(code)),
  }),
  regions: t.field({
    type: [Region],
    description: 'Divisions by parent, level or name, in code order. With no argument: the 34 provinces.',
    args: {
      parentCode: t.arg.string({ description: 'Only the children of this division (2, 4 or 6 digits).', validate: regionCode }),
      level: t.arg({ type: RegionLevelEnum, description: 'Only divisions of this level.' }),
      nameContains: t.arg.string({ description: 'Only divisions whose full name contains this text, e.g. 平潭.', validate: z.string().min(1).max(50) }),
      limit: t.arg.int({ defaultValue: 500, description: 'At most this many (1–5000).', validate: z.number().int().min(1).max(5000) }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.parentCode && args.level === 'PROVINCE') {
        throw new GraphQLError('A province has no parent: drop `parentCode` or ask for another level.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return listRegions(ctx.em, { parentCode: args.parentCode ?? undefined, level: args.level ?? undefined, nameContains: args.nameContains ?? undefined, limit: args.limit ?? 500 });
    },
  }),
}));
