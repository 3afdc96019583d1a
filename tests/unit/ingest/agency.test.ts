import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/ingest/index.js';

const dir = join(__dirname, '../../fixtures/corpus');
const file = (prefix: string) => readdirSync(dir).find((f) => f.startsWith(prefix) && /\.(txt|html)$/.test(f))!;
const parse = (prefix: string) => parseReport(new Uint8Array(readFileSync(join(dir, file(prefix)))), { fileName: file(prefix) });

/**
 * What agencyName is for each corpus file, and why. Expected names that carry metadata not in the
 * text ("（平潭县人民政府）", "（办公室编制）", "上海市科学技术委员会") are not chased: only what the text prints.
 */
const CASES: [prefix: string, name: string | null, why: string][] = [
  ['01_', '枣庄市山亭区人民政府', 'no title; contact "可与山亭区人民政府办公室联系" gives the organ, the address "枣庄市山亭区府前路" qualifies its district'],
  ['02_', '平潭综合实验区管委会', 'title names the place 平潭综合实验区; the text prints its organ "平潭综合实验区管委会(办公室)"'],
  ['04_', '平潭综合实验区管委会', 'same as 02'],
  ['05_', '平潭综合实验区管委会', 'same as 02 (contact "请与平潭综合实验区管委会办公室…联系")'],
  ['06_', '平潭综合实验区管委会', 'same as 02 ("平潭综合实验区管委会办公室关于…")'],
  ['08_', '平潭综合实验区管委会', 'same as 02'],
  ['11_', '上海市科委', 'title "2024年上海市科委政府信息公开工作年度报告"; the full name is not printed'],
  ['13_', '淮安市人民政府', 'title line "淮安市人民政府"'],
  ['16_', '上海市人民政府办公厅', 'page title names the 办公厅 itself as the issuer'],
  ['17_', null, 'only "区统计局": the district is never named'],
  ['18_', null, 'only "我局"'],
  ['19_', null, 'title has no organ, text says only "区统计局"'],
  ['20_', '皮山县统计局', 'the overview says "县统计局"; the text also prints "皮山县统计局", the fullest form'],
  ['21_', '上海市人民政府参事室', 'title'],
  ['22_', '西咸新区底张街道办事处', 'title'],
  ['23_', '官洲街道办事处', 'subject of the overview\'s first sentence; its district (海珠区) is not printed'],
  ['24_', '前进区教育局', 'title; its city (佳木斯市) is not printed next to it'],
  ['25_', null, 'only "我局"'],
  ['26_', null, 'only "我局" and "教育局"'],
  ['27_', '故城县教育局', 'title'],
  ['28_', '平潭综合实验区管委会', 'same report as 04, as a site page'],
];

describe('agencyName: the fullest name the text supports, never invented', () => {
  for (const [prefix, name, why] of CASES) {
    it(`${prefix}: ${name ?? 'null'} — ${why}`, () => {
      expect(parse(prefix).agencyName).toBe(name);
    });
  }

  it('every returned name is printed in the text, or is a printed place plus a printed organ of it', () => {
    for (const [prefix, name] of CASES) {
      if (!name) continue;
      const text = readFileSync(join(dir, file(prefix)), 'utf8').normalize('NFKC').replace(/\s+/g, '');
      if (text.includes(name)) continue;
      // qualified: a printed "<city><district>" and a printed "<district…organ>"
      const split = [...name].map((_, i) => [name.slice(0, i), name.slice(i)]).find(([a, b]) => a && text.includes(b) && text.includes(a + b.slice(0, 3)));
      expect(split, `${prefix} ${name}`).toBeTruthy();
    }
  });

  it('a place title plus a printed organ, a bare level name is completed or dropped', () => {
    const body = '一、总体情况\n2024年，区统计局认真贯彻《条例》。\n本年度规章0件。';
    const table = readFileSync(join(dir, file('01_')), 'utf8').slice(readFileSync(join(dir, file('01_')), 'utf8').indexOf('二、主动公开'));
    expect(parseReport(`${body}\n${table}`).agencyName).toBeNull();
    expect(parseReport(`${body}\n联系电话见甲乙区统计局网站。\n${table}`).agencyName).toBe('甲乙区统计局');
    expect(parseReport(`甲乙县2024年政府信息公开工作年度报告\n${body}\n如有疑问请与甲乙县人民政府办公室联系。\n${table}`).agencyName).toBe('甲乙县人民政府');
  });
});

describe('the title', () => {
  it('is stored as printed (full-width digits and brackets), while agency and year are found on its normalised form', () => {
    const src = readFileSync(join(dir, file('02_')), 'utf8');
    const printed = '平潭综合实验区２０２４年度政府信息公开工作年度报告（全文）';
    const edited = src.replace('标题: 平潭综合实验区2024年度政府信息公开工作年度报告', `标题: ${printed}`);
    expect(edited).not.toBe(src);
    const r = parseReport(edited, { fileName: '02.txt' });
    expect(r.title).toBe(printed);
    expect(r.year).toBe(2024);
    expect(r.agencyName).toBe(parse('02_').agencyName);
  });
});
