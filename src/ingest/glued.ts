/**
 * Digits printed with no separator ("21710000218" for seven cells): enumerate the ways to cut them
 * into k numbers and keep the cuts the format's equations (R1–R4) allow.
 */
import type { Equation } from '../format/equations.js';
import { MAX_COUNT } from '../format/validate.js';

const MAX_CANDIDATES = 20000;
/**
 * Cuts tried before the search gives up. Pruning by the printed totals keeps real rows to a few
 * thousand steps; a run of thousands of digits would otherwise take exponential time. A search that
 * gives up offers no cut at all (its cells stay blank, with a finding): a partial list could let the
 * equations pick a wrong cut, and a number never printed must never be served.
 */
const MAX_STEPS = 200_000;
/** Digits of the largest count a JavaScript number holds exactly (2^53 has 16): no cut is longer. */
const MAX_DIGITS = 16;

/**
 * Every way to cut the tokens into k numbers; tokens are never joined, decimals never cut.
 * With `totalsEvery = w`, the cells form groups of w whose last cell is printed as the sum of the
 * others (表三 rows: R2, 表四 groups: R4): cuts that break that are dropped while cutting, which
 * keeps the search small. When no cut satisfies the sums, every cut is returned, as without it:
 * a report may break a rule for real, and the caller decides then.
 */
export function splitCandidates(tokens: string[], k: number, totalsEvery?: number): number[][] {
  if (totalsEvery && k % totalsEvery === 0) {
    const summed = enumerate(tokens, k, totalsEvery);
    if (summed === GAVE_UP) return [];
    if (summed.length) return summed;
  }
  const all = enumerate(tokens, k);
  return all === GAVE_UP ? [] : all;
}

const GAVE_UP: number[][] = [];

/**
 * Depth-first over digit positions: each number is cut where it ends, so a group whose printed total
 * is wrong is abandoned as soon as its last cell is cut (a 17-digit 表四 run has 65536 cuts, 1 right).
 * Order: the rest of a token as one number first, then shorter first pieces.
 */
function enumerate(tokens: string[], k: number, w?: number): number[][] {
  const out: number[][] = [];
  const acc: number[] = [];
  let steps = 0;
  // Most numbers the tokens from i on can still be cut into (one per integer digit).
  const room = tokens.map((t) => (t.includes('.') ? t.indexOf('.') : t.length));
  const roomAfter = room.map(() => 0);
  for (let i = room.length - 2; i >= 0; i--) roomAfter[i] = roomAfter[i + 1] + room[i + 1];
  function groupHolds(): boolean {
    const n = acc.length;
    let sum = 0;
    for (let i = n - w!; i < n - 1; i++) sum += acc[i];
    return Math.abs(sum - acc[n - 1]) < 1e-9;
  }
  function emit(piece: string, nextToken: number, nextPos: number): void {
    if (!valid(piece)) return;
    acc.push(Number(piece));
    if (!w || acc.length % w !== 0 || groupHolds()) rec(nextToken, nextPos);
    acc.pop();
  }
  function rec(ti: number, pos: number): void {
    if (out.length >= MAX_CANDIDATES || ++steps > MAX_STEPS) return;
    if (ti === tokens.length) {
      if (acc.length === k) out.push(acc.slice());
      return;
    }
    const token = tokens[ti];
    const left = k - acc.length;
    const tokensAfter = tokens.length - ti - 1;
    if (left < 1 + tokensAfter || left > Math.max(1, room[ti] - pos) + roomAfter[ti]) return;
    // More digits than the numbers left can hold: no cut of them is a count.
    if (room[ti] - pos + roomAfter[ti] > left * MAX_DIGITS) return;
    emit(token.slice(pos), ti + 1, 0);
    if (left < 2 + tokensAfter) return;
    const dot = token.indexOf('.');
    const lastCut = dot >= 0 ? dot - 1 : token.length - 1;
    for (let end = pos + 1; end <= Math.min(lastCut, pos + MAX_DIGITS); end++) emit(token.slice(pos, end), ti, end);
  }
  rec(0, 0);
  return steps > MAX_STEPS ? GAVE_UP : out;
}

/**
 * A printed count never has a leading zero, except 0 itself, nor more digits than a count can have,
 * nor exceeds what a count cell stores (a cut that did would refuse the whole report at import).
 */
function valid(p: string): boolean {
  const dot = p.indexOf('.');
  return p.length > 0 && (dot < 0 ? p.length : dot) <= MAX_DIGITS && !(p.length > 1 && p[0] === '0' && p[1] !== '.') && (dot >= 0 || Number(p) <= MAX_COUNT);
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
  const bySlot: Equation[][] = slots.map(() => []);
  for (const e of relevant) {
    const touched = new Set<number>();
    for (const p of e.left) if (owner.has(p)) touched.add(owner.get(p)![0]);
    for (const p of e.right) if (owner.has(p)) touched.add(owner.get(p)![0]);
    for (const i of touched) bySlot[i].push(e);
  }
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
  const best = solutions.reduce((a, b) => (shapeCost(b) < shapeCost(a) || (shapeCost(b) === shapeCost(a) && nonZero(b) < nonZero(a)) ? b : a));
  return { chosen: best, alternatives: seen.map((m) => [...m.values()]), solutions: solutions.length };
}

/** Prior for otherwise equal splits: numbers in one table rarely differ wildly in length. */
export function shapeCost(sol: number[][]): number {
  return sol.reduce((n, c) => n + Math.max(...c.map((v) => String(v).length)), 0);
}

/**
 * Then, of splits equal in shape: most cells of these tables are 0 (legal persons apply rarely, most
 * outcomes do not happen), so "220000022" is 22|0|0|0|0|0|22 sooner than 2|20|0|0|0|0|22.
 */
export function nonZero(sol: number[][]): number {
  return sol.reduce((n, c) => n + c.filter((v) => v !== 0).length, 0);
}
