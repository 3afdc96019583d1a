/** Table 四 (复议/诉讼): 15 cells after a header whose words all come from the catalog's 表四 labels. */
import { classifyCell, type Token } from './cells.js';
import { REVIEW_HEADER_CHARS } from './labels.js';
import { fold } from './normalize.js';

const PIECES = /((?:增|减)?[+-]?\d+(?:\.\d+)?(?:万元|元)?)/;
/** Punctuation, and the marks of a Markdown heading (each group of 表四 as a small table under "### 行政复议"). */
const IGNORABLE = /[\s()（）:：、,，.。"“”#]/;
/** The heading of a part after 表四's (五、 六、) or a sentence: what follows the table, not its heading. */
const NEXT_PART = /^#*\s*[五六]\s*、|[。；]/;
/** A note printed with the table ("注：行政复议、行政诉讼数量含上年度结转数量。"): neither a value nor the end of the table. */
const TABLE_NOTE = /^\s*(?:备\s*)?注\s*[:：]/;

function isHeader(text: string): boolean {
  for (const ch of text) if (!IGNORABLE.test(ch) && !REVIEW_HEADER_CHARS.has(ch)) return false;
  return true;
}

/** Values after the table heading, up to the first prose; `runs` are the value runs between header words. */
export function readReviewTokens(text: string): { tokens: Token[]; runs: number[]; emptyCells: number } {
  const tokens: Token[] = [];
  const runs: number[] = [];
  let run = 0;
  // cells printed empty ("| | | |"): a table that really prints blanks has lost nothing
  let emptyCells = 0;
  const endRun = () => {
    if (run) runs.push(run);
    run = 0;
  };
  const header = (t: string): boolean => {
    if (isHeader(t)) {
      endRun();
      return true;
    }
    // prose before the first value is the heading itself, unless a row of empty cells came first,
    // or it is the next part's heading or a sentence: the table ended without a value
    return tokens.length === 0 && emptyCells === 0 && !NEXT_PART.test(t);
  };
  for (const line of text.split('\n')) {
    if (TABLE_NOTE.test(line)) continue;
    if (line.includes('|')) {
      const cells = line.split('|').slice(1, -1);
      const kinds = cells.map(classifyCell);
      if (kinds.every((c) => c !== 'text')) {
        const values = kinds as Token[];
        if (values.some((v) => v.kind !== 'blank')) {
          tokens.push(...values);
          run += values.length;
        } else emptyCells += values.length;
        continue;
      }
      for (const c of cells) if (classifyCell(c) === 'text' && !header(c)) return finish();
      continue;
    }
    for (const chunk of line.split(/\s+/)) {
      for (const piece of chunk.split(PIECES)) {
        if (!piece) continue;
        const c = classifyCell(piece);
        if (c === 'text') {
          if (!header(piece)) return finish();
        } else {
          tokens.push(c);
          run++;
        }
      }
    }
  }
  return finish();
  function finish() {
    endRun();
    return { tokens, runs, emptyCells };
  }
}

/**
 * pdftotext can emit 表四 cells out of order. When reading order breaks R4 but the value runs
 * recombine into three groups whose totals hold, use that; groups are ordered by their 总计 cell.
 */
export function reassembleReviews(vals: (number | null)[], runs: number[], width: number): (number | null)[] | null {
  if (vals.length !== width * 3 || vals.some((v) => v === null) || runs.length < 2) return null;
  const v = vals as number[];
  const okGroup = (g: number[]) => g[width - 1] === g.slice(0, width - 1).reduce((a, b) => a + b, 0);
  const inOrder = [0, 1, 2].every((i) => okGroup(v.slice(i * width, (i + 1) * width)));
  if (inOrder) return null;
  const pieces: { start: number; vals: number[] }[] = [];
  let pos = 0;
  for (const r of runs) {
    pieces.push({ start: pos, vals: v.slice(pos, pos + r) });
    pos += r;
  }
  const groups: { totalAt: number; vals: number[] }[] = [];
  const used = new Set<number>();
  pieces.forEach((p, i) => {
    if (p.vals.length === width && okGroup(p.vals)) {
      groups.push({ totalAt: p.start + width - 1, vals: p.vals });
      used.add(i);
    }
  });
  pieces.forEach((p, i) => {
    if (used.has(i) || p.vals.length !== width - 1) return;
    const sum = p.vals.reduce((a, b) => a + b, 0);
    const j = pieces.findIndex((q, jj) => !used.has(jj) && jj !== i && q.vals.length === 1 && q.vals[0] === sum);
    if (j < 0) return;
    used.add(i).add(j);
    groups.push({ totalAt: pieces[j].start, vals: [...p.vals, sum] });
  });
  if (groups.length !== 3 || used.size !== pieces.length) return null;
  return groups.sort((a, b) => a.totalAt - b.totalAt).flatMap((g) => g.vals);
}

export interface ReviewLabels {
  /** group code -> folded labels that name it (longest first) */
  groups: { code: string; folded: string }[];
  outcomes: { code: string; folded: string }[];
}

/**
 * 表四 printed one cell per line with its labels beside it ("| 行政复议 | | 结果维持 | 0 |", or the
 * group on an earlier line): the labels decide where each value goes. Null when the table is not
 * printed that way (a line with several outcome labels is the ordinary horizontal header).
 */
export function readLabelledReviews(text: string, labels: ReviewLabels): Map<string, Token> | null {
  const cells = new Map<string, Token>();
  let group: string | null = null;
  let started = false;
  // The first lines only: splitting the whole rest of a long text would cost its length.
  for (const line of text.slice(0, 200 * 400).split('\n').slice(0, 200)) {
    const parts = (line.includes('|') ? line.split('|') : line.split(/\s+/)).map((c) => c.trim()).filter((c, i, all) => c || (i > 0 && i < all.length - 1));
    if (!parts.length) continue;
    let outcome: string | null = null;
    let outcomes = 0;
    const values: Token[] = [];
    let prose = false;
    for (const p of parts) {
      const c = classifyCell(p);
      if (c !== 'text') {
        if (c.kind !== 'blank') values.push(c);
        continue;
      }
      const f = fold(p);
      const g = labels.groups.find((x) => f.includes(x.folded));
      if (g) group = g.code;
      const o = labels.outcomes.find((x) => f === x.folded || f.endsWith(x.folded));
      if (o) {
        outcome = o.code;
        outcomes++;
      }
      if (!g && !o && !isHeader(p)) prose = true;
    }
    if (outcomes > 1) return null;
    if (prose && started) break;
    if (!outcome) {
      if (values.length && started) return null;
      continue;
    }
    if (!group || values.length > 1) return null;
    started = true;
    const key = `${group}.${outcome}`;
    if (!cells.has(key)) cells.set(key, values[0] ?? { kind: 'blank', raw: '' });
  }
  return cells.size >= 8 ? cells : null;
}
