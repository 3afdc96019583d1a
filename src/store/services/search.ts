/**
 * Chinese full-text search over report titles, agency names and section bodies. Chinese has no
 * spaces, so text is indexed as overlapping character bigrams (nianbao_bigrams, GIN): a query of n
 * characters is the AND of its n−1 bigrams — one character is a prefix match on the bigrams that
 * start with it — and every candidate is rechecked with strpos for the exact phrase. Normalisation
 * (NFKC, whitespace removed, lower case) is the same here as in SQL's nianbao_search_text.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { reportFilterSql } from './report-filter-sql.js';
import type { ReportFilter } from './report-queries.js';

export const MAX_QUERY_LENGTH = 64;

export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** A tsquery literal: every lexeme quoted, so user input can never be read as tsquery syntax. */
export function bigramQuery(needle: string): string {
  const chars = [...needle];
  const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (chars.length === 1) return `${quote(chars[0])}:*`;
  const grams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams].map(quote).join(' & ');
}

export interface SearchRequest {
  query: string;
  filter: ReportFilter;
  offset: number;
  limit: number;
}

export interface SearchRow {
  reportId: number;
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
  total: number;
}

const SNIPPET_BEFORE = 40;
const SNIPPET_LENGTH = 160;

/** The search statement (exported so a test can EXPLAIN it). */
export function searchSql(request: SearchRequest): { sql: string; params: unknown[]; needle: string } {
  const needle = normalizeSearchText(request.query);
  if (!needle) throw new RangeError('The search query is empty.');
  if ([...needle].length > MAX_QUERY_LENGTH) throw new RangeError(`The search query is longer than ${MAX_QUERY_LENGTH} characters.`);
  const tsq = bigramQuery(needle);
  const caseless = needle === needle.toUpperCase();
  // The recheck tries the raw text first: normalising every candidate (NFKC, regexp) costs more
  // than the index lookup when a common word matches thousands of sections.
  const match = (column: string) =>
    `nianbao_bigrams(${column}) @@ ?::tsquery and (strpos(${caseless ? column : `lower(${column})`}, ?) > 0 or strpos(nianbao_search_text(${column}), ?) > 0)`;
  const where = reportFilterSql(request.filter);
  // The report filter goes into every branch, so a province's search ranks only that province's
  // hits; section bodies are read again only for the page's snippets (they are wide to sort).
  const scope = 'join report r on r.id = x.report_id join agency a on a.id = r.agency_id';
  // Most queries are Chinese with no letter case: count occurrences in the body as it is.
  const body = caseless ? 'x.body' : 'lower(x.body)';
  // MATERIALIZED: occurrences are computed in the scan, so the grouping sorts narrow rows, not bodies.
  const sql = `with sec as materialized (
      select x.report_id, x.id as section_id, x.number,
        -- occurrences in the raw text (at least 1: a match may only exist once whitespace is removed)
        greatest(1, (char_length(${body}) - char_length(replace(${body}, ?, ''))) / char_length(?)) as occurrences
      from report_section x ${scope} where ${match('x.body')} and ${where.sql}),
    per as (
      select report_id as id, sum(occurrences)::int as occurrences, (array_agg(section_id order by occurrences desc, number))[1] as section_id
      from sec group by report_id),
    tit as (select r.id from report r join agency a on a.id = r.agency_id where ${match('r.title')} and ${where.sql}),
    ag as (select r.id from agency a join report r on r.agency_id = a.id where ${match('a.name')} and ${where.sql}),
    hits as (
      select id, bool_or(in_title) as in_title, bool_or(in_agency) as in_agency, max(occurrences) as occurrences, max(section_id) as section_id
      from (select id, false as in_title, false as in_agency, occurrences, section_id from per
            union all select id, true, false, 0, null from tit
            union all select id, false, true, 0, null from ag) u
      group by id)
    select page.id, page.in_title, page.in_agency, page.occurrences, page.section_id, page.score, page.total,
      substr(s.body, greatest(1, strpos(lower(normalize(s.body, NFKC)), ?) - ${SNIPPET_BEFORE}), ${SNIPPET_LENGTH}) as snippet
    from (select h.*, (case when in_title then 10 else 0 end) + (case when in_agency then 5 else 0 end) + ln(1 + occurrences) as score,
        r.year, count(*) over ()::int as total
      from hits h join report r on r.id = h.id order by score desc, r.year desc, h.id desc limit ? offset ?) page
      left join report_section s on s.id = page.section_id
    order by page.score desc, page.year desc, page.id desc`;
  const params = [
    needle, needle, tsq, needle, needle, ...where.params,
    tsq, needle, needle, ...where.params,
    tsq, needle, needle, ...where.params,
    needle, request.limit, request.offset,
  ];
  return { sql, params, needle };
}

export async function searchReports(em: EntityManager, request: SearchRequest): Promise<SearchPage> {
  const { sql, params, needle } = searchSql(request);
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(sql, params);
  return {
    needle,
    total: rows.length ? Number(rows[0].total) : 0,
    rows: rows.map((r) => ({
      reportId: Number(r.id),
      inTitle: Boolean(r.in_title),
      inAgencyName: Boolean(r.in_agency),
      occurrences: Number(r.occurrences),
      sectionId: r.section_id === null ? null : Number(r.section_id),
      score: Number(r.score),
      snippet: (r.snippet as string | null) ?? null,
    })),
  };
}

export interface Highlighted {
  text: string;
  /** Matches as [start, length] in UTF-16 code units of `text`. */
  ranges: [number, number][];
}

/** Finds the normalised needle in raw text (whitespace, width and case ignored), as ranges of the raw text. */
export function highlight(text: string, needle: string): Highlighted {
  let normalized = '';
  const origin: number[] = []; // normalized code unit → raw start index
  const ends: number[] = []; // normalized code unit → raw end index
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const raw = String.fromCodePoint(cp);
    const norm = normalizeSearchText(raw);
    for (let k = 0; k < norm.length; k++) {
      origin.push(i);
      ends.push(i + raw.length);
    }
    normalized += norm;
    i += raw.length;
  }
  const ranges: [number, number][] = [];
  for (let at = normalized.indexOf(needle); at >= 0 && needle; at = normalized.indexOf(needle, at + needle.length)) {
    const start = origin[at];
    ranges.push([start, ends[at + needle.length - 1] - start]);
  }
  return { text, ranges };
}
