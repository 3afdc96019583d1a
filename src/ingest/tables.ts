/**
 * The three format tables: find the catalog labels in the folded text, read the values after each,
 * place detached value rows by catalog order, and cut glued digits where R1–R4 decide.
 */
import { cellPath, codedFinding, consistencyEquations, type Finding, type FormatVersion, type Table } from '../format/index.js';
import { classifyCell, isGlued, quoted, readRegion, type Token } from './cells.js';
import { solve, splitCandidates, type Slot } from './glued.js';
import { ARTICLE_ANCHOR, R1_NOTE, REVIEW_ANCHOR, labelsFor, type LabelVariant } from './labels.js';
import { fold, fromCodes, indexesOf, type FoldedText, lowerBound } from './normalize.js';
import { decideItem, narrativeEvidence, tokenValue } from './values.js';
import { readLabelledReviews, readReviewTokens, reassembleReviews } from './reviews.js';
import { formatSpec } from '../format/catalog.js';
import { cellRowCounter, printsEmptyCells, rowEnd } from './empty-rows.js';
import { placeRows, valuesBeforeLabels } from './app-rows.js';

interface Hit {
  code: string;
  start: number;
  end: number;
  /** found by the start of its label only (truncatedHits) */
  truncated?: boolean;
}

export function findHits(ft: FoldedText, variants: LabelVariant[], from: number, to: number): Hit[] {
  const all: (Hit & { len: number })[] = [];
  const found = new Set<LabelVariant>();
  for (const v of variants) {
    for (const i of indexesOf(ft.folded, v.folded, from, to)) all.push({ code: v.code, start: i, end: i + v.folded.length, len: v.folded.length });
    if (all.length && all[all.length - 1].code === v.code && all[all.length - 1].len === v.folded.length) found.add(v);
  }
  // A label wrapped around its values (PDF layouts: "（二）部分公开（区分处理的，  0 0 0…\n只计这一情形…）"):
  // found in the text without digits; its values are read from the first digit inside it.
  const dl = digitless(ft);
  const dFrom = lowerBound(dl.map, from);
  const dTo = lowerBound(dl.map, to);
  for (const v of variants) {
    // A label printed whole somewhere is not looked for again around values.
    if (found.has(v)) continue;
    for (const i of indexesOf(dl.text, v.folded, dFrom, dTo)) {
      const start = dl.map[i];
      const last = dl.map[i + v.folded.length - 1];
      if (last - start + 1 === v.folded.length) continue; // not interrupted: found above
      let firstDigit = start;
      while (firstDigit <= last && !/[0-9]/.test(ft.folded[firstDigit])) firstDigit++;
      all.push({ code: v.code, start, end: firstDigit, len: v.folded.length });
    }
  }
  all.push(...truncatedHits(ft, variants, new Set(all.map((h) => h.code)), from, to));
  all.sort((a, b) => b.len - a.len || b.end - a.end || a.start - b.start);
  const taken: (Hit & { len: number })[] = [];
  const used = new Uint8Array(Math.max(0, to - from) + 1);
  for (const h of all) {
    const he = Math.min(to, Math.max(h.end, h.start + 1));
    let free = true;
    for (let i = h.start; i < he && free; i++) if (used[i - from]) free = false;
    if (!free) continue;
    used.fill(1, h.start - from, he - from);
    taken.push(h);
  }
  taken.sort((a, b) => a.start - b.start);
  // a weaker match only where the table's order puts it: between the rows before and after it in the catalog
  const order = new Map<string, number>();
  variants.forEach((v, i) => order.has(v.code) || order.set(v.code, i));
  const inPlace = (i: number) => {
    const at = order.get(taken[i].code)!;
    const before = taken.slice(0, i).reverse().find((h) => !h.truncated);
    const after = taken.slice(i + 1).find((h) => !h.truncated);
    return (!before || order.get(before.code)! < at) && (!after || order.get(after.code)! > at);
  };
  return taken.filter((h, i) => !h.truncated || inPlace(i)).map(({ code, start, end, truncated }) => (truncated ? { code, start, end, truncated } : { code, start, end }));
}

/** How much of a label a truncated one must keep (pdftotext may set a wrapped label's last line apart, in another column). */
const TRUNCATED_SHARE = 0.6;

/**
 * A label whose tail went elsewhere ("3.危及“三安全一稳" with "定”" set in the group label's column):
 * found by a prefix no other row's label shares, when its values follow right where the kept part ends.
 * Only for rows not found whole, so a label printed in full always wins.
 */
function truncatedHits(ft: FoldedText, variants: LabelVariant[], foundCodes: Set<string>, from: number, to: number): (Hit & { len: number })[] {
  const out: (Hit & { len: number })[] = [];
  const f = ft.folded;
  for (const v of variants) {
    if (foundCodes.has(v.code)) continue;
    const need = Math.max(4, Math.ceil(TRUNCATED_SHARE * v.folded.length));
    const stem = v.folded.slice(0, need);
    if (stem.length < need || variants.some((o) => o.code !== v.code && o.folded.startsWith(stem))) continue;
    for (const i of indexesOf(f, stem, from, to)) {
      let end = i + need;
      while (end < to && end - i < v.folded.length && f[end] === v.folded[end - i]) end++;
      if (end - i < v.folded.length && end < to && f.charCodeAt(end) >= 48 && f.charCodeAt(end) <= 57) out.push({ code: v.code, start: i, end, len: end - i, truncated: true });
    }
  }
  return out;
}

const DIGITLESS = new WeakMap<FoldedText, { text: string; map: Int32Array }>();

/** An INFO finding for each row found by the start of its label only. */
function reportTruncated(ft: FoldedText, hits: Hit[], table: string, findings: Finding[]): void {
  for (const h of hits)
    if (h.truncated) findings.push(codedFinding('PARSE', 'INFO', { code: 'LABEL_TRUNCATED', params: { table, row: h.code, printed: ft.text.slice(ft.map[h.start], ft.map[h.end - 1] + 1).trim() } }, []));
}

/** The folded text without digits (and the dot after a digit), with a map back to folded indexes. */
function digitless(ft: FoldedText): { text: string; map: Int32Array } {
  let d = DIGITLESS.get(ft);
  if (!d) {
    const f = ft.folded;
    const out = new Uint16Array(f.length);
    const map = new Int32Array(f.length + 1);
    let n = 0;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if ((c >= 48 && c <= 57) || (c === 46 && i > 0 && f.charCodeAt(i - 1) >= 48 && f.charCodeAt(i - 1) <= 57)) continue;
      out[n] = c;
      map[n++] = i;
    }
    map[n] = f.length;
    d = { text: fromCodes(out, n), map: map.subarray(0, n + 1) };
    DIGITLESS.set(ft, d);
  }
  return d;
}

function regionText(ft: FoldedText, from: number, to: number): string {
  const a = ft.map[from - 1] + 1;
  const b = to < ft.map.length ? ft.map[to] : ft.text.length;
  return ft.text.slice(a, Math.max(a, b)).replace(/^["'“”‘’」』)]+/, '');
}

export interface Bounds {
  t2: number;
  t3: number;
  t4: number;
}

export function tableBounds(ft: FoldedText, version: FormatVersion): Bounds {
  const article = new RegExp(`${ARTICLE_ANCHOR}第?\\([一二三四五六七八九]\\)项`).exec(ft.folded);
  const t2 = article ? article.index : -1;
  const from = Math.max(0, t2);
  const firstRow = findHits(ft, labelsFor(version).appRows, from, ft.folded.length)[0];
  const note = ft.folded.indexOf(R1_NOTE, from);
  const cands = [firstRow ? firstRow.start : -1, note].filter((x) => x >= 0);
  const t3 = cands.length ? Math.min(...cands) : ft.folded.length;
  const rev = ft.folded.indexOf(REVIEW_ANCHOR, t3);
  return { t2, t3, t4: rev >= 0 ? rev : ft.folded.length };
}

export function extractProactive(ft: FoldedText, version: FormatVersion, b: Bounds, findings: Finding[]): Table {
  const vl = labelsFor(version);
  const table: Table = {};
  for (const [code, spec] of vl.itemSpecs) table[code] = Object.fromEntries(spec.measures.map((m) => [m, null]));
  if (b.t2 < 0) return table;
  const end = rowEnd(ft, b.t3);
  const hits = findHits(ft, vl.items, b.t2, end);
  reportTruncated(ft, hits, '表二', findings);
  const evidence = narrativeEvidence(ft, vl.items, b.t2);
  // Items whose label was found and that got a value, a printed empty cell or a finding of their own.
  const accounted = new Set<string>();
  const empty = new Set<string>();
  const cellRows = cellRowCounter(ft, b.t2, end);
  hits.forEach((h, i) => {
    const spec = vl.itemSpecs.get(h.code)!;
    const k = spec.measures.length;
    const text = regionText(ft, h.end, hits[i + 1]?.start ?? end);
    const { first, stray } = readRegion(text, k);
    const paths = spec.measures.map((m) => cellPath('proactiveDisclosure', h.code, m));
    let tokens: Token[] = first;
    // values printed beyond the row's columns beside a blank one: which cell each is in is unknown
    if (stray.some((t) => t.kind !== 'blank') && first.some((t) => t.kind === 'blank')) {
      accounted.add(h.code);
      const printed = [...first, ...stray].filter((t) => t.kind !== 'blank');
      findings.push(codedFinding('PARSE', 'WARNING', { code: 'DISCLOSURE_ROW_SHORT', params: { item: h.code, found: 0, columns: k, printed: quoted(printed) } }, paths));
      return;
    }
    if (tokens.length === 0 && !printsEmptyCells(ft, h, text, cellRows)) {
      empty.add(h.code);
      return;
    }
    accounted.add(h.code);
    if (isGlued(first, k)) {
      const chosen = decideItem(spec, splitCandidates(first.map((t) => t.raw), k), evidence.get(h.code), paths, findings);
      if (!chosen) return;
      tokens = chosen.map((n) => ({ kind: 'num', raw: String(n) }));
    }
    if (tokens.length === 0) return;
    if (tokens.length < k) {
      findings.push(codedFinding('PARSE', 'WARNING', { code: 'DISCLOSURE_ROW_SHORT', params: { item: h.code, found: tokens.length, columns: k, printed: quoted(tokens) } }, paths));
      return;
    }
    spec.measures.forEach((m, j) => {
      table[h.code][m] = tokenValue(tokens[j], paths[j], spec.units[m], m, findings);
    });
  });
  // A table that is there but lost rows says so, naming the cells, like 表三 (a blank is not a zero).
  const cellsOf = (codes: string[]) => codes.flatMap((c) => vl.itemSpecs.get(c)!.measures.map((m) => cellPath('proactiveDisclosure', c, m)));
  const notFound = hits.length ? [...vl.itemSpecs.keys()].filter((c) => !accounted.has(c) && !empty.has(c)) : [];
  if (notFound.length) findings.push(codedFinding('PARSE', 'WARNING', { code: 'DISCLOSURE_ITEMS_NOT_FOUND', params: { items: notFound } }, cellsOf(notFound)));
  const without = [...empty].filter((c) => !accounted.has(c));
  if (without.length) findings.push(codedFinding('PARSE', 'WARNING', { code: 'ROWS_WITHOUT_VALUES', params: { table: '表二', rows: without } }, cellsOf(without)));
  return table;
}

export function extractApplications(ft: FoldedText, version: FormatVersion, b: Bounds, findings: Finding[]): Table {
  const vl = labelsFor(version);
  const k = vl.applicantCodes.length;
  const rowCells = (row: string) => vl.applicantCodes.map((c) => cellPath('applications', row, c));
  const hits = findHits(ft, vl.appRows, b.t3, b.t4);
  reportTruncated(ft, hits, '表三', findings);
  const labelHolds = (code: string, fragment: string) => {
    const cells = fragment.split('|');
    const tails = cells.map((_, i) => cells.slice(i).join('')).filter((t, i) => i === 0 || t.length >= 3);
    return vl.appRows.some((v) => v.code === code && tails.some((t) => v.folded.includes(t)));
  };
  type Ev = { code: string | null; tokens: Token[]; fragment?: string };
  const events: Ev[] = [];
  let texts = hits.map((h, i) => regionText(ft, h.end, hits[i + 1]?.start ?? b.t4));
  const before = valuesBeforeLabels(ft, hits, texts, b.t3, k);
  if (before !== null) {
    texts = [before, ...texts.slice(0, -1)];
    findings.push(codedFinding('PARSE', 'INFO', { code: 'APPLICATIONS_VALUES_BEFORE_LABELS', params: {} }, []));
  }
  const empty = new Set<string>();
  const cellRows = cellRowCounter(ft, b.t3, b.t4);
  hits.forEach((h, i) => {
    const region = readRegion(texts[i], k);
    // the row under its own heading, its label printed again without its number ("### （一）予以公开" then "| 予以公开 | 290 |…")
    const own = region.fragments.get(0);
    if (!region.first.length && own !== undefined && labelHolds(h.code, own)) {
      region.first = region.extras.shift()!;
      region.fragments = new Map([...region.fragments].filter(([j]) => j > 0).map(([j, f]) => [j - 1, f]));
    }
    if (!region.first.length && !region.extras.length && !region.stray.length && !printsEmptyCells(ft, h, texts[i], cellRows)) empty.add(h.code);
    // A row printed with fewer cells than the table has: which cell is missing is unknown, so the
    // row stays blank and is named (a lost row, not debris between rows).
    const short = region.first.length > 0 && region.first.length < k && !isGlued(region.first, k) && region.first.some((t) => t.kind !== 'blank');
    if (region.first.length === k || isGlued(region.first, k)) events.push({ code: h.code, tokens: region.first });
    else if (region.first.length > 0) region.stray.unshift(...region.first);
    region.extras.forEach((tokens, j) => events.push({ code: null, tokens, fragment: region.fragments.get(j) }));
    if (region.stray.some((t) => t.kind !== 'blank'))
      findings.push(
        codedFinding('PARSE', short ? 'WARNING' : 'INFO', { code: 'APPLICATIONS_STRAY_VALUES', params: { row: h.code, printed: quoted(region.stray), columns: k } }, short ? rowCells(h.code) : []),
      );
  });
  const placed = placeRows(events, vl.appRowCodes, labelHolds, rowCells, findings);
  // a row of a table that is there but whose label was not found is a loss, named like any other
  const seen = new Set([...hits.map((h) => h.code), ...placed.map((p) => p.code)]);
  const lost = hits.length ? vl.appRowCodes.filter((c) => !seen.has(c)) : [];
  if (lost.length)
    findings.push(codedFinding('PARSE', 'WARNING', { code: 'APPLICATIONS_ROWS_NOT_FOUND', params: { rows: lost } }, lost.flatMap(rowCells)));
  const placedCodes = new Set(placed.map((p) => p.code));
  const without = vl.appRowCodes.filter((c) => empty.has(c) && !placedCodes.has(c));
  if (without.length)
    findings.push(codedFinding('PARSE', 'WARNING', { code: 'ROWS_WITHOUT_VALUES', params: { table: '表三', rows: without } }, without.flatMap(rowCells)));
  const table: Table = {};
  for (const r of vl.appRowCodes) table[r] = Object.fromEntries(vl.applicantCodes.map((c) => [c, null]));
  const fixed = new Map<string, number | null>();
  const slots: Slot[] = [];
  const slotRows: string[] = [];
  for (const p of placed) {
    const paths = rowCells(p.code);
    if (isGlued(p.tokens, k)) {
      slots.push({ paths, candidates: splitCandidates(p.tokens.map((t) => t.raw), k, vl.applicantCodes[k - 1] === 'TOTAL' ? k : undefined) });
      slotRows.push(p.code);
      continue;
    }
    vl.applicantCodes.forEach((c, j) => {
      const v = tokenValue(p.tokens[j], paths[j], null, null, findings);
      table[p.code][c] = v;
      fixed.set(paths[j], v);
    });
  }
  fillSlots(slots, fixed, version, findings, '表三', (si, values) => {
    vl.applicantCodes.forEach((c, j) => (table[slotRows[si]][c] = values ? values[j] : null));
  });
  return table;
}

function fillSlots(slots: Slot[], fixed: Map<string, number | null>, version: FormatVersion, findings: Finding[], where: string, set: (slot: number, values: number[] | null) => void): void {
  if (!slots.length) return;
  const eqs = consistencyEquations(version);
  let res = solve(slots, fixed, eqs);
  if (res.solutions === 0) {
    // The report may break a rule for real; fall back to splits each unique on their own.
    res = solve(slots, fixed, []);
    const unique = res.alternatives.map((a) => a.length === 1);
    slots.forEach((s, i) => {
      if (unique[i]) set(i, res.chosen[i]);
      else {
        set(i, null);
        findings.push(codedFinding('PARSE', 'ERROR', { code: 'GLUED_UNSOLVABLE', params: { table: where } }, s.paths));
      }
    });
    return;
  }
  slots.forEach((s, i) => {
    set(i, res.chosen[i]);
    const alts = res.alternatives[i];
    if (alts.length > 1)
      findings.push(codedFinding('SPLIT', 'WARNING', { code: 'GLUED_SPLIT_CHOSEN', params: { table: where, count: alts.length, candidates: alts.slice(0, 5).map((a) => a.join('|')), chosen: res.chosen[i]!.join('|') } }, s.paths));
  });
}

export function extractReviews(ft: FoldedText, version: FormatVersion, b: Bounds, findings: Finding[]): Table {
  const vl = labelsFor(version);
  const table: Table = {};
  for (const g of vl.groupCodes) table[g] = Object.fromEntries(vl.outcomeCodes.map((o) => [o, null]));
  const paths = vl.groupCodes.flatMap((g) => vl.outcomeCodes.map((o) => cellPath('reviewsAndLitigation', g, o)));
  const n = paths.length;
  if (b.t4 >= ft.folded.length) return table;
  const labelled = readLabelledReviews(ft.text.slice(ft.map[b.t4]), reviewLabels(version));
  if (labelled) {
    for (const p of paths) {
      const [, g, o] = p.split('.');
      table[g][o] = tokenValue(labelled.get(`${g}.${o}`), p, null, null, findings);
    }
    if (labelled.size < n) findings.push(codedFinding('PARSE', 'WARNING', { code: 'REVIEWS_LABELLED_MISSING', params: { missing: n - labelled.size, total: n } }, paths.filter((p) => !labelled.has(p.split('.').slice(1).join('.')))));
    return table;
  }
  const { tokens, runs, emptyCells } = readReviewTokens(ft.text.slice(ft.map[b.t4]));
  const set = (vals: (number | null)[]) => paths.forEach((p, i) => {
    const [, g, o] = p.split('.');
    table[g][o] = vals[i] ?? null;
  });
  if (tokens.length === 0) {
    // the table's heading is there: no cell after it is a loss, unless it printed its cells empty
    if (!emptyCells) findings.push(codedFinding('PARSE', 'WARNING', { code: 'REVIEWS_CELLS_MISSING', params: { found: 0, total: n } }, paths));
    return table;
  }
  if (isGlued(tokens, n)) {
    const width = vl.outcomeCodes.length;
    const slot: Slot = { paths, candidates: splitCandidates(tokens.map((t) => t.raw), n, vl.outcomeCodes[width - 1] === 'TOTAL' ? width : undefined) };
    fillSlots([slot], new Map(), version, findings, '表四', (_, v) => set(v ?? []));
    return table;
  }
  if (tokens.length < n) {
    findings.push(codedFinding('PARSE', 'WARNING', { code: 'REVIEWS_CELLS_MISSING', params: { found: tokens.length, total: n } }, paths));
  }
  const vals = tokens.slice(0, n).map((t, i) => tokenValue(t, paths[i], null, null, findings));
  const fixed = reassembleReviews(vals, runs, vl.outcomeCodes.length);
  if (fixed) {
    findings.push(codedFinding('PARSE', 'WARNING', { code: 'REVIEWS_REASSEMBLED', params: {} }, paths));
    set(fixed);
  } else set(vals);
  return table;
}

export { classifyCell };

function reviewLabels(version: FormatVersion) {
  const rv = formatSpec(version).reviewsAndLitigation;
  return {
    groups: rv.groups.map((g) => ({ code: g.code, folded: fold(g.label) })).sort((a, b) => b.folded.length - a.folded.length),
    outcomes: rv.outcomes.map((o) => ({ code: o.code, folded: fold(o.label) })),
  };
}
