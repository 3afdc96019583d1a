/** Query.search: Chinese full-text search over reports (one SQL statement per page, plus the reports). */
import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { searchReports, type SearchOrder, type SearchPosition, type SearchRow } from '../../store/services/search.js';
import { MAX_QUERY_LENGTH, highlight, snippetAround, type Highlighted } from '../../store/services/search-text.js';
import { builder } from '../builder.js';
import { AGGREGATE_COST } from '../costs.js';
import { ReportFilterInput, toReportFilter } from '../reports/filter.js';
import { reportPartsAt } from '../reports/lookahead.js';
import { Report } from '../reports/report.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TextRange = builder.simpleObject('TextRange', {
  description: 'A stretch of text: where the query matched.',
  fields: (t) => ({
    start: t.int({ description: 'Offset of the first character, in UTF-16 code units (JavaScript string indices).' }),
    length: t.int({ description: 'Length in UTF-16 code units.' }),
  }),
});

const Snippet = builder.objectRef<Highlighted>('Snippet').implement({
  description: 'A piece of text with the matches of the query marked (whitespace, full/half width and case ignored).',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The text as printed.' }),
    highlights: t.field({ type: [TextRange], description: 'Where the query occurs in `text`.', resolve: (s) => s.ranges.map(([start, length]) => ({ start, length })) }),
    html: t.string({
      description: '`text` HTML-escaped, each match wrapped in <mark>…</mark>.',
      resolve: (s) => {
        let out = '';
        let at = 0;
        for (const [start, length] of s.ranges) {
          out += `${escapeHtml(s.text.slice(at, start))}<mark>${escapeHtml(s.text.slice(start, start + length))}</mark>`;
          at = start + length;
        }
        return out + escapeHtml(s.text.slice(at));
      },
    }),
  }),
});

export const SearchFieldEnum = builder.enumType('SearchField', {
  description: 'Where a report matched.',
  values: {
    TITLE: { value: 'TITLE', description: 'The report’s title (标题).' },
    AGENCY_NAME: { value: 'AGENCY_NAME', description: 'The issuing agency’s name (发布机关).' },
    SECTION_BODY: { value: 'SECTION_BODY', description: 'The text of one of its six parts (正文).' },
  },
});

export const SearchOrderEnum = builder.enumType('SearchOrder', {
  description: 'The order of search results.',
  values: {
    RELEVANCE: {
      value: 'RELEVANCE',
      description: 'Best first: title matches, then agency-name matches, then by occurrences in the text; ties newest first.',
    },
    NEWEST: { value: 'NEWEST', description: 'Newest report year first, then the most recently stored.' },
  },
});

type Hit = SearchRow & { needle: string };

const SearchHit = builder.objectRef<Hit>('SearchHit').implement({
  description: 'A report that contains the query.',
  fields: (t) => ({
    report: t.field({ type: Report, description: 'The report.', resolve: async (h, _a, ctx, info) => (await ctx.loaders.report(h.reportId, reportPartsAt(info)))! }),
    score: t.float({ description: 'Rank: 10 for a title match, 5 for an agency-name match, plus ln(1 + occurrences in the text).', resolve: (h) => h.score }),
    matchedIn: t.field({
      type: [SearchFieldEnum],
      description: 'Where it matched.',
      resolve: (h) => [...(h.inTitle ? ['TITLE' as const] : []), ...(h.inAgencyName ? ['AGENCY_NAME' as const] : []), ...(h.occurrences ? ['SECTION_BODY' as const] : [])],
    }),
    occurrences: t.int({ description: 'How often the query occurs in the report’s six parts.', resolve: (h) => h.occurrences }),
    snippet: t.field({
      type: Snippet,
      nullable: true,
      description: 'About 160 characters of the part where it occurs most, around its first occurrence (null when only the title or agency matched).',
      resolve: (h) => (h.snippet === null ? null : snippetAround(h.snippet, h.needle)),
    }),
    title: t.field({
      type: Snippet,
      nullable: true,
      description: 'The report’s title with the matches marked (null when it has none).',
      resolve: async (h, _a, ctx) => {
        const report = await ctx.loaders.report(h.reportId);
        return report?.title ? highlight(report.title, h.needle) : null;
      },
    }),
    agencyName: t.field({
      type: Snippet,
      description: 'The agency’s name with the matches marked.',
      resolve: async (h, _a, ctx) => highlight((await ctx.loaders.report(h.reportId))!.agency.name, h.needle),
    }),
  }),
});

/**
 * A result's cursor: its position in the results and, for paging on, its report's year and id —
 * newest-first pages continue from there instead of skipping (and reading again) everything before.
 */
const CURSOR_PREFIX = 'SearchHit:';

function encodeCursor(offset: number, row: SearchRow): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}:${row.year}:${row.reportId}`).toString('base64');
}

function decodeCursor(cursor: string, argument: string): { offset: number; position: SearchPosition } {
  const match = /^SearchHit:(\d{1,9}):(\d{4}):(\d{1,12})$/.exec(Buffer.from(cursor, 'base64').toString());
  if (!match) throw new GraphQLError(`\`${argument}\` is not a cursor of this search: pass a cursor from a SearchHitEdge or pageInfo.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return { offset: Number(match[1]), position: { year: Number(match[2]), reportId: Number(match[3]) } };
}

interface SearchTotals {
  total: number;
  totalIsExact: boolean;
  order: SearchOrder;
}

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: SearchHit,
      complexity: AGGREGATE_COST,
      description:
        'Reports whose title, agency name or text contains `query` as a substring (Chinese needs no spaces: 电商 is found inside 农村电商发展), best first. Index-backed; combinable with any report filter.',
      args: {
        query: t.arg.string({
          required: true,
          description: `What to find: 1–${MAX_QUERY_LENGTH} characters, matched as one phrase; whitespace, full/half width and letter case are ignored. Operators are not interpreted.`,
          validate: z.string().max(200),
        }),
        filter: t.arg({ type: ReportFilterInput, description: 'Only reports that pass this filter.' }),
        orderBy: t.arg({
          type: SearchOrderEnum,
          defaultValue: 'RELEVANCE',
          description: 'The order wanted. RELEVANCE needs every match counted: when a field matches more than the ranking limit (10,000 by default), the results come NEWEST first instead, and `orderedBy` says so.',
        }),
      },
      resolve: async (_root, args, ctx) => {
        const after = args.after ? decodeCursor(args.after, 'after') : undefined;
        const before = args.before ? decodeCursor(args.before, 'before') : undefined;
        const window = offsetForArgs({
          args: { first: args.first, last: args.last, after: after && offsetToCursor(after.offset), before: before && offsetToCursor(before.offset) },
          defaultSize: 20,
          maxSize: 100,
        });
        const order = (args.orderBy ?? 'RELEVANCE') as SearchOrder;
        try {
          const found = await searchReports(ctx.em, {
            query: args.query,
            filter: toReportFilter(args.filter, ctx.viewer),
            offset: window.offset,
            limit: window.limit,
            order,
            candidateLimit: ctx.limits.searchCandidateLimit,
            memo: ctx.searchOverflow,
            // Paging forward, the newest-first walk resumes after the previous page's last report.
            after: after && !before && args.last == null ? after.position : undefined,
          });
          const edges = found.rows.slice(0, window.expectedSize).map((row, i) => ({ cursor: encodeCursor(window.offset + i, row), node: { ...row, needle: found.needle } }));
          return {
            edges,
            pageInfo: {
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
              hasPreviousPage: window.hasPreviousPage,
              hasNextPage: window.hasNextPage(found.rows.length),
            },
            total: found.total,
            totalIsExact: found.totalIsExact,
            order: found.order,
          };
        } catch (error) {
          if (error instanceof RangeError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
          throw error;
        }
      },
    },
    {
      name: 'SearchHitConnection',
      description: 'A page of search results.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'Matching reports over all pages when `totalCountIsExact`. Otherwise a lower bound — the matches up to the end of this page, one more when there is a next page — because the word matches too often to count in useful time (like a search engine’s “1,000+ results”).',
          resolve: (p) => (p as unknown as SearchTotals).total,
        }),
        totalCountIsExact: c.boolean({
          description: 'Whether `totalCount` is exact. False when a field matched more than the ranking limit: narrow the filter for an exact count.',
          resolve: (p) => (p as unknown as SearchTotals).totalIsExact,
        }),
        orderedBy: c.field({
          type: SearchOrderEnum,
          description: 'The order the results are in: the `orderBy` asked for, or NEWEST when there were too many matches to rank by relevance.',
          resolve: (p) => (p as unknown as SearchTotals).order,
        }),
      }),
    },
    { name: 'SearchHitEdge', description: 'A search result in a page.' },
  ),
}));
