/** Query.statistics and Query.ranking: thin shells over the aggregate service (one SQL statement each). */
import { z } from 'zod';
import type { AgencyLevel, RegionLevel } from '../../store/entities/index.js';
import { GraphQLError } from 'graphql';
import { TooManyGroupsError, aggregate, type GroupResult, type StatDimension } from '../../store/services/statistics.js';
import type { Measure as MeasureSpec } from '../../store/services/measures.js';
import { Agency, AgencyLevelEnum } from '../agencies/agency.js';
import { builder } from '../builder.js';
import { AGGREGATE_COST } from '../costs.js';
import { FormatVersionEnum } from '../format/enums.js';
import { Region, RegionLevelEnum } from '../regions/region.js';
import { regionLoaders } from '../regions/loaders.js';
import { ReportFilterInput, toReportFilter } from '../reports/filter.js';
import type { FormatVersion } from '../../format/index.js';
import { Measure, MeasureInput, MeasureValue, StatisticsDimensionEnum, toMeasure } from './measures.js';

export const StatisticsGroup = builder.objectRef<GroupResult>('StatisticsGroup').implement({
  description: 'One group of reports and its measures. Only the fields of the requested dimensions are set.',
  fields: (t) => ({
    year: t.int({ nullable: true, description: 'Statistical year (when grouped by YEAR).', resolve: (g) => g.year }),
    regionCode: t.string({ nullable: true, description: 'Six-digit region code (when grouped by REGION); null for agencies without a region.', resolve: (g) => g.regionCode }),
    region: t.field({ type: Region, nullable: true, description: 'The region (when grouped by REGION).', resolve: (g, _a, ctx) => (g.regionCode ? regionLoaders(ctx).region.load(g.regionCode) : null) }),
    agency: t.field({ type: Agency, nullable: true, description: 'The agency (when grouped by AGENCY).', resolve: (g, _a, ctx) => (g.agencyId ? ctx.loaders.agency(g.agencyId) : null) }),
    agencyLevel: t.field({ type: AgencyLevelEnum, nullable: true, description: 'Agency level (when grouped by AGENCY_LEVEL).', resolve: (g) => g.agencyLevel as AgencyLevel | null }),
    formatVersion: t.field({ type: FormatVersionEnum, nullable: true, description: 'Format version (when grouped by FORMAT_VERSION).', resolve: (g) => g.formatVersion as FormatVersion | null }),
    reports: t.int({ description: 'Reports in the group (counted or not).', resolve: (g) => g.reports }),
    values: t.expose('values', { type: [MeasureValue], description: 'One value per requested measure, in the order asked.' }),
  }),
});

interface StatisticsResult {
  measures: MeasureSpec[];
  groups: GroupResult[];
  totalGroups: number;
}

export const Statistics = builder.objectRef<StatisticsResult>('Statistics').implement({
  description: 'Aggregated measures over reports.',
  fields: (t) => ({
    measures: t.expose('measures', { type: [Measure], description: 'The measures, in the order asked (each group’s `values` follow this order).' }),
    groups: t.expose('groups', { type: [StatisticsGroup], description: 'The groups, ordered by their dimensions (or by rank).' }),
    totalGroups: t.int({ description: 'How many groups there are in all (for a ranking: before `first` cuts the list).', resolve: (s) => s.totalGroups }),
  }),
});

export const SortDirectionEnum = builder.enumType('SortDirection', {
  description: 'Direction of a ranking.',
  values: { DESC: { value: 'DESC', description: 'Highest first.' }, ASC: { value: 'ASC', description: 'Lowest first.' } },
});

export const RankingSubjectEnum = builder.enumType('RankingSubject', {
  description: 'What a ranking ranks.',
  values: { AGENCY: { value: 'AGENCY', description: 'Agencies (发布机关).' }, REGION: { value: 'REGION', description: 'Regions at `regionLevel`.' } },
});

const measures = z.array(z.any()).min(1).max(12);

builder.queryFields((t) => ({
  statistics: t.field({
    type: Statistics,
    complexity: AGGREGATE_COST,
    description: 'Measures summed over the reports of a filter, grouped by any dimensions (at most 5000 groups: rank or narrow beyond that). One SQL statement for all measures and groups.',
    args: {
      filter: t.arg({ type: ReportFilterInput, description: 'Which reports (e.g. `{ regionCode: "3501", years: [2024] }`).' }),
      measures: t.arg({ type: [MeasureInput], required: true, description: 'What to compute (1–12 measures).', validate: measures }),
      groupBy: t.arg({ type: [StatisticsDimensionEnum], defaultValue: [], description: 'Group by these dimensions; none = one group over all reports.' }),
      regionLevel: t.arg({ type: RegionLevelEnum, defaultValue: 'PROVINCE', description: 'Level of the REGION dimension.' }),
    },
    resolve: async (_root, args, ctx) => {
      const specs = args.measures.map(toMeasure);
      try {
        const result = await aggregate(ctx.em, {
          filter: toReportFilter(args.filter, ctx.viewer),
          measures: specs,
          groupBy: [...new Set(args.groupBy ?? [])] as StatDimension[],
          regionLevel: (args.regionLevel ?? 'PROVINCE') as RegionLevel,
        });
        return { measures: specs, ...result };
      } catch (error) {
        if (error instanceof TooManyGroupsError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
        throw error;
      }
    },
  }),
  ranking: t.field({
    type: Statistics,
    complexity: AGGREGATE_COST,
    description: 'Top agencies or regions by one measure (e.g. the agencies that refuse most): one SQL statement. Groups with a null value come last.',
    args: {
      filter: t.arg({ type: ReportFilterInput, description: 'Which reports.' }),
      measure: t.arg({ type: MeasureInput, required: true, description: 'What to rank by.' }),
      by: t.arg({ type: RankingSubjectEnum, defaultValue: 'AGENCY', description: 'Rank agencies or regions.' }),
      regionLevel: t.arg({ type: RegionLevelEnum, defaultValue: 'COUNTY', description: 'Level of the regions ranked (with `by: REGION`).' }),
      direction: t.arg({ type: SortDirectionEnum, defaultValue: 'DESC', description: 'Highest or lowest first.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many to return (1–100).', validate: z.number().int().min(1).max(100) }),
      minReportsCounted: t.arg.int({ defaultValue: 1, description: 'Leave out groups with fewer counted reports (e.g. to rank rates only over enough data).', validate: z.number().int().min(0) }),
    },
    resolve: async (_root, args, ctx) => {
      const spec = toMeasure(args.measure);
      const result = await aggregate(ctx.em, {
        filter: toReportFilter(args.filter, ctx.viewer),
        measures: [spec],
        groupBy: [args.by === 'REGION' ? 'REGION' : 'AGENCY'],
        regionLevel: (args.regionLevel ?? 'COUNTY') as RegionLevel,
        rankBy: { measure: 0, direction: (args.direction ?? 'DESC') as 'ASC' | 'DESC', limit: args.first ?? 10, minReportsCounted: args.minReportsCounted ?? 1 },
      });
      return { measures: [spec], ...result };
    },
  }),
}));
