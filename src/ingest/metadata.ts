/** Year, title and issuing organ, best effort from the text. */
import type { FoldedText } from './normalize.js';
import { concat, printedText, replace, slice, trim, type Twin } from './printed.js';

const TITLE = /政府信息公开(?:工作)?(?:年度)?报告/;

const TITLE_LABEL = /^\s*(?:(?:标题|title)\s*[:：]|#{1,6}(?=\s))\s*/i;

/** A line without a "标题:" label or Markdown heading marks and without whitespace (a heading printed letter-spaced keeps it in pdftotext -layout). */
const squeezed = (line: string) => line.replace(TITLE_LABEL, '').trim().replace(/\s+/g, '');

/**
 * The report's title, found and compared on the normalised text (`title`: what agency and year are
 * matched in) and given out as printed (`printed`: full-width brackets and punctuation kept): lines
 * are judged on the normalised text alone, and only the title's twin is made.
 */
export function findTitle(twin: Twin): { title: string; printed: string } | null {
  // the first 400 lines only: splitting a long text whole would cost its length
  let end = -1;
  for (let n = 0; n < 400; n++) if ((end = twin.text.indexOf('\n', end + 1)) < 0) break;
  const head = end < 0 ? twin : slice(twin, 0, end);
  const lines = head.text.split('\n');
  for (let i = 0, start = 0; i < lines.length; start += lines[i].length + 1, i++) {
    // (no title ends on these two lines)
    if (!lines[i].includes('告') && !lines[i + 1]?.includes('告')) continue;
    const line = squeezed(lines[i]);
    if (line.includes('|')) continue;
    // A title wrapped over two short lines ("…2024年度政府" + "信息公开工作年度报告").
    const next = (lines[i + 1] ?? '').replace(/\s+/g, '');
    const wrapped = !TITLE.test(line) && line.length <= 30 && next.length <= 20 && TITLE.test(line + next);
    const title = wrapped ? line + next : line;
    if (TITLE.test(title) && title.length <= 60 && !/[。；]/.test(title) && !/^(?:根据|本报告)/.test(title) && !citesTheFormat(title)) {
      const at = (from: number, text: string) => slice(head, from, from + text.length);
      const first = replace(trim(replace(at(start, lines[i]), TITLE_LABEL, '')), /\s+/g, '');
      const found = wrapped ? concat([first, replace(at(start + lines[i].length + 1, lines[i + 1]), /\s+/g, '')]) : first;
      return { title: found.text, printed: printedText(found) };
    }
  }
  return null;
}

/**
 * A line that names the format ("印发〈…政府信息公开工作年度报告格式〉的通知", which every report's
 * introduction cites) is prose: a paragraph hard-wrapped by pdftotext may start a line there.
 */
function citesTheFormat(text: string): boolean {
  const at = TITLE.exec(text);
  if (!at) return false;
  const before = text.slice(0, at.index);
  const open = (o: string, c: string) => before.lastIndexOf(o) > before.lastIndexOf(c);
  return /^格式/.test(text.slice(at.index + at[0].length)) || open('〈', '〉') || open('《', '》') || open('<', '>');
}

export function findYear(ft: FoldedText, title: string | null): number | null {
  const f = ft.folded;
  const period = /(\d{4})年1月1日(?:起)?(?:至|到|-|—|~)(\d{4})年12月31日/.exec(f);
  if (period && period[1] === period[2]) return Number(period[1]);
  if (title) {
    const m = /(\d{4})年/.exec(title);
    if (m) return Number(m[1]);
  }
  const inline = /(\d{4})年度?[^。]{0,20}?政府信息公开(?:工作)?年度报告/.exec(f);
  if (inline) return Number(inline[1]);
  // Last resort: the year the text talks about most.
  const counts = new Map<number, number>();
  for (const m of f.matchAll(/(20\d{2})年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return best ? best[0] : null;
}

const ORGAN = /(?:人民政府办公厅|人民政府办公室|人民政府|管委会|管理委员会|委员会|办公厅|办公室|局|委|厅|署|院|街道办事处|办事处|参事室|中心|镇|乡|街道|实验区|新区)$/;
/** Names of places (a report titled by its region is that region's government's report). */
const PLACE = /(?:省|自治区|市|州|盟|地区|区|县|旗|镇|乡|街道|实验区|新区|开发区)$/;
/** The government organ of a place, as printed after the place name. */
const GOV_ORGAN = /^(?:党工委管委会|管委会|管理委员会|人民政府|行政公署|街道办事处|办事处)/;
/** Words that open a verb phrase after the subject of a sentence ("官洲街道办事处认真贯彻…"). */
const VERB = '(?:认真|坚持|深入|严格|全面|紧紧|不断|高度|扎实|持续|始终|按照|围绕|积极|进一步|聚焦|把|将|在|对|共|主动|依法)';
const ORGAN_WORD = '(?:人民政府办公厅|人民政府办公室|人民政府|政府|街道办事处|管委会|管理委员会|委员会|办公厅|局|委|厅|署|参事室|中心)';
const HAN = /[\u4e00-\u9fff]/;

/** A name that is only a level ("区统计局", "县人民政府") names no one. */
function bare(name: string): boolean {
  return /^(?:省|市|区|县|镇|乡|州|旗|本|我|该)/.test(name);
}

function titleName(title: string | null): string | null {
  if (!title) return null;
  const before = /^(.{2,40}?)\d{4}年/.exec(title);
  if (before && (ORGAN.test(before[1]) || PLACE.test(before[1]))) return before[1];
  const after = /\d{4}年度?(.{2,40}?)政府信息公开/.exec(title);
  if (after && (ORGAN.test(after[1]) || PLACE.test(after[1]))) return after[1];
  return null;
}

/** The organ of a place, as the text prints it ("平潭综合实验区管委会办公室" -> 平潭综合实验区管委会). */
function organOfPlace(text: string, place: string): string | null {
  const counts = new Map<string, number>();
  let i = text.indexOf(place);
  while (i >= 0) {
    const m = GOV_ORGAN.exec(text.slice(i + place.length, i + place.length + 8));
    if (m) {
      const organ = place + m[0].replace(/^党工委/, '');
      counts.set(organ, (counts.get(organ) ?? 0) + 1);
    }
    i = text.indexOf(place, i + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}

/** Names printed in the text in the places a report names its issuer. */
function printedNames(text: string): string[] {
  const out: string[] = [];
  const head = /(?:发布机构|来源)\s*[:：]\s*([^\s:：|]{2,30})/.exec(text);
  if (head && ORGAN.test(head[1])) out.push(head[1]);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const titleAt = lines.slice(0, 10).findIndex((l) => TITLE.test(l) || /^\d{4}\s*年/.test(l));
  if (titleAt > 0 && lines[titleAt - 1].length <= 30 && ORGAN.test(lines[titleAt - 1])) out.push(lines[titleAt - 1]);
  // "请与山亭区人民政府办公室联系", "由淮安市人民政府办公室根据…编制": the organ, not its office.
  for (const contact of text.matchAll(/(?:可与|请与|由)([^，。,；;\s(（《]{2,40}?)(?:联系|编制)/g)) {
    const organ = /^[\u4e00-\u9fff]{2,30}(?:人民政府|政府|管委会|管理委员会|委员会|局|委|厅|署|参事室|中心|街道办事处|办事处)/.exec(contact[1]);
    if (organ) {
      out.push(organ[0]);
      break;
    }
  }
  // A signature: a short line with only an organ name, near the end, before or after the date.
  for (const l of lines.slice(-4)) if (l.length <= 30 && new RegExp(`^[\u4e00-\u9fff]{2,28}${ORGAN_WORD}$`).test(l)) out.push(l);
  // The subject of the overview's first sentences.
  const subject = new RegExp(`(?:^|[，,。；\s])(?:\d{4}年[，,]?)?(?:[^，。,]{0,20}下[，,])?([\u4e00-\u9fff]{2,20}?${ORGAN_WORD})${VERB}`).exec(text.slice(0, 3000));
  if (subject) out.push(subject[1]);
  return out;
}

/** "区统计局" printed somewhere with its place ("皮山县统计局"): the fullest form the text has. */
function fullest(text: string, name: string): string {
  if (!bare(name)) return name;
  const re = new RegExp(`([\u4e00-\u9fff]{2,6}?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
  const found = new Map<string, number>();
  for (const m of text.matchAll(re)) {
    // the shortest place prefix ending at a place suffix char
    for (let k = 2; k <= m[1].length; k++) {
      const p = m[1].slice(m[1].length - k);
      if (PLACE.test(p + name[0]) && !/^[的在和与及对为由向]/.test(p)) {
        const full = p + name;
        found.set(full, (found.get(full) ?? 0) + 1);
        break;
      }
    }
  }
  const best = [...found].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : name;
}

/**
 * "山亭区人民政府" and "枣庄市山亭区" both printed: the qualified "枣庄市山亭区人民政府". Only a
 * county-level place is qualified, only by a city printed right before it, only if one city is.
 */
function qualified(text: string, organ: string): string {
  const place = /^([\u4e00-\u9fff]{1,6}?[区县旗])(?=人民政府|管委会|[\u4e00-\u9fff]{1,8}(?:局|委|办|中心|署))/.exec(organ);
  if (!place || /[市州盟]/.test(place[1].slice(0, -1))) return organ;
  const cities = new Set<string>();
  let i = text.indexOf(place[1]);
  while (i >= 0) {
    for (let k = 3; k <= 5 && i - k >= 0; k++) {
      const cand = text.slice(i - k, i);
      if (!/^[\u4e00-\u9fff]+[市州盟]$/.test(cand)) continue;
      const before = text[i - k - 1] ?? '';
      if (!HAN.test(before) || /[省区]/.test(before)) {
        cities.add(cand);
        break;
      }
    }
    i = text.indexOf(place[1], i + 1);
  }
  return cities.size === 1 ? [...cities][0] + organ : organ;
}

/**
 * The issuing organ, best effort: the title's organ, or the organ of the title's place as the text
 * prints it, or the organ named where reports name their issuer (发布机构, contact, 编制, signature,
 * subject of the overview). Names without a place ("区统计局") are completed only from the text.
 */
export function findAgency(text: string, title: string | null): string | null {
  const fromTitle = titleName(title);
  let name: string | null = null;
  if (fromTitle && !bare(fromTitle)) {
    name = ORGAN.test(fromTitle) && !/(?:实验区|新区|镇|乡|街道)$/.test(fromTitle) ? fromTitle : organOfPlace(text, fromTitle) ?? fromTitle;
  } else {
    for (const n of printedNames(text)) {
      const full = fullest(text, n);
      if (!bare(full)) {
        name = full;
        break;
      }
    }
  }
  return name ? qualified(text, name) : null;
}

/** The page's own title (meta ArticleTitle or <title>), without the site name suffix. */
export function htmlTitle(html: string): string | null {
  const m = /<meta[^>]+name=["']?ArticleTitle["']?[^>]+content=["']([^"']+)/i.exec(html) ?? /<title>([^<]+)<\/title>/i.exec(html);
  if (!m) return null;
  const t = m[1].split(/[_|]| - /)[0].trim();
  return TITLE.test(t) ? t : null;
}
