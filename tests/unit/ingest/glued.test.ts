/**
 * Cutting glued digits: the search is bounded whatever the input, and a search that cannot finish
 * offers no cut rather than a partial list (a number never printed must never be chosen).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { solve, splitCandidates } from '../../../src/ingest/glued.js';
import { parseReport } from '../../../src/ingest/index.js';

describe('splitCandidates', () => {
  it('cuts a real glued row of table 三 into the one split its printed total allows', () => {
    // 自然人 2, five 法人 columns 1 7 1 0 0, 其他 0, 总计 11 (R2: the first six sum to the last).
    const cuts = splitCandidates(['217100', '11'], 7, 7);
    expect(cuts).toContainEqual([2, 1, 7, 1, 0, 0, 11]);
    for (const cut of cuts) expect(cut.slice(0, 6).reduce((a, b) => a + b, 0)).toBe(cut[6]);
  });

  it('offers no cut for more digits than the cells can hold, at once', () => {
    expect(splitCandidates(['9'.repeat(50_000)], 7, 7)).toEqual([]);
    expect(splitCandidates(['1'.repeat(200), '5'], 15, 5)).toEqual([]);
  });

  it('gives up on a search too large to finish, offering no cut rather than some of them', () => {
    // 15 cells of table 四 in one run of 100 digits: no count exceeds 16 digits, so cuts exist, but
    // only after a search far beyond the step budget.
    const digits = '1234567890'.repeat(10);
    const cuts = splitCandidates([digits], 15);
    expect(cuts.length === 0 || cuts.every((cut) => cut.join('') === digits)).toBe(true);
  });

  it('never cuts a count longer than 16 digits, and never a leading zero', () => {
    for (const cut of splitCandidates(['12345678901234567', '0'], 2)) {
      for (const n of cut) expect(String(n).length).toBeLessThanOrEqual(16);
    }
    expect(splitCandidates(['0123'], 2)).toEqual([[0, 123]]);
  });

  it('never cuts a count beyond what a count cell stores (2,000,000,000)', () => {
    const cuts = splitCandidates(['99999999999'], 2);
    expect(cuts).toContainEqual([99, 999999999]);
    for (const cut of cuts) for (const n of cut) expect(n).toBeLessThanOrEqual(2_000_000_000);
  });
});

describe('2019 表二: glued digits no rule decides', () => {
  const source08 = readFileSync(join(__dirname, '../../fixtures/corpus/08_pingtan_2019.txt'), 'utf8');
  it('prefer the cut where what was made in the year equals what was published in it, and say it was a choice', () => {
    const r = parseReport(source08.replace('规范性文件898989', '规范性文件7777166'), { fileName: '08.txt' });
    expect(r.proactiveDisclosure.NORMATIVE_DOCUMENTS).toEqual({ NEWLY_MADE: 77, NEWLY_PUBLISHED: 77, TOTAL_PUBLISHED: 166 });
    expect(r.findings.find((f) => f.code === 'DISCLOSURE_GLUED_CHOSEN')).toMatchObject({ severity: 'WARNING', params: { basis: 'PLAUSIBILITY', chosen: '77|77|166' } });
  });
});

describe('solve: splits the rules cannot tell apart', () => {
  it('prefers, of cuts equal in shape, the one with fewer non-zero cells (most cells of 表三 are 0)', () => {
    // pdftotext -layout -fixed 2 of a LibreOffice print: 予以公开 22, no legal person, 总计 22
    const paths = ['NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'RESEARCH_INSTITUTION', 'SOCIAL_WELFARE_ORGANIZATION', 'LEGAL_SERVICE_INSTITUTION', 'OTHER_ORGANIZATION', 'TOTAL'];
    const candidates = splitCandidates(['220000022'], 7, 7);
    expect(candidates).toEqual(expect.arrayContaining([[2, 20, 0, 0, 0, 0, 22], [22, 0, 0, 0, 0, 0, 22]]));
    for (const order of [candidates, [...candidates].reverse()]) {
      const result = solve([{ paths, candidates: order }], new Map(), []);
      expect(result.chosen[0]).toEqual([22, 0, 0, 0, 0, 0, 22]);
      expect(result.alternatives[0].length).toBeGreaterThan(1);
    }
  });
});
