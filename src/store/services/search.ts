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
  // The recheck tries the raw text first: normalising every candidate (NFKC, regexp) costs more
  // than the index lookup when a common word matches thousands of sections.
  const match = (column: string) =>
    `nianbao_bigrams(${column}) @@ ?::tsquery and (strpos(lower(${column}), ?) > 0 or strpos(nianbao_search_text(${column}), ?) > 0)`;
  const where = reportFilterSql(request.filter);
  const sql = `with sec as (
      select s.report_id, s.id as section_id, s.number, s.body,
        -- occurrences in the raw text (at least 1: a match may only exist once whitespace is removed)
        greatest(1, (char_length(lower(s.body)) - char_length(replace(lower(s.body), ?, ''))) / char_length(?)) as occurrences
      from report_section s where ${match('s.body')}),
    best as (
      select distinct on (report_id) report_id, section_id, body, sum(occurrences) over (partition by report_id) as occurrences
      from sec order by report_id, occurrences desc, number),
    tit as (select r.id from report r where ${match('r.title')}),
    ag as (select a.id from agency a where ${match('a.name')}),
    ids as (select report_id as id from best union select id from tit union select r.id from report r join ag on ag.id = r.agency_id),
    hits as (
      select r.id, r.year, tit.id is not null as in_title, ag.id is not null as in_agency, coalesce(best.occurrences, 0)::int as occurrences,
        best.section_id, best.body
      from ids join report r on r.id = ids.id join agency a on a.id = r.agency_id
        left join best on best.report_id = r.id left join tit on tit.id = r.id left join ag on ag.id = a.id
      where ${where.sql})
    -- snippets only for the page: the sort and the total need every hit, the snippet only twenty
    select id, in_title, in_agency, occurrences, section_id, score, total,
      substr(body, greatest(1, strpos(lower(normalize(body, NFKC)), ?) - ${SNIPPET_BEFORE}), ${SNIPPET_LENGTH}) as snippet
    from (select *, (case when in_title then 10 else 0 end) + (case when in_agency then 5 else 0 end) + ln(1 + occurrences) as score,
        count(*) over ()::int as total
      from hits order by score desc, year desc, id desc limit ? offset ?) page
    order by score desc, year desc, id desc`;
  const params = [needle, needle, tsq, needle, needle, tsq, needle, needle, tsq, needle, needle, ...where.params, needle, request.limit, request.offset];
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
