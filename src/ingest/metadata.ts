/** Year, title and issuing organ, best effort from the text. */
import type { FoldedText } from './normalize.js';

const TITLE = /政府信息公开(?:工作)?(?:年度)?报告/;

export function findTitle(text: string): string | null {
  const lines = text.split('\n').slice(0, 400);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^\s*(?:标题|title)\s*[:：]\s*/i, '').trim();
    if (line.includes('|')) continue;
    // A title wrapped over two short lines ("…2024年度政府" + "信息公开工作年度报告").
    const next = (lines[i + 1] ?? '').trim();
    if (!TITLE.test(line) && line.length <= 30 && next.length <= 20 && TITLE.test(line + next)) line += next;
    if (TITLE.test(line) && line.length <= 60 && !/[。；]/.test(line) && !/^(?:根据|本报告)/.test(line)) return line.replace(/\s+/g, '');
  }
  return null;
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

export function findAgency(text: string, title: string | null): string | null {
  if (title) {
    const before = /^(.{2,40}?)\d{4}年/.exec(title);
    if (before && ORGAN.test(before[1])) return before[1];
    const after = /\d{4}年度?(.{2,40}?)政府信息公开/.exec(title);
    if (after && ORGAN.test(after[1])) return after[1];
  }
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 10);
  const titleAt = lines.findIndex((l) => TITLE.test(l) || /^\d{4}\s*年/.test(l));
  if (titleAt > 0 && lines[titleAt - 1].length <= 30 && ORGAN.test(lines[titleAt - 1])) return lines[titleAt - 1];
  const contact = /(?:可与|请与|由)([^，。,；\s]{2,30}?)(?:办公室)?(?:联系|编制)/.exec(text);
  if (contact && ORGAN.test(contact[1])) return contact[1];
  const head = /发布机构\s*[:：]\s*(\S+)/.exec(text);
  if (head && ORGAN.test(head[1])) return head[1];
  return null;
}

/** The page's own title (meta ArticleTitle or <title>), without the site name suffix. */
export function htmlTitle(html: string): string | null {
  const m = /<meta[^>]+name=["']?ArticleTitle["']?[^>]+content=["']([^"']+)/i.exec(html) ?? /<title>([^<]+)<\/title>/i.exec(html);
  if (!m) return null;
  const t = m[1].split(/[_|]| - /)[0].trim();
  return TITLE.test(t) ? t : null;
}
