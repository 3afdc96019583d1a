import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { english } from '../support/findings.js';
import { parseReport } from '../../../src/ingest/index.js';

const dir = join(__dirname, '../../fixtures/corpus');
const file = (prefix: string) => readdirSync(dir).find((f) => f.startsWith(prefix) && /\.(txt|html)$/.test(f))!;
const parse = (prefix: string) => parseReport(new Uint8Array(readFileSync(join(dir, file(prefix)))), { fileName: file(prefix) });

const ALL = ['OVERVIEW', 'PROACTIVE_DISCLOSURE', 'APPLICATIONS', 'REVIEWS_AND_LITIGATION', 'PROBLEMS_AND_IMPROVEMENTS', 'OTHER_MATTERS'];

/** Section codes found per corpus file (meta.json "complete": true for the first ten). */
const FOUND: Record<string, string[]> = {
  '01_': ALL,
  '02_': ALL,
  '04_': ALL,
  '05_': ALL,
  '06_': ALL,
  '08_': ALL,
  '11_': ALL,
  '13_': ALL,
  '16_': ALL,
  '28_': ALL,
  '15_': ['PROACTIVE_DISCLOSURE', 'APPLICATIONS'], // a fragment: the end of 表二 (no heading printed), then 表三
  '17_': ALL.slice(0, 3), // excerpts end inside a table
  '18_': ALL.slice(0, 3),
  '19_': ALL.slice(0, 2),
  '20_': ALL.slice(0, 2),
  '21_': ALL.slice(0, 2),
  '22_': ALL.slice(0, 2),
  '23_': ALL.slice(0, 3),
  '24_': ALL.slice(0, 3),
  '25_': ALL.slice(0, 3),
  '26_': ALL.slice(0, 2),
  '27_': ALL.slice(0, 3),
};

/** Table words and digit runs that must not be left in a narrative body. */
const TABLE_TEXT = [
  /本年新收政府信息公开申请数量/,
  /上年结转政府信息公开申请数量/,
  /结转下年度继续办理/,
  /本年制发件数|本年新制作数量|本年处理决定数量|上一年项目数量/,
  /第二十条\s*第?[(（]/,
  /勾稽关系/,
  /未经复议直接起诉/,
  /(?:\d[ \t|]*){8,}/, // a row of cells or glued digits
];

describe('sections', () => {
  for (const [prefix, codes] of Object.entries(FOUND)) {
    it(`${prefix}: parts found ${codes.length === 6 ? '(all six)' : `(${codes.length})`}, numbered from the catalog`, () => {
      const r = parse(prefix);
      expect(r.sections.map((s) => s.code)).toEqual(codes);
      for (const s of r.sections) expect(s.number).toBe(ALL.indexOf(s.code) + 1);
    });
    it(`${prefix}: bodies carry no table cells or labels`, () => {
      for (const s of parse(prefix).sections) {
        if (s.code === 'OVERVIEW') continue; // 总体情况 legitimately quotes 受理/复议 counts in prose
        for (const re of TABLE_TEXT) expect(s.body, `${s.code} ${re}`).not.toMatch(re);
      }
    });
  }

  it('titles are kept as printed (long 条例 wording with 统计表, typo, 条例 wording of 五)', () => {
    expect(parse('01_').sections[3].title).toBe('因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表');
    expect(parse('05_').sections[3].title).toBe('政府信息公开行政法复议、行政诉讼情况');
    expect(parse('16_').sections[4].title).toBe('政府信息公开工作存在的主要问题及改进情况');
  });

  it('table parts keep their prose and lose their table (01: 表四 heading only; 02: glued)', () => {
    const r = parse('02_');
    expect(r.sections[1].body).toBe('');
    expect(r.sections[5].body).toBe('2024年，无收取信息处理费情况。');
    expect(parse('08_').sections[5].body).toBe('无其他需要报告的事项');
  });

  it('11 (Shanghai): body parts 一~六 belong to 总体情况, the renumbered tables are parts 二~四, 五 has no heading', () => {
    const r = parse('11_');
    const [overview, t2, t3, t4, problems, other] = r.sections;
    expect(overview.body).toContain('二、工作机制保障');
    expect(overview.body).toContain('六、政府信息公开平台建设');
    expect(overview.body).not.toContain('第二十条');
    expect([t2.body, t3.body, t4.body]).toEqual(['', '', '']);
    expect(problems.body.startsWith('（一）主要问题')).toBe(true);
    expect(problems.body).toContain('（二）改进情况');
    expect(r.findings.some((f) => f.rule === 'PARSE' && english(f).includes('part 五'))).toBe(true);
    expect(other.body).toContain('未发生政府信息公开收费事项');
  });

  it('a table part whose heading line is lost starts where its table does (INFO finding), bodies stay clean', () => {
    const src = readFileSync(join(dir, file('01_')), 'utf8');
    for (const heading of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表']) {
      const r = parseReport(src.replace(heading, ''));
      expect(r.sections.map((s) => s.code)).toEqual(ALL);
      expect(r.sections.map((s) => s.body.length)).toEqual(parse('01_').sections.map((s) => s.body.length));
      expect(r.findings.some((f) => f.rule === 'PARSE' && english(f).includes('no printed heading'))).toBe(true);
    }
  });

  it('28 (whole site page): the last part stops before the page furniture', () => {
    const last = parse('28_').sections[5];
    expect(last.body).toBe('2023年，无收取信息处理费情况。');
  });

  it('prose around a table is kept: an intro sentence and a 注 note', () => {
    const src = readFileSync(join(dir, file('01_')), 'utf8');
    const withProse = src
      .replace('二、主动公开政府信息情况\n', '二、主动公开政府信息情况\n本年度主动公开情况如下。\n')
      .replace('四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表\n本年度复议诉讼情况见下表。')
      .replace('五、存在的主要问题及改进情况', '注：行政复议、行政诉讼数量含上年度结转数量。\n\n五、存在的主要问题及改进情况');
    expect(withProse).not.toBe(src);
    const r = parseReport(withProse);
    expect(r.sections[1].body).toBe('本年度主动公开情况如下。');
    expect(r.sections[3].body).toBe('本年度复议诉讼情况见下表。\n\n注：行政复议、行政诉讼数量含上年度结转数量。');
    expect(r.applications).toEqual(parseReport(src).applications);
  });
});

describe('page breaks in section text', () => {
  const ingest = join(__dirname, '../../fixtures/ingest');
  const read = (path: string) => parseReport(new Uint8Array(readFileSync(path)), { fileName: 'x.txt' });
  const plain = read(join(dir, file('13_')));
  const withHeads = read(join(ingest, '13_running_headers.txt'));

  it('pdftotext form feeds are gone and a paragraph runs on over the page, printed characters kept', () => {
    const overview = plain.sections.find((s) => s.code === 'OVERVIEW')!.body;
    expect(plain.sections.some((s) => s.body.includes('\f'))).toBe(false);
    expect(overview).toContain('“建设‘四最’一流\n营商环境高质量推进产业发展”');
  });

  it('page counters and a running head repeated on every page (after the first) leave no trace in the text', () => {
    expect(readFileSync(join(ingest, '13_running_headers.txt'), 'utf8')).toMatch(/淮安市人民政府办公室文件\n第 1 页 共 28 页/);
    expect(withHeads.sections).toEqual(plain.sections);
  });
});
