/** One printed cell to a number in its column's unit, or null with a finding that keeps the raw text. */
import { MONEY_MEASURES, SIGNED_MEASURES, codedFinding, type Finding, type UnreadableReason } from '../format/index.js';
import { UNPLACED, type Token } from './cells.js';
import type { ItemSpec, LabelVariant } from './labels.js';
import type { FoldedText } from './normalize.js';

const UNIT_FACTOR: Record<string, Record<string, number>> = { 万元: { 元: 1 / 10000, 万元: 1 } };

export function tokenValue(t: Token | undefined, path: string, unit: string | null, measure: string | null, findings: Finding[]): number | null {
  if (!t || t.kind === 'blank') return null;
  const counted = !measure || (!MONEY_MEASURES.has(measure) && !SIGNED_MEASURES.has(measure));
  if (t.kind === 'num') {
    const v = Number(t.raw);
    if (counted && !Number.isInteger(v)) return unreadable(path, t.raw, 'COUNT_WITH_DECIMALS', findings);
    return v;
  }
  if (t.raw.startsWith(UNPLACED)) return unreadable(path, t.raw.slice(UNPLACED.length), 'COLUMN_UNKNOWN', findings);
  const m = /^(增|减)?([+-]?)(\d+(?:\.\d+)?)(万元|元|件|条|个|项|%)?$/.exec(t.raw);
  if (!m) return unreadable(path, t.raw, /\d/.test(t.raw) ? 'MALFORMED_NUMBER' : 'NOT_APPLICABLE_MARKER', findings, /\d/.test(t.raw) ? 'WARNING' : 'INFO');
  const [, word, sign, digits, suffix] = m;
  const negative = word === '减' || sign === '-';
  if (negative && !(measure && SIGNED_MEASURES.has(measure))) return unreadable(path, t.raw, 'NEGATIVE_COUNT', findings);
  let v = Number(digits) * (negative ? -1 : 1);
  if (suffix === '元' || suffix === '万元') {
    const factor = unit ? UNIT_FACTOR[unit]?.[suffix] : undefined;
    if (factor === undefined) return unreadable(path, t.raw, 'UNIT_UNKNOWN', findings, 'INFO', suffix);
    v = Math.round(v * factor * 1e6) / 1e6;
  }
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
  pool.sort((a, b) => Math.max(...lens(a)) - Math.max(...lens(b)) || compareDesc(lens(a), lens(b)));
  const chosen = pool[0];
  const basis = bestEv > 0 ? 'NARRATIVE' : 'PLAUSIBILITY';
  findings.push(codedFinding('SPLIT', 'WARNING', { code: 'DISCLOSURE_GLUED_CHOSEN', params: { item: spec.code, count: cands.length, candidates, chosen: chosen.join('|'), basis } }, paths));
  return chosen;
}

function compareDesc(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}
