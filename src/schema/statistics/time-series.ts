/**
 * Query.timeSeries (an agency's or a region's figures across years, with the cross-year check X1)
 * and Query.findingReports (the oversight work list).
 */
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { findingCounts, listReportsWithFindings } from '../../store/services/finding-lists.js';
import { aggregate, type GroupResult } from '../../store/services/statistics.js';
import type { Measure as MeasureSpec } from '../../store/services/measures.js';
import type { ReportFilter } from '../../store/reports/filter.js';
import { builder } from '../builder.js';
import { NARROW_AGGREGATE_COST } from '../costs.js';
import { FindingRuleEnum, SeverityEnum } from '../format/enums.js';
import { expectGlobalId } from '../global-id.js';
import { reportPartsAt } from '../reports/lookahead.js';
import { Finding, Report } from '../reports/report.js';
import { ReportFilterInput, toReportFilter, visibleStatuses } from '../reports/filter.js';
import { Measure, MeasureInput, MeasureValue, toMeasure } from './measures.js';

const X1 = 'X1';

const TimeSeriesPoint = builder.objectRef<GroupResult>('TimeSeriesPoint').implement({
  description: 'One year of a time series.',
  fields: (t) => ({
    year: t.int({ description: 'Statistical year.', resolve: (p) => p.year! }),
    reports: t.int({ description: 'Reports of that year in the series.', resolve: (p) => p.reports }),
    values: t.expose('values', { type: [MeasureValue], description: 'One value per requested measure, with the previous year and the change.' }),
    crossYearFailures: t.int({
      description: 'Reports of that year whose 二、上年结转 differs from the same agency’s 四、结转下年度 of the year before (rule X1).',
      resolve: (p) => p.crossYearFailures ?? 0,
    }),
    report: t.field({ type: Report, nullable: true, description: 'The report of that year, when the series is one agency’s.', resolve: (p, _a, ctx, info) => (p.reportId ? ctx.loaders.report(p.reportId, reportPartsAt(info)) : null) }),
    crossYearFindings: t.field({
      type: [Finding],
      description: 'The X1 findings of that year’s report (one agency’s series; empty for a region): which column differs, expected and printed values.',
      resolve: async (p, _a, ctx) => (p.reportId && p.crossYearFailures ? (await ctx.loaders.part(p.reportId, 'findings')).filter((f) => f.rule === X1) : []),
    }),
  }),
});

const TimeSeries = builder.objectRef<{ measures: MeasureSpec[]; points: GroupResult[] }>('TimeSeries').implement({
  description: 'Figures of one agency or one region across years (one SQL statement).',
  fields: (t) => ({
    measures: t.expose('measures', { type: [Measure], description: 'The measures, in the order asked.' }),
    points: t.expose('points', { type: [TimeSeriesPoint], description: 'One point per year with reports, oldest first.' }),
  }),
});

const year = z.number().int().min(2008).max(2100);

builder.queryFields((t) => ({
  timeSeries: t.field({
    type: TimeSeries,
    complexity: NARROW_AGGREGATE_COST,
    description: 'An agency’s or a region’s figures across years, with year-over-year changes and the cross-year check X1 where it fails.',
    args: {
      agencyId: t.arg.id({ description: 'One agency (global ID). Give this or `regionCode`.' }),
      regionCode: t.arg.string({ description: 'A region’s whole subtree (2, 4 or 6 digits). Give this or `agencyId`.', validate: z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'must be 2, 4 or 6 digits') }),
      measures: t.arg({ type: [MeasureInput], required: true, description: 'What to compute (1–12 measures).', validate: z.array(z.any()).min(1).max(12) }),
      yearFrom: t.arg.int({ description: 'First year.', validate: year }),
      yearTo: t.arg.int({ description: 'Last year.', validate: year }),
    },
    resolve: async (_root, args, ctx) => {
      if ((args.agencyId == null) === (args.regionCode == null)) {
        throw new GraphQLError('timeSeries needs exactly one of `agencyId` and `regionCode`.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const filter: ReportFilter = {
        agencyIds: args.agencyId != null ? [expectGlobalId(String(args.agencyId), 'Agency')] : undefined,
        regionCode: args.regionCode ?? undefined,
        yearFrom: args.yearFrom ?? undefined,
        yearTo: args.yearTo ?? undefined,
        statuses: visibleStatuses(ctx.viewer, null),
      };
      const measures = args.measures.map(toMeasure);
      const result = await aggregate(ctx.em, { filter, measures, groupBy: ['YEAR'], crossYear: true });
      // A region's year can hold a single report; only an agency's series links its reports.
      const points = args.agencyId != null ? result.groups : result.groups.map((g) => ({ ...g, reportId: null }));
      return { measures, points };
    },
  }),
}));

interface WorkItem {
  reportId: number;
  matchingFindings: number;
  rules?: string[];
  severities?: string[];
}

const FindingWorkItem = builder.objectRef<WorkItem>('FindingWorkItem').implement({
  description: 'A report on the work list, with the findings that put it there.',
  fields: (t) => ({
    report: t.field({ type: Report, description: 'The report.', resolve: async (w, _a, ctx, info) => (await ctx.loaders.report(w.reportId, reportPartsAt(info)))! }),
    matchingFindings: t.int({ description: 'How many of its findings match the rule/severity asked.', resolve: (w) => w.matchingFindings }),
    findings: t.field({
      type: [Finding],
      description: 'Its findings that match the rule/severity asked.',
      resolve: async (w, _a, ctx) =>
        (await ctx.loaders.part(w.reportId, 'findings')).filter((f) => (!w.rules || w.rules.includes(f.rule)) && (!w.severities || w.severities.includes(f.severity))),
    }),
  }),
});

const FindingCount = builder.simpleObject('FindingCount', {
  description: 'How often one rule fails at one severity over the filtered reports.',
  fields: (t) => ({
    rule: t.field({ type: FindingRuleEnum, description: 'Rule (R1–R4, B1, X1–X3, or the parser’s PARSE and SPLIT).' }),
    severity: t.field({ type: SeverityEnum, description: 'Severity.' }),
    reports: t.int({ description: 'Reports with at least one such finding.' }),
    findings: t.int({ description: 'Findings in all.' }),
  }),
});

builder.queryFields((t) => ({
  findingReports: t.connection(
    {
      type: FindingWorkItem,
      complexity: NARROW_AGGREGATE_COST,
      description: 'Reports with findings of a rule and/or severity (e.g. every X1 failure of a province in 2024), most findings first: an oversight office’s work list.',
      args: {
        filter: t.arg({ type: ReportFilterInput, description: 'Which reports (region, year…).' }),
        rule: t.arg({ type: FindingRuleEnum, description: 'Only findings of this rule (e.g. R1, X1).' }),
        severity: t.arg({ type: SeverityEnum, description: 'Only findings of this severity.' }),
      },
      resolve: async (_root, args, ctx) => {
        const filter = toReportFilter(args.filter, ctx.viewer);
        const rules = args.rule ? [args.rule] : undefined;
        const severities = args.severity ? [args.severity] : undefined;
        let totals: { totalReports: number; totalFindings: number } | undefined;
        const connection = await resolveOffsetConnection({ args, defaultSize: 20, maxSize: 100 }, async ({ offset, limit }) => {
          const page = await listReportsWithFindings(ctx.em, { filter, rules, severities, offset, limit });
          totals = page;
          return page.rows.map((row) => ({ ...row, rules, severities }));
        });
        return { ...connection, totals: totals!, countsFilter: filter };
      },
    },
    {
      name: 'FindingWorkItemConnection',
      description: 'A page of the work list.',
      fields: (c) => ({
        totalCount: c.int({ description: 'Reports on the whole list.', resolve: (p) => (p as unknown as { totals: { totalReports: number } }).totals.totalReports }),
        totalFindings: c.int({ description: 'Matching findings over the whole list.', resolve: (p) => (p as unknown as { totals: { totalFindings: number } }).totals.totalFindings }),
        countsByRule: c.field({
          type: [FindingCount],
          description: 'All findings of the filtered reports by rule and severity (ignores `rule`/`severity`; one more SQL statement, only when asked).',
          resolve: (p, _a, ctx) => findingCounts(ctx.em, (p as unknown as { countsFilter: ReportFilter }).countsFilter),
        }),
      }),
    },
    { name: 'FindingWorkItemEdge', description: 'A report on the work list.' },
  ),
}));
