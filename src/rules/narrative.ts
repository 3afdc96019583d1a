/**
 * X3: figures quoted in the narrative (sections[].body) against the tables.
 *
 * Conservative by design: a pattern fires only when a clause states a count in 件 right after an unambiguous
 * phrase (受理…申请N件, 办结N件, N件结转下年度, 行政复议N件, 无法提供N件…). Clauses about another year
 * (上年/去年/同比/2022年… in a report for 2023), cumulative figures (累计/历年) and subsets (其中) are skipped, and
 * where the wording allows two readings (受理 N件: new only, or new + carried over) either reading matches.
 * Table values: printed, or implied by the equations for a blank cell (blanks.ts). A sum with blank cells left is
 * only a lower bound (a blank is not a zero): it contradicts a figure only by exceeding it, and a figure whose
 * cells are all blank is not compared.
 */
import type { Finding, InterchangeReport } from '../format/interchange.js';
import { formatSpec, type FormatVersion } from '../format/catalog.js';
import { finding, getCell } from './cells.js';

type Lookup = (path: string) => number | null | undefined;

/** One reading of a quoted figure: the table cells whose (resolved) sum it should equal. */
export interface Reading {
  name: string;
  cells: string[];
}

interface Pattern {
  /** Must contain one `(?<n>…)` group for the number. */
  re: RegExp;
  readings: (v: FormatVersion) => Reading[];
  /** Skip clauses that talk about another year, a subset or a cumulative figure. */
  guardClause?: boolean;
  /** Require 申请 within the preceding text (outcome categories, which also appear in other contexts). */
  needsApplicationContext?: boolean;
  /** Extra check on the text around the match. */
  accept?: (ctx: { gap: string; before: string; after: string; sentence: string }) => boolean;
  /** Reading to use instead when the text right after the figure says 含上年结转. */
  withCarriedOver?: boolean;
}

const NUM = String.raw`(?<n>\d+(?:,\d{3})*|[零一二两三四五六七八九十百]{1,4})`;
const CONN = String.raw`(?:案件|申请|总数|数量|数|共计|合计|共|计|为|是|有|达到|达|了|的|答复|\s|：|:){0,6}`;
const GAP = String.raw`[^，。；,;！？!?\d\n]`;
const re = (s: string) => new RegExp(s, 'g');

const app = (row: string) => `applications.${row}.TOTAL`;
const rowsStartingWith = (v: FormatVersion, prefix: string) =>
  formatSpec(v).applications.rows.filter((r) => r.code.startsWith(prefix)).map((r) => app(r.code));
const one = (name: string, cells: string[]) => (): Reading[] => [{ name, cells }];

const NEW: Reading = { name: '一', cells: [app('NEW_RECEIVED')] };
const NEW_AND_CO: Reading = { name: '一 + 二', cells: [app('NEW_RECEIVED'), app('CARRIED_OVER')] };
const OUTCOMES: Reading = { name: '（七）总计', cells: [app('OUTCOME_TOTAL')] };
const LITIGATION: Reading = {
  name: '行政诉讼 总计',
  cells: ['reviewsAndLitigation.LITIGATION_WITHOUT_REVIEW.TOTAL', 'reviewsAndLitigation.LITIGATION_AFTER_REVIEW.TOTAL'],
};
const NOT_REVIEW_WORDS = /复议|诉讼|投诉|举报|信访|咨询|留言|建议|提案|热线|来信/;

const PATTERNS: Pattern[] = [
  // 受理/收到/接收/新收 … 申请 N件 (01 受理34件, 13 受理3119件, 04 接收…申请共计81件, 18 受理…申请2件)
  {
    re: re(String.raw`(?:受理|收到|接收|新收|收悉)(?<gap>${GAP}{0,25}?)申请(?:公开)?${CONN}${NUM}\s*件`),
    readings: () => [NEW, NEW_AND_CO],
    guardClause: true,
    withCarriedOver: true,
    accept: ({ gap }) => !NOT_REVIEW_WORDS.test(gap),
  },
  // 收到70件申请 (06)
  { re: re(String.raw`(?:受理|收到|接收|新收)(?:了)?${NUM}\s*件(?:政府信息公开|信息公开|依申请公开)?申请`), readings: () => [NEW, NEW_AND_CO], guardClause: true, withCarriedOver: true },
  // 办理…申请 N件: intake or outcome, either reading (02 全年办理政府信息公开申请218件)
  { re: re(String.raw`办理(?:了)?(?:政府信息公开|信息公开|依申请公开)申请${CONN}${NUM}\s*件`), readings: () => [NEW, NEW_AND_CO, OUTCOMES], guardClause: true },
  // 办结/答复 N件 (06 办结69件, 04 办结依申请公开81件, 13 答复 3050 件, 16 答复…申请805件)
  {
    re: re(String.raw`(?<![开理供以])(?:办结|答复)(?:了|的)?(?:政府信息公开|信息公开|依申请公开)?(?:申请)?${CONN}${NUM}\s*件`),
    readings: () => [OUTCOMES],
    guardClause: true,
  },
  // 上年结转 N件 (11 上年结转…申请 2 件, 13 含上年度结转申请 34 件)
  { re: re(String.raw`上一?年度?结转(?:的)?(?:政府信息公开|信息公开)?(?:申请)?${CONN}${NUM}\s*件`), readings: one('二', [app('CARRIED_OVER')]) },
  // N件…结转/顺延 到下年度 (06 1件结转下年度, 13/16 另有N件(申请…)顺延到下年度)
  { re: re(String.raw`${NUM}\s*件${GAP}{0,12}?(?:结转|顺延|转)(?:到|至|入)?下一?年度?`), readings: one('四', [app('CARRIED_FORWARD')]), guardClause: true },
  // 结转/转 下(一)年度 … N件 (11 转下一年度办理答复的有 1 件)
  { re: re(String.raw`(?:结转|顺延|转)(?:到|至|入)?下一?年度?${GAP}{0,10}?${NUM}\s*件`), readings: one('四', [app('CARRIED_FORWARD')]), guardClause: true },
  // outcome categories, longest wording first (16 予以公开及部分公开258件, 无法提供265件; 04; 11)
  { re: re(String.raw`(?:予以公开|同意公开|全部公开|公开)(?:及|和|与|、)部分公开${CONN}${NUM}\s*件`), readings: () => [{ name: '（一） + （二）', cells: [app('DISCLOSED'), app('PARTIALLY_DISCLOSED')] }], needsApplicationContext: true },
  { re: re(String.raw`(?<![不主])(?:予以公开|同意公开|全部公开)${CONN}${NUM}\s*件`), readings: one('（一）', [app('DISCLOSED')]), needsApplicationContext: true },
  { re: re(String.raw`(?<![及和与、])部分公开${CONN}${NUM}\s*件`), readings: one('（二）', [app('PARTIALLY_DISCLOSED')]), needsApplicationContext: true },
  { re: re(String.raw`不予公开${CONN}${NUM}\s*件`), readings: (v) => [{ name: '（三）', cells: rowsStartingWith(v, 'WITHHELD_') }], needsApplicationContext: true },
  { re: re(String.raw`无法提供${CONN}${NUM}\s*件`), readings: (v) => [{ name: '（四）', cells: rowsStartingWith(v, 'UNAVAILABLE_') }], needsApplicationContext: true },
  { re: re(String.raw`不予处理${CONN}${NUM}\s*件`), readings: (v) => [{ name: '（五）', cells: rowsStartingWith(v, 'NOT_PROCESSED_') }], needsApplicationContext: true },
  { re: re(String.raw`其他处理${CONN}${NUM}\s*件`), readings: (v) => [{ name: '（六）', cells: rowsStartingWith(v, 'OTHER_') }], needsApplicationContext: true },
  // 行政复议 N件 (01, 04, 13, 16) and N件…行政复议 (11 有 1 件涉及政府信息公开工作的行政复议)
  { re: re(String.raw`行政复议${CONN}${NUM}\s*件`), readings: one('行政复议 总计', ['reviewsAndLitigation.ADMINISTRATIVE_REVIEW.TOTAL']), guardClause: true },
  {
    re: re(String.raw`${NUM}\s*件(?<gap>${GAP}{0,15}?)行政复议(?!决定|机关)`),
    readings: one('行政复议 总计', ['reviewsAndLitigation.ADMINISTRATIVE_REVIEW.TOTAL']),
    guardClause: true,
    accept: ({ gap, before }) => !/、|^[和及与]|诉讼|复议/.test(gap) && !/诉讼|复议/.test(before.slice(-4)),
  },
  // 行政诉讼 N件 (04, 05, 11, 13), and a bare 诉讼 N件 right after 行政复议 (16 行政复议7件，诉讼9件)
  { re: re(String.raw`行政诉讼${CONN}${NUM}\s*件`), readings: () => [LITIGATION], guardClause: true },
  {
    re: re(String.raw`(?<=[，、和及与,])诉讼${CONN}${NUM}\s*件`),
    readings: () => [LITIGATION],
    guardClause: true,
    accept: ({ before }) => before.includes('行政复议'),
  },
];

/** 2021 format only: 表二 第（一）项 行政规范性文件 (04 现行有效行政规范性文件393件 vs 470; 05 698; 01 尚余有效规范性文件7件). */
const PATTERNS_2021: Pattern[] = [
  { re: re(String.raw`(?<!失)有效(?:的)?(?:行政)?规范性文件${CONN}${NUM}\s*件`), readings: one('现行有效件数', ['proactiveDisclosure.NORMATIVE_DOCUMENTS.IN_FORCE']), guardClause: true },
  { re: re(String.raw`制发(?:的)?(?:行政)?规范性文件${CONN}${NUM}\s*件`), readings: one('本年制发件数', ['proactiveDisclosure.NORMATIVE_DOCUMENTS.ISSUED']), guardClause: true },
];

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Arabic digits, or a small Chinese numeral (一, 十二, 三十五, 一百); null when it is not a number. */
export function parseCount(text: string): number | null {
  if (/^\d+(?:,\d{3})*$/.test(text)) return Number(text.replace(/,/g, ''));
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      if (digit !== null) return null;
      digit = CN_DIGITS[ch];
    } else if (ch === '十' || ch === '百') {
      total += (digit ?? 1) * (ch === '十' ? 10 : 100);
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

const CLAUSE_BREAK = /[，。；,;！？!?：:\n]/;
const SENTENCE_BREAK = /[。；;！？!?\n]/;

function lastBreak(text: string, end: number, breaks: RegExp): number {
  for (let i = end - 1; i >= 0; i--) if (breaks.test(text[i])) return i + 1;
  return 0;
}
function nextBreak(text: string, start: number, breaks: RegExp): number {
  for (let i = start; i < text.length; i++) if (breaks.test(text[i])) return i;
  return text.length;
}

function otherPeriod(clause: string, year: number): boolean {
  if (/上年|去年|上一年|前一年|前年|同比|较|历年|累计|其中/.test(clause.replace(/年内累计/g, ''))) return true;
  for (const m of clause.matchAll(/(\d{4})\s*年/g)) if (Number(m[1]) !== year) return true;
  return false;
}

/** The sum of the cells' values, and whether it is exact or, some cells being blank, at least that. */
function resolvedSum(cells: string[], lookup: Lookup): { v: number; exact: boolean } | null {
  const values = cells.map(lookup);
  if (values.some((v) => v === undefined) || values.every((v) => v === null)) return null;
  return { v: values.reduce<number>((s, v) => s + (v ?? 0), 0), exact: values.every((v) => v !== null) };
}

/** NFKC, no HTML tags, one space for any whitespace run, and no space between two CJK characters (PDF hard wraps). */
function normalise(body: string): string {
  return body
    .normalize('NFKC')
    .replace(/<[^<>]{0,200}>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '');
}

export interface Claim {
  value: number;
  quote: string;
  section: string;
  readings: Reading[];
}

/** Every figure the narrative states unambiguously, with the table readings it is compared with. */
export function quotedFigures(report: InterchangeReport): Claim[] {
  const claims: Claim[] = [];
  const patterns = report.formatVersion === '2021' ? [...PATTERNS, ...PATTERNS_2021] : PATTERNS;
  for (const section of report.sections ?? []) {
    const text = typeof section?.body === 'string' ? normalise(section.body) : '';
    if (!text) continue;
    const taken: [number, number][] = [];
    for (const p of patterns) {
      for (const m of text.matchAll(p.re)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        const value = parseCount(m.groups?.n ?? '');
        if (value === null) continue;
        const clause = text.slice(lastBreak(text, start, CLAUSE_BREAK), start);
        if (p.guardClause && otherPeriod(clause, report.year)) continue;
        if (/主动/.test(clause.slice(-6))) continue;
        const sentenceStart = lastBreak(text, start, SENTENCE_BREAK);
        const sentence = text.slice(sentenceStart, nextBreak(text, end, SENTENCE_BREAK));
        const before = text.slice(sentenceStart, start);
        const after = text.slice(end, end + 30);
        if (p.needsApplicationContext && !/申请/.test(text.slice(Math.max(0, start - 300), start))) continue;
        if (p.accept && !p.accept({ gap: m.groups?.gap ?? '', before, after, sentence })) continue;
        taken.push([start, end]);
        const withCo = p.withCarriedOver && /^\s*[（(]\s*(?:含|包括|其中)(?:上一?年度?)?结转/.test(after);
        claims.push({
          value,
          quote: text.slice(Math.max(lastBreak(text, start, CLAUSE_BREAK), start - 20), end).trim(),
          section: `${section.number ?? ''}、${section.title ?? ''}`,
          readings: withCo ? [NEW_AND_CO] : p.readings(report.formatVersion),
        });
      }
    }
  }
  return claims;
}

export function checkNarrative(report: InterchangeReport, inferred: ReadonlyMap<string, number> = new Map()): Finding[] {
  const lookup: Lookup = (path) => {
    const v = getCell(report, path);
    return v === null ? inferred.get(path) ?? null : v;
  };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let claims: Claim[];
  try {
    claims = quotedFigures(report);
  } catch {
    return []; // odd text must never break the other checks
  }
  for (const claim of claims) {
    const known = claim.readings.flatMap((r) => {
      const sum = resolvedSum(r.cells, lookup);
      return sum ? [{ r, ...sum }] : [];
    });
    // blank cells may hold what a partial sum lacks
    if (known.length === 0 || known.some((s) => s.v === claim.value || (!s.exact && s.v < claim.value))) continue;
    const key = `${claim.readings.map((r) => r.name).join('|')}=${claim.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const main = known[0];
    const distinct = known.filter((s, i) => known.findIndex((o) => o.v === s.v) === i);
    const tables = distinct.map((s) => ({ cells: s.r.cells, value: s.v }));
    findings.push(
      finding(
        'X3',
        { code: 'QUOTED_FIGURE_MISMATCH', params: { formatVersion: report.formatVersion, section: claim.section, quote: claim.quote, value: claim.value, tables } },
        [...new Set(known.flatMap((s) => s.r.cells))],
        { expected: main.v, actual: claim.value },
      ),
    );
  }
  return findings;
}
