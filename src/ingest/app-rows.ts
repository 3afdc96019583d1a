/** 表三 rows without a label of their own: values printed before their labels, or detached from them (PDF tables). */
import { codedFinding, type Finding } from '../format/index.js';
import { readRegion, type Token } from './cells.js';
import type { FoldedText } from './normalize.js';

export interface Placed {
  code: string;
  tokens: Token[];
}

/**
 * A table printed "values, then label" on every row (some PDF extractions): the last label has no
 * values after it and a complete row stands before the first label. Returns the text before the
 * first label (its values) when that is the layout, else null.
 */
export function valuesBeforeLabels(ft: FoldedText, hits: { start: number }[], texts: string[], from: number, k: number): string | null {
  if (hits.length < 3) return null;
  const last = readRegion(texts[texts.length - 1], k);
  if (last.first.some((t) => t.kind !== 'blank') || last.extras.length) return null;
  const start = Math.max(0, from);
  if (hits[0].start <= start) return null;
  const head = ft.text.slice(ft.map[start], ft.map[hits[0].start]);
  const cut = Math.max(head.lastIndexOf('|'), ...[...head.matchAll(/[\u4e00-\u9fff)）]/g)].map((m) => m.index!));
  const pre = head.slice(cut + 1);
  const tokens = readRegion(pre, k).first;
  if (tokens.length !== k || !tokens.every((t) => t.kind === 'num')) return null;
  // Most rows must look like complete rows in the shifted reading too.
  const full = texts.slice(0, -1).filter((t) => readRegion(t, k).first.length === k).length;
  return full >= (texts.length - 1) / 2 ? pre : null;
}

/**
 * Value rows to catalog rows. A row printed with its label goes to that label; rows printed without
 * one (PDF tables detach labels) fill, in order, the unlabelled catalog rows between their neighbours
 * — and a row printed after a torn piece of its label only a row whose label holds that piece.
 */
export function placeRows(
  events: { code: string | null; tokens: Token[]; fragment?: string }[],
  order: string[],
  labelHolds: (code: string, fragment: string) => boolean,
  cellsOf: (code: string) => string[],
  findings: Finding[],
): Placed[] {
  const anchored = new Map<string, Token[]>();
  for (const e of events) if (e.code && !anchored.has(e.code)) anchored.set(e.code, e.tokens);
  const out: Placed[] = [...anchored].map(([code, tokens]) => ({ code, tokens }));
  let i = 0;
  while (i < events.length) {
    if (events[i].code) {
      i++;
      continue;
    }
    const run: { tokens: Token[]; fragment?: string }[] = [];
    const prev = [...events.slice(0, i)].reverse().find((e) => e.code)?.code ?? null;
    while (i < events.length && !events[i].code) run.push(events[i++]);
    const next = events.slice(i).find((e) => e.code)?.code ?? null;
    const lo = prev ? order.indexOf(prev) + 1 : 0;
    const hi = next ? order.indexOf(next) : order.length;
    const free = order.slice(lo, Math.max(lo, hi)).filter((c) => !anchored.has(c));
    const fits = run.every((r, j) => r.fragment === undefined || (j < free.length && labelHolds(free[j], r.fragment)));
    if (fits && (free.length === run.length || (!next && run.length <= free.length))) {
      run.forEach((r, j) => out.push({ code: free[j], tokens: r.tokens }));
    } else {
      findings.push(codedFinding('PARSE', 'WARNING', { code: 'APPLICATIONS_UNLABELLED_ROWS', params: { rows: run.length, from: prev ?? null, to: next ?? null, free: free.length } }, free.flatMap(cellsOf)));
    }
  }
  return out;
}
