/**
 * B1: blank cells (null) are not zeros, but the equations R1–R4 often say what a blank cell must hold.
 *
 * How blanks are treated:
 * - An equation that balances with its blank cells at 0 says nothing about them: such blanks (an all-blank row,
 *   blank detail cells next to zeros) are consistent with "blank means 0" and are NOT reported (no INFO noise:
 *   the corpus' Shanghai 2019 report has dozens of them).
 * - An equation that balances only if exactly one blank cell on its short side holds a value determines that
 *   value. Equations with a single blank cell are used first; only when none is left are the other blanks of an
 *   equation taken as 0 (corpus 16: a blank 总计 next to blank and non-blank parts) — unless one of them lies in a row
 *   blank from end to end (a row the parser lost says nothing). That cell gets one B1 finding (WARNING) with the
 *   implied value as `expected`, naming every equation that implies it (e.g. corpus 11: the blank 总计 of
 *   四、结转下年度继续办理 is 1 by R1 and by R2).
 * - Values found this way feed further equations, round after round (corpus 16: the blank 总计 of every outcome
 *   row follows from R2; R3 on the 总计 column is then checked with them).
 * - Equations that still do not balance after that get one B1 finding for the equation: either several blank
 *   cells must together hold the missing amount (`expected` is that amount), or the implied values disagree.
 *   Not when those blank cells all lie in rows that are blank from end to end: such rows were most likely never
 *   printed (truncated excerpts 18 and 23 as parsed), and the parser is the one to say so.
 * - Blank cells never produce R findings except when no value of them can help (see arithmetic.ts).
 */
import type { Finding, InterchangeReport } from '../format/interchange.js';
import { equationSnapshot, evaluateAll, type EvaluatedEquation } from './arithmetic.js';
import { finding } from './cells.js';

export interface BlankAnalysis {
  /** Blank cells whose value the equations determine, path -> value. */
  inferred: Map<string, number>;
  findings: Finding[];
}

interface Term {
  path: string;
  printed: number | null;
  side: 'L' | 'R';
}

interface Reason {
  value: number;
  ev: EvaluatedEquation;
}

const MAX_ROUNDS = 20;

function rowIsBlank(report: InterchangeReport, path: string): boolean {
  const [table, row] = path.split('.');
  const cells = (report as unknown as Record<string, Record<string, Record<string, unknown>> | undefined>)[table]?.[row];
  return !!cells && Object.values(cells).every((v) => v === null);
}

function terms(ev: EvaluatedEquation): Term[] {
  return [
    ...ev.eq.left.map((path, i) => ({ path, printed: ev.left[i], side: 'L' as const })),
    ...ev.eq.right.map((path, i) => ({ path, printed: ev.right[i], side: 'R' as const })),
  ];
}

export function analyseBlanks(report: InterchangeReport, evaluated: EvaluatedEquation[] = evaluateAll(report)): BlankAnalysis {
  const version = report.formatVersion;
  const candidates = evaluated.filter(
    (ev) => (ev.status === 'ok' || ev.status === 'blankDecides') && [...ev.left, ...ev.right].some((v) => v === null),
  );
  const inferred = new Map<string, number>();
  const reasons = new Map<string, Reason[]>();
  const conflicted = new Set<string>();
  const value = (t: Term) => t.printed ?? inferred.get(t.path) ?? null;

  // strict: the equation has exactly one open blank; loose: one open blank on the short side, the others taken as 0.
  const implications = (strict: boolean) => {
    const fresh = new Map<string, Reason[]>();
    for (const ev of candidates) {
      const ts = terms(ev);
      const unresolved = ts.filter((t) => value(t) === null);
      if (unresolved.length === 0 || (strict && unresolved.length > 1)) continue;
      const diff = ts.reduce((s, t) => s + (t.side === 'L' ? 1 : -1) * (value(t) ?? 0), 0);
      if (diff === 0) continue;
      const short = unresolved.filter((t) => t.side === (diff > 0 ? 'R' : 'L'));
      if (short.length !== 1 || conflicted.has(short[0].path)) continue;
      // a row blank from end to end was most likely never read: its cells may hold anything, not 0
      if (!strict && unresolved.some((t) => t !== short[0] && rowIsBlank(report, t.path))) continue;
      const list = fresh.get(short[0].path) ?? [];
      list.push({ value: Math.abs(diff), ev });
      fresh.set(short[0].path, list);
    }
    return fresh;
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    let fresh = implications(true);
    if (fresh.size === 0) fresh = implications(false);
    if (fresh.size === 0) break;
    for (const [path, list] of fresh) {
      reasons.set(path, list);
      const values = new Set(list.map((r) => r.value));
      if (values.size === 1) inferred.set(path, list[0].value);
      else conflicted.add(path);
    }
  }

  const findings: Finding[] = [];
  for (const [path, list] of reasons) {
    const cited = list.map((r) => ({ equation: equationSnapshot(r.ev), value: r.value }));
    if (inferred.has(path)) {
      const v = inferred.get(path)!;
      findings.push(finding('B1', { code: 'BLANK_IMPLIED', params: { formatVersion: version, cell: path, value: v, reasons: cited } }, [path], { expected: v, actual: null }));
    } else {
      findings.push(finding('B1', { code: 'BLANK_DISPUTED', params: { formatVersion: version, cell: path, reasons: cited } }, [path], { actual: null }));
    }
  }

  for (const ev of candidates) {
    const ts = terms(ev);
    const diff = ts.reduce((s, t) => s + (t.side === 'L' ? 1 : -1) * (value(t) ?? 0), 0);
    if (diff === 0) continue;
    const blanks = ts.filter((t) => t.printed === null).map((t) => t.path);
    if (blanks.every((p) => reasons.has(p) && !inferred.has(p))) continue; // already reported as a conflict
    const open = ts.filter((t) => value(t) === null && t.side === (diff > 0 ? 'R' : 'L'));
    // Rows left entirely blank are most likely not printed at all (a truncated excerpt, an unread row): the
    // parser reports those; saying "these blank rows must hold N together" would only repeat it as noise.
    if (open.length > 1 && open.every((t) => rowIsBlank(report, t.path))) continue;
    const cells = open.length > 0 ? open.map((t) => t.path) : blanks;
    const params = { formatVersion: version, equation: equationSnapshot(ev), cells, amount: Math.abs(diff) };
    findings.push(
      open.length > 1
        ? finding('B1', { code: 'BLANKS_SHARE_AMOUNT', params }, cells, { expected: Math.abs(diff) })
        : finding('B1', { code: 'BLANKS_STILL_UNBALANCED', params }, blanks),
    );
  }
  return { inferred, findings };
}
