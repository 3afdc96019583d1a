/**
 * Digits printed with no separator ("21710000218" for seven cells): enumerate the ways to cut them
 * into k numbers and keep the cuts the format's equations (R1–R4) allow.
 */
import type { Equation } from '../format/equations.js';

const MAX_CANDIDATES = 20000;

/** Every way to cut the tokens into k numbers; tokens are never joined, decimals never cut. */
export function splitCandidates(tokens: string[], k: number): number[][] {
  const out: number[][] = [];
  const rec = (ti: number, left: number, acc: number[]) => {
    if (out.length >= MAX_CANDIDATES) return;
    if (ti === tokens.length) {
      if (left === 0) out.push(acc);
      return;
    }
    const tokensAfter = tokens.length - ti - 1;
    const maxHere = left - tokensAfter;
    for (const parts of cutToken(tokens[ti], maxHere)) rec(ti + 1, left - parts.length, [...acc, ...parts]);
  };
  rec(0, k, []);
  return out;
}

/** All cuts of one digit run into 1..max valid numbers. */
function cutToken(token: string, max: number): number[][] {
  const dot = token.indexOf('.');
  const lastCut = dot >= 0 ? dot - 1 : token.length - 1;
  const out: number[][] = [];
  const rec = (start: number, acc: string[]) => {
    if (acc.length + 1 > max) return;
    const whole = token.slice(start);
    if (valid(whole)) out.push([...acc, whole].map(Number));
    for (let end = start + 1; end <= lastCut; end++) {
      const p = token.slice(start, end);
      if (valid(p)) rec(end, [...acc, p]);
    }
  };
  if (max >= 1) rec(0, []);
  return out;
}

/** A printed count never has a leading zero, except 0 itself. */
function valid(p: string): boolean {
  return p.length > 0 && !(p.length > 1 && p[0] === '0' && p[1] !== '.');
}

export interface Slot {
  paths: string[];
  candidates: number[][];
}

export interface SolveResult {
  /** chosen values per slot, null when the slot could not be decided */
  chosen: (number[] | null)[];
  /** all distinct candidates per slot that appear in some solution */
  alternatives: number[][][];
  solutions: number;
}

const MAX_SOLUTIONS = 64;

/**
 * Backtracking over the glued slots; fixed cells are the values printed with separators.
 * An equation with a blank (null) cell is not evaluated: a blank is not a zero.
 */
export function solve(slots: Slot[], fixed: Map<string, number | null>, equations: Equation[]): SolveResult {
  const owner = new Map<string, [number, number]>();
  slots.forEach((s, i) => s.paths.forEach((p, j) => owner.set(p, [i, j])));
  const relevant = equations.filter((e) => [...e.left, ...e.right].some((p) => owner.has(p)));
  const assignment: (number[] | null)[] = slots.map(() => null);
  const valueOf = (p: string): number | null | undefined => {
    const o = owner.get(p);
    if (o) {
      const a = assignment[o[0]];
      return a ? a[o[1]] : undefined;
    }
    return fixed.has(p) ? fixed.get(p)! : null;
  };
  const holds = (e: Equation): boolean => {
    let l = 0;
    let r = 0;
    for (const p of e.left) {
      const v = valueOf(p);
      if (v === undefined || v === null) return true;
      l += v;
    }
    for (const p of e.right) {
      const v = valueOf(p);
      if (v === undefined || v === null) return true;
      r += v;
    }
    return Math.abs(l - r) < 1e-9;
  };
  const bySlot = slots.map((_, i) => relevant.filter((e) => [...e.left, ...e.right].some((p) => owner.get(p)?.[0] === i)));
  // Prune each slot alone first (R2 inside a row), then search the rest jointly.
  const pruned = slots.map((s, i) =>
    s.candidates.filter((c) => {
      assignment[i] = c;
      const ok = bySlot[i].every(holds);
      assignment[i] = null;
      return ok;
    }),
  );
  const order = slots.map((_, i) => i).sort((a, b) => pruned[a].length - pruned[b].length);
  const seen = slots.map(() => new Map<string, number[]>());
  const solutions: number[][][] = [];
  const rec = (d: number) => {
    if (solutions.length >= MAX_SOLUTIONS) return;
    if (d === order.length) {
      solutions.push(assignment.map((a) => a!));
      return;
    }
    const i = order[d];
    for (const c of pruned[i]) {
      assignment[i] = c;
      if (bySlot[i].every(holds)) rec(d + 1);
      assignment[i] = null;
    }
  };
  rec(0);
  for (const sol of solutions) sol.forEach((c, i) => seen[i].set(c.join(','), c));
  if (solutions.length === 0) return { chosen: slots.map(() => null), alternatives: slots.map(() => []), solutions: 0 };
  const best = solutions.reduce((a, b) => (shapeCost(b) < shapeCost(a) ? b : a));
  return { chosen: best, alternatives: seen.map((m) => [...m.values()]), solutions: solutions.length };
}

/** Prior for otherwise equal splits: numbers in one table rarely differ wildly in length. */
export function shapeCost(sol: number[][]): number {
  return sol.reduce((n, c) => n + Math.max(...c.map((v) => String(v).length)), 0);
}
