/** The JavaScript half of Chinese search: query normalisation, tsquery quoting, highlighting. */
import { describe, expect, it } from 'vitest';
import { bigramQuery, highlight, normalizeSearchText } from '../../../src/store/services/search-text.js';

describe('search text', () => {
  it('normalises width, case and whitespace like nianbao_search_text', () => {
    expect(normalizeSearchText(' 政务 公开\tＡ５Ｇ\n')).toBe('政务公开a5g');
  });

  it('turns a phrase into quoted bigrams, one character into a prefix match', () => {
    expect(bigramQuery('政务公开')).toBe("'政务' & '务公' & '公开'");
    expect(bigramQuery('税')).toBe("'税':*");
    expect(bigramQuery("a'b")).toBe("'a''' & '''b'");
    expect(bigramQuery('\\!')).toBe("'\\\\!'");
    expect(bigramQuery('哈哈哈')).toBe("'哈哈'");
  });

  it('marks matches in the raw text across whitespace and width', () => {
    expect(highlight('街道办事处政务 公开专栏', '政务公开').ranges).toEqual([[5, 5]]);
    expect(highlight('5G基站和５ｇ网络', '5g').ranges).toEqual([[0, 2], [5, 2]]);
    expect(highlight('𠀀电商𠀀电商', '电商').ranges).toEqual([[2, 2], [6, 2]]);
    expect(highlight('无', '电商').ranges).toEqual([]);
  });
});
