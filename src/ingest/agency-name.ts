/**
 * Agency names as reports print them vary between years and pages: a bracketed alias
 * (`平潭综合实验区管委会（平潭县人民政府）`, `上海市科学技术委员会（市科委）`), spaces, full-width forms, a full or
 * short province/city prefix, 人民政府 or 政府, an OCR slip. These pure functions fold such variants to
 * keys that compare equal, and read the administrative region a name states. The store decides
 * identity with them (src/store/agencies); nothing here knows the database.
 */

/** Bracketed parts, after NFKC (（） has become ()). */
const BRACKETED = /[(\[【〔]([^()[\]【】〔〕]*)[)\]】〕]/gu;
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

export interface AgencyNameParts {
  /** The name without its bracketed parts. */
  main: string;
  /** What the brackets held, each a name the agency is also known by. */
  aliases: string[];
}

/** The comparison form of a name: NFKC, no brackets, spaces or punctuation, 人民政府 as 政府. */
export function foldAgencyName(name: string): string {
  return name.normalize('NFKC').replace(BRACKETED, '').replace(SEPARATORS, '').replace(/人民政府/gu, '政府');
}

export function splitAgencyName(name: string): AgencyNameParts {
  const text = name.normalize('NFKC');
  const aliases = [...text.matchAll(BRACKETED)].map((m) => m[1].trim()).filter((alias) => [...foldAgencyName(alias)].length >= 2);
  return { main: text.replace(BRACKETED, '').replace(/\s+/gu, ' ').trim(), aliases };
}

/** Every name a printed name stands for: its main part and its bracketed aliases. */
export const agencyNameVariants = (name: string): string[] => {
  const { main, aliases } = splitAgencyName(name);
  return [main, ...aliases].filter((n) => foldAgencyName(n).length > 0);
};

const REGION_SUFFIX = /^(.{2,}?)(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|旗|盟)$/u;

/** 山东省 → 山东, 枣庄市 → 枣庄, 平潭县 → 平潭; a name with no such suffix stays as it is. */
export function shortRegionName(name: string): string {
  return REGION_SUFFIX.exec(name)?.[1] ?? name;
}

/**
 * A folded name without the region names it starts with (`regionNames`: the agency's region and its
 * ancestors, full or short), nor the 市/区/县 that stands for "this region" (市科委 → 科委): within one
 * region, 枣庄市山亭区人民政府, 山亭区政府 and 人民政府 are one name.
 */
export function stripRegionPrefix(folded: string, regionNames: readonly string[]): string {
  const prefixes = [...new Set(regionNames.flatMap((n) => [foldAgencyName(n), foldAgencyName(shortRegionName(n))]))]
    .filter((p) => p.length >= 2)
    .sort((a, b) => b.length - a.length);
  let rest = folded;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const prefix of prefixes) {
      if (rest.startsWith(prefix) && rest.length > prefix.length) {
        rest = rest.slice(prefix.length);
        stripped = true;
        break;
      }
    }
  }
  return /^[省市区县州]../u.test(rest) ? rest.slice(1) : rest;
}

/** Whether two region-stripped keys name one agency for sure, plausibly, or not at all. */
export type NameLikeness = 'SAME' | 'SIMILAR' | null;

const OFFICE = /^(.*)(办公室|办公厅)$/u;

export function compareAgencyKeys(a: string, b: string): NameLikeness {
  if (a === b) return 'SAME';
  if (!a || !b) return null;
  // A government and its general office publish one report under either name.
  if (OFFICE.exec(a)?.[1] === b || OFFICE.exec(b)?.[1] === a) return 'SIMILAR';
  // One character wrong, missing or extra (OCR, 和 dropped): only in names long enough not to collide.
  if (Math.min([...a].length, [...b].length) >= 4 && withinOneEdit([...a], [...b])) return 'SIMILAR';
  return null;
}

/** Numbers tell agencies apart (第一/第二, 1/10): a slip never changes one. */
const NUMERAL = /[0-9〇零一二三四五六七八九十百]/u;

function withinOneEdit(a: string[], b: string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const [x, y] = [a.slice(i, a.length - j), b.slice(i, b.length - j)];
  return x.length <= 1 && y.length <= 1 && ![...x, ...y].some((c) => NUMERAL.test(c));
}

export interface RegionEntry {
  code: string;
  name: string;
  parentCode: string | null;
}

/** The region tree indexed for reading names: by name, and the provinces by their short names too. */
export interface RegionNameIndex {
  byCode: Map<string, RegionEntry>;
  byName: Map<string, RegionEntry[]>;
  longest: number;
}

export function indexRegionNames(regions: readonly RegionEntry[]): RegionNameIndex {
  const byName = new Map<string, RegionEntry[]>();
  const add = (name: string, entry: RegionEntry) => {
    const list = byName.get(name);
    if (list) list.push(entry);
    else byName.set(name, [entry]);
  };
  for (const region of regions) {
    add(region.name, region);
    // 山东枣庄… is common; 平潭… or 朝阳… alone could be anything, so only provinces are read short.
    if (region.parentCode === null && shortRegionName(region.name) !== region.name) add(shortRegionName(region.name), region);
  }
  return { byCode: new Map(regions.map((r) => [r.code, r])), byName, longest: Math.max(0, ...[...byName.keys()].map((n) => n.length)) };
}

/** The names of a region and its ancestors, province first. */
export function regionChainNames(code: string, index: RegionNameIndex): string[] {
  const names: string[] = [];
  for (let region = index.byCode.get(code); region; region = region.parentCode ? index.byCode.get(region.parentCode) : undefined) names.unshift(region.name);
  return names;
}

export type RegionReading = { code: string } | { ambiguous: string[] } | null;

/**
 * The region a name states at its start (`枣庄市山亭区人民政府` → 370406, `山东省…`, `上海市科委` → 310000):
 * the longest chain of region names, each the child of the one before. Several chains as long as
 * each other (`鼓楼区人民政府`: four 鼓楼区) are ambiguous; a name that starts with no region gives null.
 */
export function regionFromName(name: string, index: RegionNameIndex): RegionReading {
  const text = name.normalize('NFKC').replace(SEPARATORS, '');
  let best = 0;
  let ends = new Set<string>();
  const walk = (offset: number, parent: string | null) => {
    let extended = false;
    for (let length = 2; length <= index.longest && offset + length <= text.length; length++) {
      for (const entry of index.byName.get(text.slice(offset, offset + length)) ?? []) {
        if (parent !== null && !isDescendant(entry, parent, index)) continue;
        extended = true;
        walk(offset + length, entry.code);
      }
    }
    if (!extended && parent !== null) {
      if (offset > best) [best, ends] = [offset, new Set([parent])];
      else if (offset === best) ends.add(parent);
    }
  };
  walk(0, null);
  if (!ends.size) return null;
  return ends.size === 1 ? { code: [...ends][0] } : { ambiguous: [...ends].sort() };
}

/** A child, or a grandchild (a prefecture's county under its province: 山东省山亭区 is rare but clear). */
function isDescendant(entry: RegionEntry, ancestor: string, index: RegionNameIndex): boolean {
  for (let code = entry.parentCode; code; code = index.byCode.get(code)?.parentCode ?? null) if (code === ancestor) return true;
  return false;
}
