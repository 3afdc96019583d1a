import { resolveCursorConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { countReports, listReports, reportCursor, type ReportCursor, type ReportOrder } from '../../store/reports/read.js';
import type { ReportView } from '../../store/reports/views.js';
import { Agency } from '../agencies/agency.js';
import { builder } from '../builder.js';
import { expectGlobalId } from '../global-id.js';
import { ReportFilterInput, ReportOrderEnum, toReportFilter } from './filter.js';
import { reportPartsAt, selects } from './lookahead.js';
import { Report } from './report.js';

const MAX_PAGE = 100;

function checkPageSize(value: number | null | undefined, name: string): void {
  if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE)) {
    throw new GraphQLError(`\`${name}\` must be between 0 and ${MAX_PAGE}, got ${value}: page through larger lists with cursors.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}

function encodeCursor(cursor: ReportCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): ReportCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((typeof key === 'string' || typeof key === 'number') && typeof id === 'number') return { key, id };
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`"${cursor}" is not a cursor of this list: pass a cursor from pageInfo or an edge of the same query.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

builder.queryFields((t) => ({
  reports: t.connection(
    {
      type: Report,
      description: `Reports, filtered and ordered, in pages of at most ${MAX_PAGE} (default 20).`,
      args: {
        filter: t.arg({ type: ReportFilterInput, description: 'Which reports.' }),
        orderBy: t.arg({ type: ReportOrderEnum, defaultValue: 'YEAR_DESC', description: 'Order of the list.' }),
      },
      resolve: async (_root, args, ctx, info) => {
        checkPageSize(args.first, 'first');
        checkPageSize(args.last, 'last');
        const filter = toReportFilter(args.filter, ctx.viewer);
        const order = (args.orderBy ?? 'YEAR_DESC') as ReportOrder;
        // The page brings the parts its nodes ask for, and the count when it is asked for: one statement.
        const parts = reportPartsAt(info, ['edges', 'node']);
        const wantsTotal = selects(info, 'totalCount');
        let total: number | undefined;
        const connection = await resolveCursorConnection<Promise<ReportView[]>>(
          { args, defaultSize: 20, maxSize: MAX_PAGE, toCursor: (report: ReportView) => encodeCursor(reportCursor(report, order)) },
          async ({ before, after, limit, inverted }): Promise<ReportView[]> => {
            const page = await listReports(ctx.reader, { filter, order, before: decodeCursor(before), after: decodeCursor(after), limit, inverted }, parts, wantsTotal);
            ctx.loaders.primeReports(page.reports, parts);
            total = page.total;
            return page.reports;
          },
        );
        return { ...connection, totalCount: () => total ?? countReports(ctx.reader, filter) };
      },
    },
    {
      name: 'ReportConnection',
      description: 'A page of reports.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many reports match the filter, over all pages.',
          resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
        }),
      }),
    },
    { name: 'ReportEdge', description: 'A report in a page of reports.' },
  ),
  report: t.field({
    type: Report,
    nullable: true,
    description: 'One report: by its global ID, or by agency and statistical year. Null when there is none.',
    args: {
      id: t.arg.id({ description: 'The report’s global ID.' }),
      agencyId: t.arg.id({ description: 'The agency’s global ID (with `year`).' }),
      year: t.arg.int({ description: 'The statistical year (with `agencyId`).' }),
    },
    resolve: async (_root, { id, agencyId, year }, ctx, info) => {
      if (id != null) return ctx.loaders.report(expectGlobalId(String(id), 'Report'), reportPartsAt(info));
      if (agencyId != null && year != null) return ctx.loaders.reportOfAgencyYear(expectGlobalId(String(agencyId), 'Agency'), year, reportPartsAt(info));
      throw new GraphQLError('report needs either `id`, or `agencyId` and `year`.', { extensions: { code: 'BAD_USER_INPUT' } });
    },
  }),
}));

builder.objectField(Agency, 'reports', (t) =>
  t.field({
    type: [Report],
    description: 'The agency’s reports, oldest statistical year first.',
    resolve: (agency, _args, ctx, info) => ctx.loaders.reportsOfAgency(agency.id, reportPartsAt(info)),
  }),
);
