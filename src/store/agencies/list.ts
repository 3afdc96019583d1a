/** Reading agencies with the names they are known by: the agencies list and Agency.aliases. */
import { foldAgencyName } from '../../ingest/agency-name.js';
import type { ReportStatus } from '../entities/index.js';
import { statement, type ReadPool } from '../read-pool.js';
import { AGENCY_JSON } from '../reports/sql.js';
import type { AgencyView } from '../reports/views.js';
import { bigramQuery, MAX_QUERY_LENGTH, normalizeSearchText } from '../services/search-text.js';

export interface AgencyListRequest {
  /** Part of any of the agency's names. */
  search?: string | null;
  /** A GB/T 2260 code or prefix (35, 3501, 350128, 350000): agencies of that region and below. */
  regionCode?: string | null;
  limit: number;
  /** Only agencies with a report of these statuses (absent: every agency). */
  statuses?: ReportStatus[];
}

/** `350000` → `35`, `350100` → `3501`, `3501` → `3501`. */
export const regionPrefix = (code: string) => (code.length === 6 ? code.replace(/(00)+$/, '') : code);

export async function listAgencies(pool: ReadPool, request: AgencyListRequest): Promise<AgencyView[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (request.regionCode) conditions.push(`a.region_code like ${param(`${regionPrefix(request.regionCode)}%`)}`);
  if (request.search) {
    const needle = normalizeSearchText(request.search);
    if (!needle) throw new RangeError('The search text is empty.');
    if ([...needle].length > MAX_QUERY_LENGTH) throw new RangeError(`The search text is longer than ${MAX_QUERY_LENGTH} characters.`);
    const [query, text] = [param(bigramQuery(needle)), param(needle)];
    const matches = (column: string) => `nianbao_bigrams(${column}) @@ ${query}::tsquery and strpos(nianbao_search_text(${column}), ${text}) > 0`;
    conditions.push(`((${matches('a.name')}) or exists (select 1 from agency_alias al where al.agency_id = a.id and ${matches('al.name')}))`);
  }
  if (request.statuses) conditions.push(`exists (select 1 from report r where r.agency_id = a.id and r.status = any(${param(request.statuses)}))`);
  const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const rows = await pool.rows<{ v: AgencyView }>(statement(`select ${AGENCY_JSON} as v from agency a ${where} order by a.region_code nulls last, a.id limit ${param(request.limit)}`), values);
  return rows.map((row) => row.v);
}

/** Each agency's other names (not its own name's main part), oldest first: one statement for any number. */
export async function aliasesOf(pool: ReadPool, ids: readonly number[]): Promise<Map<number, string[]>> {
  const rows = await pool.rows<{ agencyId: number; agencyName: string; name: string }>(
    statement(`select al.agency_id as "agencyId", a.name as "agencyName", al.name from agency_alias al join agency a on a.id = al.agency_id
      where al.agency_id = any($1::int[]) order by al.agency_id, al.id`, 'generic'),
    [ids],
  );
  const groups = new Map<number, string[]>(ids.map((id) => [id, []]));
  for (const row of rows) if (foldAgencyName(row.name) !== foldAgencyName(row.agencyName)) groups.get(row.agencyId)?.push(row.name);
  return groups;
}
