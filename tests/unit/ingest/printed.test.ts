/**
 * Section text as published: labels and values are read from the normalised (NFKC) text, section
 * titles and bodies are cut from the printed characters at the same offsets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/ingest/index.js';
import { preparePrinted } from '../../../src/ingest/prepare.js';
import { normalizeRunText } from '../../../src/ingest/pdf/runs.js';
import { printedText, twinOf } from '../../../src/ingest/printed.js';

const corpus = (name: string) => readFileSync(join(__dirname, '../../fixtures/corpus', name), 'utf8');
const tablesOf = (r: ReturnType<typeof parseReport>) => [r.formatVersion, r.year, r.proactiveDisclosure, r.applications, r.reviewsAndLitigation];

describe('printed text', () => {
  it('twins have one length: NFKC for matching, the printed characters beside it', () => {
    for (const s of ['2024年，（一）主动公开。', '　　全角空格ＡＢＣ１２３', '展开…㈠⑴㎡ ½', 'plain ascii', '𠀀 𝐀']) {
      const t = twinOf(s);
      expect(t.text.length).toBe(t.printed.length);
      expect(t.text).toBe(s.normalize('NFKC'));
      // A character NFKC shortens (𝐀, two code units) is the one given out normalised.
      expect(printedText(t)).toBe(s.replace('𝐀', 'A'));
    }
  });

  it('where no character changes its length, the printed twin is the source itself; where marks combine, the printed form is given up for the NFKC text', () => {
    const same = '2024年，（一）主动公开：１２件；　全角。';
    expect(twinOf(same)).toEqual({ text: same.normalize('NFKC'), printed: same });
    const combining = 'cafe\u0301，（一）';
    expect(twinOf(combining)).toEqual({ text: combining.normalize('NFKC'), printed: combining.normalize('NFKC') });
  });

  it('preparing keeps the two aligned through rows, TAB cells and page furniture', () => {
    const src = '一、总体情况\n\t（一）主动公开\n\t１２\n\n规章\t１\t\t３\n- 3 -\n第２页\n本年度，完成。\n';
    const t = preparePrinted(src, 'text');
    expect(t.text.length).toBe(t.printed.length);
    expect(printedText(t).normalize('NFKC')).toBe(t.text);
    expect(printedText(t)).toContain('本年度，完成。');
    expect(t.text).toContain('| 规章 | 1 |  | 3 |');
  });

  it('bodies and titles keep full-width punctuation, brackets and spaces; tables read as from the NFKC text', () => {
    const src = corpus('11_shanghai_kewei_2024.txt');
    const printed = parseReport(src);
    const normalised = parseReport(src.normalize('NFKC'));
    expect(tablesOf(printed)).toEqual(tablesOf(normalised));
    const problems = printed.sections.find((s) => s.code === 'PROBLEMS_AND_IMPROVEMENTS')!;
    expect(problems.body).toMatch(/^（一）主要问题/);
    expect(problems.body).toContain('，');
    expect(problems.body).not.toMatch(/[(),]/);
    expect(printed.sections.map((s) => ({ ...s, title: s.title.normalize('NFKC'), body: s.body.normalize('NFKC') }))).toEqual(normalised.sections);
  });

  it('an ideographic-space indent and a heading printed with full-width brackets stay as printed', () => {
    const src = corpus('02_pingtan_2024.txt').replace('2024年，无收取信息处理费情况。', '　　2024年，无收取信息处理费情况（见附件）。');
    const last = parseReport(src).sections.at(-1)!;
    expect(last.body).toBe('2024年，无收取信息处理费情况（见附件）。');
    const title = parseReport(corpus('02_pingtan_2024.txt').replace('六、其他需要报告的事项', '六、其他需要报告的事项（无）')).sections.at(-1)!;
    expect(title.code).toBe('OTHER_MATTERS');
  });

  it('PDF runs keep their full-width punctuation; radicals, compatibility ideographs and full-width digits are normalised', () => {
    expect(normalizeRunText('（一）人⺠政府：２０２３年，收费１２.５万元；')).toBe('（一）人民政府：2023年，收费12.5万元；');
    expect(normalizeRunText('⽂件')).toBe('文件');
  });
});
