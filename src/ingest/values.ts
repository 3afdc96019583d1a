/** One printed cell to a number in its column's unit, or null with a finding that keeps the raw text. */
import { AMOUNT_DECIMALS, MAX_AMOUNT, MAX_COUNT, MONEY_MEASURES, SIGNED_MEASURES, codedFinding, type Finding, type UnreadableReason } from '../format/index.js';
import { UNPLACED, type Token } from './cells.js';
import type { ItemSpec, LabelVariant } from './labels.js';
import type { FoldedText } from './normalize.js';

/** The units a printed number may carry ("4068.2万元", "12件"). */
export const UNITS = '万元|元|件|条|个|项|%';
const PRINTED_VALUE = new RegExp(`^(增|减)?([+-]?)(\\d+(?:\\.\\d+)?)(${UNITS})?$`);

/** Places the decimal point moves left to turn a printed unit into the column's (元 → 万元: 4). */
const UNIT_SHIFT: Record<string, Record<string, number>> = { 万元: { 元: 4, 万元: 0 } };

export function tokenValue(t: Token | undefined, path: string, unit: string | null, measure: string | null, findings: Finding[]): number | null {
  if (!t || t.kind === 'blank') return null;
  const money = !!measure && MONEY_MEASURES.has(measure);
  const counted = !measure || (!money && !SIGNED_MEASURES.has(measure));
  if (t.kind === 'num') {
    if (money) return amount(t.raw, 0, path, findings);
    const v = Number(t.raw);
    if (counted && !Number.isInteger(v)) return unreadable(path, t.raw, 'COUNT_WITH_DECIMALS', findings);
    return v > MAX_COUNT ? unreadable(path, t.raw, 'NUMBER_TOO_LARGE', findings) : v;
  }
  if (t.raw.startsWith(UNPLACED)) return unreadable(path, t.raw.slice(UNPLACED.length), 'COLUMN_UNKNOWN', findings);
  const m = PRINTED_VALUE.exec(t.raw);
  if (!m) return unreadable(path, t.raw, /\d/.test(t.raw) ? 'MALFORMED_NUMBER' : 'NOT_APPLICABLE_MARKER', findings, /\d/.test(t.raw) ? 'WARNING' : 'INFO');
  const [, word, sign, digits, suffix] = m;
  const negative = word === '减' || sign === '-';
  if (negative && !(measure && SIGNED_MEASURES.has(measure))) return unreadable(path, t.raw, 'NEGATIVE_COUNT', findings);
  if (suffix === '元' || suffix === '万元') {
    const shift = unit ? UNIT_SHIFT[unit]?.[suffix] : undefined;
    if (shift === undefined) return unreadable(path, t.raw, 'UNIT_UNKNOWN', findings, 'INFO', suffix);
    const v = amount(digits, shift, path, findings, t.raw);
    return v === null ? null : v * (negative ? -1 : 1);
  }
  const v = Number(digits);
  if (v > MAX_COUNT) return unreadable(path, t.raw, 'NUMBER_TOO_LARGE', findings);
  return v * (negative ? -1 : 1);
}

/**
 * A printed amount in the column's unit, exactly: the decimal point moved (never a multiplication,
 * which rounds), and refused with a finding when the number cannot hold every printed digit or the
 * table cannot store it.
 */
function amount(digits: string, shift: number, path: string, findings: Finding[], raw = digits): number | null {
  const [whole, fraction = ''] = digits.split('.');
  const all = '0'.repeat(Math.max(0, shift - whole.length)) + whole + fraction;
  const point = all.length - fraction.length - shift;
  const decimal = `${all.slice(0, point).replace(/^0+(?=\d)/, '') || '0'}.${all.slice(point)}`.replace(/\.?0*$/, '');
  const v = Number(decimal);
  if (v >= MAX_AMOUNT) return unreadable(path, raw, 'NUMBER_TOO_LARGE', findings);
  const decimals = decimal.split('.')[1]?.length ?? 0;
  if (decimals > AMOUNT_DECIMALS || String(v) !== decimal) return unreadable(path, raw, 'BEYOND_PRECISION', findings);
  return v;
}

function unreadable(path: string, raw: string, reason: UnreadableReason, findings: Finding[], severity: 'WARNING' | 'INFO' = 'WARNING', unit?: string): null {
  findings.push(codedFinding('PARSE', severity, { code: 'CELL_UNREADABLE', params: { cell: path, printed: raw, reason, ...(unit ? { unit } : {}) } }, [path]));
  return null;
}

/** Numbers the narrative quotes right after an item's name ("制发行政规范性文件62件"). */
export function narrativeEvidence(ft: FoldedText, items: LabelVariant[], before: number): Map<string, Set<number>> {
  const text = ft.folded.slice(0, Math.max(0, before));
  const out = new Map<string, Set<number>>();
  for (const v of items) {
    const re = new RegExp(`${v.folded.replace(/[()[\]\\.*+?^$|{}]/g, '\\$&')}(\\d+)`, 'g');
    for (const m of text.matchAll(re)) {
      if (!out.has(v.code)) out.set(v.code, new Set());
      out.get(v.code)!.add(Number(m[1]));
    }
  }
  return out;
}

/**
 * Table 二 has no printed sums, so glued digits there are ranked by: numbers the narrative quotes,
 * then the measures' own relation (现行有效 ≥ 本年制发), then even digit lengths. A row with a signed
 * or money column has no such prior: it stays blank with a finding instead of a guess.
 */
export function decideItem(spec: ItemSpec, cands: number[][], evidence: Set<number> | undefined, paths: string[], findings: Finding[]): number[] | null {
  if (cands.length === 1) return cands[0];
  const candidates = cands.map((c) => c.join('|')).slice(0, 6);
  if (cands.length === 0) {
    findings.push(codedFinding('PARSE', 'WARNING', { code: 'DISCLOSURE_GLUED_UNSPLITTABLE', params: { item: spec.code, columns: spec.measures.length } }, paths));
    return null;
  }
  const ev = (c: number[]) => c.filter((v) => v >= 10 && evidence?.has(v)).length;
  const implausible = (c: number[]) => {
    const at = (m: string) => c[spec.measures.indexOf(m)];
    if (spec.relation === 'inForce') return at('IN_FORCE') < at('ISSUED') ? 1 : 0;
    if (spec.relation === 'total') return at('TOTAL_PUBLISHED') < at('NEWLY_PUBLISHED') ? 1 : 0;
    return 0;
  };
  const bestEv = Math.max(...cands.map(ev));
  let pool = cands.filter((c) => ev(c) === bestEv);
  const bestPl = Math.min(...pool.map(implausible));
  pool = pool.filter((c) => implausible(c) === bestPl);
  const plainCounts = spec.measures.every((m) => !MONEY_MEASURES.has(m) && !SIGNED_MEASURES.has(m));
  if (pool.length > 1 && !plainCounts) {
    findings.push(codedFinding('SPLIT', 'WARNING', { code: 'DISCLOSURE_GLUED_UNDECIDED', params: { item: spec.code, digits: cands[0].join(''), count: cands.length, candidates } }, paths));
    return null;
  }
  const lens = (c: number[]) => c.map((v) => String(v).length);
  // 2019 tables: what an organ made in the year it mostly published in the year ("7777166" is 77|77|166, not 777|7|166)
  const unequal = (c: number[]) => (spec.relation === 'total' && c[spec.measures.indexOf('NEWLY_MADE')] !== c[spec.measures.indexOf('NEWLY_PUBLISHED')] ? 1 : 0);
  pool.sort((a, b) => unequal(a) - unequal(b) || Math.max(...lens(a)) - Math.max(...lens(b)) || compareDesc(lens(a), lens(b)));
  const chosen = pool[0];
  const basis = bestEv > 0 ? 'NARRATIVE' : 'PLAUSIBILITY';
  findings.push(codedFinding('SPLIT', 'WARNING', { code: 'DISCLOSURE_GLUED_CHOSEN', params: { item: spec.code, count: cands.length, candidates, chosen: chosen.join('|'), basis } }, paths));
  return chosen;
}

function compareDesc(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}
