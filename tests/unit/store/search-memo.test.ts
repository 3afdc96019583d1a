/** OverflowMemo: words too common to rank are remembered for a while, and only so many of them. */
import { describe, expect, it } from 'vitest';
import { OverflowMemo } from '../../../src/store/services/search.js';

describe('overflow memo', () => {
  it('forgets a word after its time, and the oldest word first when full', () => {
    let now = 0;
    const memo = new OverflowMemo(1000, 2, () => now);
    memo.add('政务公开');
    expect(memo.has('政务公开')).toBe(true);
    expect(memo.has('电商')).toBe(false);
    now = 999;
    expect(memo.has('政务公开')).toBe(true);
    now = 1000;
    expect(memo.has('政务公开')).toBe(false);
    memo.add('a');
    memo.add('b');
    memo.add('a'); // renewed: now the newest
    memo.add('c');
    expect([memo.has('a'), memo.has('b'), memo.has('c')]).toEqual([true, false, true]);
  });
});
