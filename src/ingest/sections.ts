/**
 * The six parts. Headings are found by their catalog titles, fuzzily (printed titles vary: the long
 * 条例 wording, typos, 统计表 suffixes) and in order, ignoring the printed numeral: Shanghai reports
 * renumber their tables.
 */
import { formatSpec, type FormatVersion, type InterchangeSection } from '../format/index.js';

const HEADING = /(?:^|[\s。；>|\d)）])([一二三四五六七八九十]{1,2})、(?=\s*([^\n|]{2,40}))/g;

function subsequenceRatio(title: string, window: string): { ratio: number; end: number } {
  let j = 0;
  let end = 0;
  for (let i = 0; i < window.length && j < title.length; i++) {
    if (window[i] === title[j]) {
      j++;
      end = i + 1;
    }
  }
  return { ratio: j / title.length, end };
}

export function findSections(text: string, version: FormatVersion): InterchangeSection[] {
  const specs = formatSpec(version).sections;
  const heads: { at: number; bodyAt: number; code: string; number: number; title: string }[] = [];
  let from = 0;
  let si = 0;
  const all = [...text.matchAll(HEADING)];
  for (const m of all) {
    if (si >= specs.length) break;
    const at = m.index! + m[0].indexOf(m[1]);
    if (at < from) continue;
    const window = m[2].normalize('NFKC');
    // A later part may match when an earlier one is missing from the text.
    for (let s = si; s < specs.length; s++) {
      const title = specs[s].title.normalize('NFKC');
      const { ratio, end } = subsequenceRatio(title, window);
      if (ratio >= 0.8 && end <= title.length + 12) {
        const printed = window.slice(0, end).trim();
        heads.push({ at, bodyAt: at + m[1].length + 1 + m[2].indexOf(m[2].trimStart()) + end, code: specs[s].code, number: specs[s].number, title: printed });
        si = s + 1;
        from = at + 1;
        break;
      }
    }
  }
  return heads.map((h, i) => ({
    number: h.number,
    code: h.code,
    title: h.title,
    body: text
      .slice(h.bodyAt, heads[i + 1]?.at ?? text.length)
      .replace(/[ \t]*\|[ \t]*/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  }));
}
