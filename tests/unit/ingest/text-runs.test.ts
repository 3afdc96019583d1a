/**
 * Plain text read by position (src/ingest/pdf/text-runs.ts): columns counted character by
 * character as pdftotext sets them, and page furniture found from the lines at the page edges alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropPageFurniture, isSpaceCode, spacedRuns } from '../../../src/ingest/pdf/text-runs.js';

describe('columns of plain text', () => {
  it('whitespace is what /\\s/ says, for every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('a TAB reaches the next multiple of 8, a surrogate pair is one character, an ideographic space separates words', () => {
    const [runs] = spacedRuns('ab\tc\n𠀀 1\n甲\u3000乙');
    expect(runs.map((r) => [r.text, r.x, r.width])).toEqual([
      ['ab', 0, 2],
      ['c', 8, 1],
      ['𠀀 1', 0, 3],
      ['甲', 0, 1],
      ['乙', 2, 1],
    ]);
  });
});

describe('page furniture of pdftotext text (pages by form feed)', () => {
  const everyLine = (lines: string[]) => lines.map(() => true);

  /** Deterministic pages with counters, running heads and footers at their edges, text and blank lines between. */
  function* pagedTexts(): Generator<string> {
    let seed = 17;
    const pick = <T>(xs: T[]) => xs[(seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % xs.length];
    const body = ['一、总体情况', '（一）主动公开  12  3', '本年度，完成各项工作。', '', '   ', '申请 3119 件', '7', '2024年'];
    for (let n = 0; n < 60; n++) {
      const pages = Array.from({ length: 2 + (n % 5) }, (_, p) => {
        const lines = Array.from({ length: 3 + ((n * 7 + p * 13) % 60) }, () => pick(body));
        if (n % 2) lines.unshift(pick(['xx市人民政府办公室', '政府信息公开工作年度报告', '']));
        // a page whose margins hold blank lines and a counter that is not the page's last line
        if (n % 5 === 0) lines.unshift(...Array<string>(8).fill(''));
        if (n % 5 === 0) lines.push(...Array<string>(4).fill(''));
        lines.push(pick([`- ${p + 1} -`, `第 ${p + 1} 页`, `${p + 1}`, `file:///C:/report.html  ${p + 1}/9`, `共 9 页`, '']));
        if (n % 5 === 0) lines.push(pick(['本页完', '附件']));
        return lines.join('\n');
      });
      yield pages.join('\f') + (n % 3 ? '\f' : '');
    }
  }

  it('laying out only the lines at the page edges gives what laying out every line gives', () => {
    const texts = [...pagedTexts(), readFileSync(join(__dirname, '../../fixtures/corpus/13_huaian_city_2024_pdftotext.txt'), 'utf8')];
    let changed = 0;
    for (const text of texts) {
      const dropped = dropPageFurniture(text);
      expect(dropped).toBe(dropPageFurniture(text, everyLine));
      if (dropped.replace(/\r\n?/g, '\n') !== text.replace(/\r\n?/g, '\n')) changed++;
    }
    expect(changed).toBeGreaterThan(texts.length / 2);
  });
});
