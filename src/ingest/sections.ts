/**
 * The six parts. Headings are found by their catalog titles, fuzzily (printed titles vary: the long
 * 条例 wording, typos, 统计表 suffixes) and in order, ignoring the printed numeral: Shanghai reports
 * number their body text 一~六 and then their tables 一~三 again. Where a title matches several
 * headings, the tables decide: a table part's heading is the one right before its table.
 *
 * A part's body is its narrative: the cells and labels of a table are cut out of it (they live in
 * the table fields), the prose around the table (intro sentences, 注：… notes) is kept.
 */
import { codedFinding, formatSpec, type Finding, type FormatVersion, type InterchangeSection } from '../format/index.js';
import { TABLE_CHARS, TABLE_VOCAB } from './labels.js';
import { fold, indexesOf, type FoldedText, lowerBound } from './normalize.js';
import { concat, plain, printedText, replace, slice, trim, type Twin } from './printed.js';
import type { Bounds } from './tables.js';

/** A numbered heading: "三、", "三.", "第三部分", "表三：" (the numeral itself is not trusted). */
const HEADING = /(?:第([一二三四五六七八九十]{1,2})部分[、.:：\s]*|(表)?([一二三四五六七八九十]{1,2})\s*[、.,:：](?![、.,:：]))/g;
/** A heading that follows in the same cell or sentence: "第一、", "（一、", "十一、" are not part headings. */
const NOT_BEFORE = /[一二三四五六七八九十第(（]/;
const WINDOW = 44;
/** Most characters a printed title may add to the catalog wording (the 条例 wording adds 8). */
const MAX_EXTRA = 12;
const TITLE_SUFFIX = /^(?:统计表|情况表|统计|表)/;
/** Sub-heading that opens part 五 when its own heading was lost (PDF conversion, renumbered layouts). */
const PROBLEMS_START = /(?:^|\n)[ \t#*]*(?:[(（]?[一1][)）.、]?)?[ \t]*[^\n。]{0,10}(?:主要问题|存在的?问题|问题和不足|不足之处)/;
/** Page furniture of a web page after the report (buttons, share bars, footers). */
const FURNITURE = /(?:^|\s)(?:附件下载|扫一扫|【?打印(?:本页|此页)?】?(?=\s|$)|【?关闭(?:窗口|本页)?】?(?=\s|$)|上一篇|下一篇|分享到|相关(?:链接|阅读|文章)[:：]?(?=\s|$)|版权所有|主办单位[:：]|网站标识码|[\u4e00-\u9fff]{0,6}ICP备|技术支持[:：])/;

interface Candidate {
  at: number;
  bodyAt: number;
  spec: number;
  quality: number;
  /** As printed (cut from the twin), or the catalog's title for a heading that is not printed. */
  title: Twin;
}

/** LCS of title and a prefix of window; the shortest prefix that reaches the maximum. */
function lcsPrefix(title: string, window: string): { common: number; end: number } {
  const n = title.length;
  let prev = new Array<number>(n + 1).fill(0);
  let best = 0;
  let end = 0;
  for (let i = 1; i <= window.length; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    for (let j = 1; j <= n; j++) {
      cur[j] = window[i - 1] === title[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    if (cur[n] > best) {
      best = cur[n];
      end = i;
    }
    prev = cur;
  }
  return { common: best, end };
}

/** Per character code, a bit per title that contains it: one pass over a window counts them all. */
const titleBits = new Map<string, { table: Uint8Array; titles: string[] }>();
function bitsFor(titles: string[]): Uint8Array {
  const key = titles.join('|');
  let entry = titleBits.get(key);
  if (!entry) {
    const table = new Uint8Array(65536);
    titles.forEach((t, s) => {
      for (const ch of new Set(t)) table[ch.charCodeAt(0)] |= 1 << s;
    });
    titleBits.set(key, (entry = { table, titles }));
  }
  return entry.table;
}

function matchTitle(titles: string[], window: string): { spec: number; quality: number; end: number } | null {
  let out: { spec: number; quality: number; end: number } | null = null;
  const w = window; // the prepared text is NFKC already
  // Cheap bound first: enough of each title's characters must be in reach at all.
  const bits = bitsFor(titles);
  const present = new Array<number>(titles.length).fill(0);
  const maxReach = Math.min(w.length, Math.max(...titles.map((t) => t.length)) + MAX_EXTRA);
  for (let i = 0; i < maxReach; i++) {
    const b = bits[w.charCodeAt(i)];
    if (!b) continue;
    for (let s = 0; s < titles.length; s++) if (b & (1 << s) && i < titles[s].length + MAX_EXTRA) present[s]++;
  }
  for (let s = 0; s < titles.length; s++) {
    const t = titles[s];
    if (present[s] < 0.8 * t.length) continue;
    const { common, end } = lcsPrefix(t, w);
    const ratio = common / t.length;
    const extra = end - common;
    if (ratio >= 0.8 && extra <= MAX_EXTRA && extra <= common) {
      const quality = ratio - extra / 40;
      if (!out || quality > out.quality) out = { spec: s, quality, end };
    }
  }
  return out;
}

function candidates(tw: Twin, titles: string[]): Candidate[] {
  const text = tw.text;
  const out: Candidate[] = [];
  for (const m of text.matchAll(HEADING)) {
    const at = m.index!;
    if (at > 0 && NOT_BEFORE.test(text[at - 1])) continue;
    const start = at + m[0].length;
    const lineEnd = text.indexOf('\n', start);
    const raw = text.slice(start, Math.min(start + WINDOW, lineEnd < 0 ? text.length : lineEnd));
    const lead = raw.length - raw.trimStart().length;
    const window = raw.trimStart().split('|')[0];
    let hit = matchTitle(titles, window);
    if (hit) {
      let title = window.slice(0, hit.end);
      const suffix = TITLE_SUFFIX.exec(window.slice(hit.end));
      if (suffix) title += suffix[0];
      const bodyAt = start + lead + title.length;
      out.push({ at, bodyAt, spec: hit.spec, quality: hit.quality - (m[2] ? 0.3 : 0), title: trim(slice(tw, start + lead, bodyAt)) });
      continue;
    }
    // A heading hard-wrapped onto the next line ("一、总体\n情况"): join the two lines.
    if (lineEnd < 0 || lineEnd - start >= WINDOW || window.length !== raw.trimStart().length) continue;
    const next = text.slice(lineEnd + 1, lineEnd + 1 + WINDOW).split(/\n|\|/)[0];
    const indent = next.length - next.trimStart().length;
    const joined = window + next.trimStart();
    hit = matchTitle(titles, joined);
    if (!hit || hit.end <= window.length) continue;
    let title = joined.slice(0, hit.end);
    const suffix = TITLE_SUFFIX.exec(joined.slice(hit.end));
    if (suffix) title += suffix[0];
    const bodyAt = lineEnd + 1 + indent + (title.length - window.length);
    const printed = concat([slice(tw, start + lead, lineEnd), slice(tw, lineEnd + 1 + indent, bodyAt)]);
    out.push({ at, bodyAt, spec: hit.spec, quality: hit.quality - 0.1 - (m[2] ? 0.3 : 0), title: trim(printed) });
  }
  // A title alone on its line without a numeral ("总体情况", "**其他需要报告的事项**").
  const lineRe = /^[ \t#*【\[]*([^\n|]{3,40}?)[ \t*】\]:：]*$/gm;
  for (const m of text.matchAll(lineRe)) {
    if (/\d/.test(m[1])) continue; // a title line has no numbers
    const hit = matchTitle(titles, m[1]);
    if (!hit || hit.end < m[1].length - 3 || hit.quality < 0.9) continue;
    if (out.some((c) => c.at <= m.index! + m[0].length && c.bodyAt >= m.index!)) continue;
    const titleAt = m.index! + m[0].indexOf(m[1]);
    out.push({ at: m.index!, bodyAt: m.index! + m[0].length, spec: hit.spec, quality: hit.quality - 0.2, title: trim(slice(tw, titleAt, titleAt + m[1].length)) });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Where each table begins in the text (from the table reader's bounds), for the table parts. */
function anchorsOf(ft: FoldedText, codes: string[], b: Bounds): Map<number, number> {
  const at = (f: number) => (f >= 0 && f < ft.folded.length ? ft.map[f] : -1);
  const out = new Map<number, number>();
  const put = (code: string, f: number) => {
    const s = codes.indexOf(code);
    if (s >= 0 && at(f) >= 0) out.set(s, at(f));
  };
  put('PROACTIVE_DISCLOSURE', b.t2);
  put('APPLICATIONS', b.t3);
  put('REVIEWS_AND_LITIGATION', b.t4);
  return out;
}

/** The best in-order choice of headings: most parts, then headings right before their tables. */
const MAX_CANDIDATES = 400;

function choose(all: Candidate[], anchors: Map<number, number>, length: number): Candidate[] {
  // A text that repeats a title thousands of times: keep the best-matching ones (quadratic below).
  const cands = all.length <= MAX_CANDIDATES ? all : [...all].sort((a, b) => b.quality - a.quality).slice(0, MAX_CANDIDATES).sort((a, b) => a.at - b.at);
  const score = (c: Candidate) => {
    let s = 10 + c.quality;
    const a = anchors.get(c.spec);
    if (a !== undefined) s += c.at <= a ? 2 + (0.5 * c.at) / length : -2;
    return s;
  };
  const best: { total: number; prev: number }[] = [];
  for (let i = 0; i < cands.length; i++) {
    best.push({ total: score(cands[i]), prev: -1 });
    for (let j = 0; j < i; j++) {
      if (cands[j].spec >= cands[i].spec || cands[j].bodyAt > cands[i].at) continue;
      const t = best[j].total + score(cands[i]);
      if (t > best[i].total) best[i] = { total: t, prev: j };
    }
  }
  let end = -1;
  for (let i = 0; i < best.length; i++) if (end < 0 || best[i].total > best[end].total) end = i;
  const out: Candidate[] = [];
  for (let i = end; i >= 0; i = best[i].prev) out.unshift(cands[i]);
  return out;
}

/** Table spans inside [from, to) of the text: runs of table words and numbers with only table debris between. */
export function tableSpans(ft: FoldedText, from: number, to: number): [number, number][] {
  const fFrom = lowerBound(ft.map, from);
  const fTo = lowerBound(ft.map, to);
  const f = ft.folded;
  const atoms: { s: number; e: number; word: boolean }[] = [];
  for (const w of TABLE_VOCAB) for (const i of indexesOf(f, w, fFrom, fTo)) atoms.push({ s: i, e: i + w.length, word: true });
  const digits = /[增减]?\d+(?:\.\d+)?(?:万元|元|件|条|个|项|%)?/g;
  digits.lastIndex = fFrom;
  for (let m = digits.exec(f); m && m.index < fTo; m = digits.exec(f)) atoms.push({ s: m.index, e: Math.min(fTo, m.index + m[0].length), word: false });
  atoms.sort((a, b) => a.s - b.s || b.e - a.e);
  const spans: [number, number][] = [];
  let i = 0;
  while (i < atoms.length) {
    let e = atoms[i].e;
    let words = atoms[i].word ? 1 : 0;
    let count = 1;
    const s = atoms[i].s;
    let j = i + 1;
    for (; j < atoms.length; j++) {
      const a = atoms[j];
      if (a.s > e && !gapIsDebris(f, e, a.s)) break;
      e = Math.max(e, a.e);
      count++;
      if (a.word) words++;
    }
    // A table cut off by the end of the part (an excerpt) leaves a piece of a label behind.
    if (j === atoms.length && e < fTo && gapIsDebris(f, e, fTo)) e = fTo;
    const whole = s === fFrom && e === fTo && words > 0;
    if ((words >= 2 && count >= 4) || whole) spans.push([ft.map[s], ft.map[e - 1] + 1]);
    i = j;
  }
  return spans;
}

function gapIsDebris(f: string, a: number, b: number): boolean {
  if (b - a > 30) return false;
  for (let k = a; k < b; k++) if (!TABLE_CHARS.has(f[k])) return false;
  return true;
}

/** Markdown heading marks, cell separators and page breaks out, blank lines squeezed: the printed characters stay. */
function tidy(body: Twin): string {
  let t = replace(body, /^[ \t]*#{1,6}[ \t]*/gm, '');
  t = replace(t, /[ \t]*\|[ \t]*/g, ' ');
  t = replace(t, /[ \t]+$/gm, '');
  // Blank lines are empty by now; a repeated group here overflowed the stack on a million of them.
  t = replace(t, /\n{3,}/g, '\n\n');
  // A page break (pdftotext's form feed, and the blank lines its dropped page counter left) is no
  // break in the text: a paragraph runs on over it. Runs of newlines are short by now (linear).
  t = replace(t, /\n{0,2}\f[\f\n]*/g, '\n');
  return printedText(trim(t));
}

const TABLE_PARTS = new Set(['PROACTIVE_DISCLOSURE', 'APPLICATIONS', 'REVIEWS_AND_LITIGATION']);

export function findSections(ft: FoldedText, version: FormatVersion, bounds: Bounds, findings: Finding[]): InterchangeSection[] {
  const text = ft.text;
  const tw: Twin = { text, printed: ft.printed };
  const specs = formatSpec(version).sections;
  const titles = specs.map((s) => fold(s.title));
  const codes = specs.map((s) => s.code);
  const anchors = anchorsOf(ft, codes, bounds);
  const heads = choose(candidates(tw, titles), anchors, text.length);

  // A table part whose heading is lost (a dropped line, an image heading): it starts where its
  // table does, if that lies between the parts found around it.
  for (const [spec, at] of [...anchors].sort((a, b) => a[0] - b[0])) {
    if (heads.some((h) => h.spec === spec)) continue;
    const next = heads.findIndex((h) => h.spec > spec);
    const prev = next < 0 ? heads.length - 1 : next - 1;
    if (prev >= 0 && heads[prev].bodyAt > at) continue;
    if (next >= 0 && heads[next].at < at) continue;
    const start = text.lastIndexOf('\n', at) + 1 > (prev >= 0 ? heads[prev].bodyAt : 0) ? text.lastIndexOf('\n', at) + 1 : at;
    heads.splice(next < 0 ? heads.length : next, 0, { at: start, bodyAt: start, spec, quality: 0, title: plain(specs[spec].title) });
    findings.push(codedFinding('PARSE', 'INFO', { code: 'SECTION_HEADING_MISSING', params: { number: specs[spec].number, title: specs[spec].title } }, []));
  }

  // Part 五 without a heading: after 表四, the narrative opens with its "(一)主要问题" sub-heading.
  const p5 = codes.indexOf('PROBLEMS_AND_IMPROVEMENTS');
  const h4 = heads.findIndex((h) => h.spec === codes.indexOf('REVIEWS_AND_LITIGATION'));
  if (p5 >= 0 && h4 >= 0 && !heads.some((h) => h.spec === p5) && (heads[h4 + 1]?.spec ?? Infinity) > p5) {
    const from = heads[h4].bodyAt;
    const to = heads[h4 + 1]?.at ?? text.length;
    const spans = tableSpans(ft, from, to);
    const after = spans.length ? spans[spans.length - 1][1] : from;
    const m = PROBLEMS_START.exec(text.slice(after, to));
    if (m) {
      const at = after + m.index + (m[0].startsWith('\n') ? 1 : 0);
      heads.splice(h4 + 1, 0, { at, bodyAt: at, spec: p5, quality: 0, title: plain(specs[p5].title) });
      findings.push(codedFinding('PARSE', 'INFO', { code: 'SECTION_FIVE_START_INFERRED', params: { title: specs[p5].title, start: m[0].trim() } }, []));
    }
  }

  return heads.map((h, i) => {
    let end = heads[i + 1]?.at ?? text.length;
    if (i === heads.length - 1) {
      const furniture = FURNITURE.exec(text.slice(h.bodyAt, end));
      if (furniture) end = h.bodyAt + furniture.index;
    }
    let body = slice(tw, h.bodyAt, end);
    if (TABLE_PARTS.has(codes[h.spec])) {
      // the pieces between the tables, joined once (cutting the spans out one at a time cost spans × body)
      const pieces: (Twin | string)[] = [];
      let last = 0;
      for (const [s, e] of tableSpans(ft, h.bodyAt, end)) {
        pieces.push(slice(body, last, s - h.bodyAt), '\n');
        last = e - h.bodyAt;
      }
      body = concat([...pieces, slice(body, last)]);
    }
    return { number: specs[h.spec].number, code: specs[h.spec].code, title: printedText(h.title), body: tidy(body) };
  });
}
