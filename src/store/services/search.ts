/**
 * Chinese full-text search over report titles, agency names and section bodies. Chinese has no
 * spaces, so text is indexed as overlapping character bigrams (nianbao_bigrams, GIN): a query of n
 * characters is the AND of its n−1 bigrams — one character is a prefix match on the bigrams that
 * start with it — and every candidate is rechecked with strpos for the exact phrase.
 *
 * Ranking by occurrences needs every matching body, which is cheap for a rare word and hopeless for
 * one printed in half of all reports (政务公开, nationwide: a million bodies). So the ranked
 * statement collects at most `candidateLimit` matches per field; when a field has more, the count
 * becomes a lower bound and the page is read by walking the filtered reports newest first and
 * stopping as soon as it is full — cheap exactly when matches are common. Like a search engine's
 * "10,000+ results", the answer says which of the two it gave (`totalIsExact`, `order`). The cap is
 * counted before the report filter, so whether a word overflows depends on the word alone: the
 * service remembers such words for a while (OverflowMemo) and goes straight to the walk.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { reportFilterSql } from '../reports/filter.js';
import type { ReportFilter } from '../reports/filter.js';
import { MAX_QUERY_LENGTH, SNIPPET_BEFORE, SNIPPET_LENGTH, bigramQuery, normalizeSearchText } from './search-text.js';

export type SearchOrder = 'RELEVANCE' | 'NEWEST';

/** Matches per field ranked exactly before a search falls back to newest first (cf. a search engine's 10,000 tracked hits). */
export const DEFAULT_CANDIDATE_LIMIT = 10_000;

export interface SearchRequest {
  query: string;
  filter: ReportFilter;
  offset: number;
  limit: number;
  order: SearchOrder;
  candidateLimit: number;
  /** Words known to have more matches than `candidateLimit`. */
  memo?: OverflowMemo;
  /**
   * The last row of the previous page, when paging forward: the newest-first walk continues after it
   * instead of skipping `offset` rows (which it would have to read again); `offset` still counts.
   */
  after?: SearchPosition;
}

/** Where a row stands in newest-first order. */
export interface SearchPosition {
  year: number;
  reportId: number;
}

/**
 * Normalised queries that matched more than the ranking limit, remembered for `ttlMs`: matches of a
 * word that common do not fall below the limit in minutes, and the ranked statement that finds out
 * costs more than the newest-first page it leads to. Bounded; the oldest entry goes first.
 */
export class OverflowMemo {
  private readonly until = new Map<string, number>();
  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.until.delete(key);
    return false;
  }

  add(key: string): void {
    this.until.delete(key);
    if (this.until.size >= this.maxEntries) this.until.delete(this.until.keys().next().value!);
    this.until.set(key, this.now() + this.ttlMs);
  }
}

export interface SearchRow {
  reportId: number;
  year: number;
  inTitle: boolean;
  inAgencyName: boolean;
  occurrences: number;
  sectionId: number | null;
  score: number;
  /** About 160 characters of the best section around the first occurrence. */
  snippet: string | null;
}

export interface SearchPage {
  needle: string;
  rows: SearchRow[];
  /** Matching reports: exact when `totalIsExact`, else a lower bound. */
  total: number;
  totalIsExact: boolean;
  /** The order the rows are in: RELEVANCE falls back to NEWEST when matches are too many to rank. */
  order: SearchOrder;
}

const SCORE = `(case when in_title then 10 else 0 end) + (case when in_agency then 5 else 0 end) + ln(1 + occurrences)`;

interface Statement {
  sql: string;
  params: unknown[];
  needle: string;
}

function parseNeedle(query: string): string {
  const needle = normalizeSearchText(query);
  if (!needle) throw new RangeError('The search query is empty.');
  if ([...needle].length > MAX_QUERY_LENGTH) throw new RangeError(`The search query is longer than ${MAX_QUERY_LENGTH} characters.`);
  return needle;
}

/** SQL pieces that depend on the needle. Each returns its SQL with its parameters in order. */
function textMatchers(needle: string) {
  // Most queries are Chinese with no letter case: compare the raw text first, and normalise (NFKC,
  // regexp) only the texts where that fails — normalising costs more than the index lookup.
  const caseless = needle === needle.toUpperCase();
  const folded = (column: string) => (caseless ? column : `lower(${column})`);
  const contains = (column: string): [string, unknown[]] => [
    `(strpos(${folded(column)}, ?) > 0 or strpos(nianbao_search_text(${column}), ?) > 0)`,
    [needle, needle],
  ];
  const indexed = (column: string): [string, unknown[]] => {
    const [sql, params] = contains(column);
    return [`nianbao_bigrams(${column}) @@ ?::tsquery and ${sql}`, [bigramQuery(needle), ...params]];
  };
  // Occurrences in the raw text (at least 1: a match may only exist once whitespace is removed).
  const occurrences = (column: string): [string, unknown[]] => [
    `greatest(1, (char_length(${folded(column)}) - char_length(replace(${folded(column)}, ?, ''))) / char_length(?))`,
    [needle, needle],
  ];
  // The position is found in the normalised text, the snippet cut from the text as printed: each
  // character NFKC lengthens before the match (…… → ......) moves it. The window is widened by the
  // whole text's difference, the most it can move, and snippetAround() cuts it down again.
  const snippet = (column: string): [string, unknown[]] => {
    const drift = `abs(char_length(normalize(${column}, NFKC)) - char_length(${column}))`;
    return [
      `substr(${column}, greatest(1, strpos(lower(normalize(${column}, NFKC)), ?) - ${SNIPPET_BEFORE} - ${drift}), ${SNIPPET_LENGTH} + 2 * ${drift})`,
      [needle],
    ];
  };
  return { contains, indexed, occurrences, snippet };
}

const orderBy = (order: SearchOrder, alias: string) =>
  order === 'RELEVANCE' ? `${alias}.score desc, ${alias}.year desc, ${alias}.id desc` : `${alias}.year desc, ${alias}.id desc`;

/**
 * The ranked statement (exported so a test can EXPLAIN it): the page and the exact total, or —
 * when a field has more than `candidateLimit` matches — a single row with `overflow`.
 */
export function searchSql(request: SearchRequest): Statement {
  const needle = parseNeedle(request.query);
  const m = textMatchers(needle);
  const where = reportFilterSql(request.filter);
  const [bodyMatch, bodyMatchParams] = m.indexed('x.body');
  const [titleMatch, titleMatchParams] = m.indexed('r.title');
  const [nameMatch, nameMatchParams] = m.indexed('a.name');
  const [occurrences, occurrencesParams] = m.occurrences('x.body');
  const [snippet, snippetParams] = m.snippet('s.body');
  const cap = request.candidateLimit + 1;
  // Each field's matches are collected nationwide, at most `cap` of them, before the report filter:
  // a bitmap scan that stops at the cap costs the same whatever the planner guesses, where joining
  // the filter first let it hash every candidate of a common word (seconds). Occurrences are computed
  // in the scan, so the grouping sorts narrow rows, not bodies; bodies are read again only for snippets.
  const sql = `with body_hits as materialized (
      select x.report_id, x.id as section_id, x.number, ${occurrences} as occurrences from report_section x where ${bodyMatch} limit ?),
    title_hits as materialized (select r.id from report r where ${titleMatch} limit ?),
    name_hits as materialized (select a.id from agency a where ${nameMatch} limit ?),
    overflow as materialized (
      select (select count(*) from body_hits) >= ? or (select count(*) from title_hits) >= ? or (select count(*) from name_hits) >= ? as v),
    per as (
      select report_id as id, sum(occurrences)::int as occurrences, (array_agg(section_id order by occurrences desc, number))[1] as section_id
      from body_hits group by report_id),
    hits as (
      select u.id, bool_or(in_title) as in_title, bool_or(in_agency) as in_agency, max(occurrences) as occurrences, max(section_id) as section_id
      from (select id, false as in_title, false as in_agency, occurrences, section_id from per
            union all select id, true, false, 0, null from title_hits
            union all select r.id, false, true, 0, null from name_hits n join report r on r.agency_id = n.id) u
      join report r on r.id = u.id join agency a on a.id = r.agency_id
      where ${where.sql}
      group by u.id),
    page as (
      select p.*, row_number() over (order by ${orderBy(request.order, 'p')}) as position
      from (select h.*, ${SCORE} as score, r.year, count(*) over ()::int as total
        from hits h join report r on r.id = h.id where not (select v from overflow)) p
      order by ${orderBy(request.order, 'p')} limit ? offset ?)
    select page.id, page.year, page.in_title, page.in_agency, page.occurrences, page.section_id, page.score, page.total, false as overflow,
      ${snippet} as snippet, page.position
    from page left join report_section s on s.id = page.section_id
    union all
    select null, null, null, null, null, null, null, null, true, null, null where (select v from overflow)
    order by position`;
  const params = [
    ...occurrencesParams, ...bodyMatchParams, cap,
    ...titleMatchParams, cap,
    ...nameMatchParams, cap,
    cap, cap, cap,
    ...where.params,
    request.limit, request.offset,
    ...snippetParams,
  ];
  return { sql, params, needle };
}

/**
 * Newest first without ranking every match (exported so a test can EXPLAIN it): walks the filtered
 * reports by year and id, newest first (from `after` when given), checks each one's title, agency
 * name and sections, and stops when the page is full: it reads about (page size ÷ share of reports
 * that match) reports, plus the skipped ones when paging by offset alone.
 */
export function newestFirstSql(request: SearchRequest): Statement {
  const needle = parseNeedle(request.query);
  const m = textMatchers(needle);
  const where = reportFilterSql(request.filter);
  const [titleMatch, titleMatchParams] = m.contains('r.title');
  const [nameMatch, nameMatchParams] = m.contains('a.name');
  const [bodyMatch, bodyMatchParams] = m.contains('x.body');
  const [occurrences, occurrencesParams] = m.occurrences('x.body');
  const [snippet, snippetParams] = m.snippet('s.body');
  const sql = `select page.*, ${SCORE} as score, ${snippet} as snippet
    from (select r.id, r.year, ${titleMatch} as in_title, ${nameMatch} as in_agency,
          coalesce(b.occurrences, 0) as occurrences, b.section_id
        from report r join agency a on a.id = r.agency_id
        left join lateral (
          select sum(q.occurrences)::int as occurrences, (array_agg(q.id order by q.occurrences desc, q.number))[1] as section_id
          from (select x.id, x.number, ${occurrences} as occurrences from report_section x where x.report_id = r.id and ${bodyMatch}) q
        ) b on true
        where ${where.sql} and (b.section_id is not null or ${titleMatch} or ${nameMatch})${request.after ? ' and (r.year, r.id) < (?, ?)' : ''}
        order by r.year desc, r.id desc limit ? offset ?) page
      left join report_section s on s.id = page.section_id
    order by page.year desc, page.id desc`;
  const params = [
    ...snippetParams,
    ...titleMatchParams, ...nameMatchParams,
    ...occurrencesParams, ...bodyMatchParams,
    ...where.params, ...titleMatchParams, ...nameMatchParams,
    ...(request.after ? [request.after.year, request.after.reportId] : []),
    request.limit, request.after ? 0 : request.offset,
  ];
  return { sql, params, needle };
}

function toRow(r: Record<string, unknown>): SearchRow {
  return {
    reportId: Number(r.id),
    year: Number(r.year),
    inTitle: Boolean(r.in_title),
    inAgencyName: Boolean(r.in_agency),
    occurrences: Number(r.occurrences),
    sectionId: r.section_id === null ? null : Number(r.section_id),
    score: Number(r.score),
    snippet: (r.snippet as string | null) ?? null,
  };
}

/**
 * One statement when the matches can be ranked; two when there are too many and the page is read
 * newest first; one (the walk) for a word the memo knows to be that common.
 */
export async function searchReports(em: EntityManager, request: SearchRequest): Promise<SearchPage> {
  const connection = em.getConnection();
  const memoKey = `${request.candidateLimit}:${parseNeedle(request.query)}`;
  if (!request.memo?.has(memoKey)) {
    const ranked = searchSql(request);
    const rows = await connection.execute<Record<string, unknown>[]>(ranked.sql, ranked.params);
    if (!rows.some((r) => r.overflow === true)) {
      return { needle: ranked.needle, total: rows.length ? Number(rows[0].total) : 0, totalIsExact: true, order: request.order, rows: rows.map(toRow) };
    }
    request.memo?.add(memoKey);
  }
  const newest = newestFirstSql(request);
  const page = await connection.execute<Record<string, unknown>[]>(newest.sql, newest.params);
  // Everything up to the end of this page is counted; a short page means the walk reached the end of
  // the filtered reports, so the count is exact (unless the page is empty past the end).
  const reachedEnd = page.length < request.limit && (page.length > 0 || request.offset === 0);
  return { needle: newest.needle, total: request.offset + page.length, totalIsExact: reachedEnd, order: 'NEWEST', rows: page.map(toRow) };
}
