import { describe, expect, it } from 'vitest';
import { compareCells, compareSections, diffSentences, sentences, type ComparedTables } from '../../../src/format/index.js';

const report = (over: Partial<ComparedTables>): ComparedTables => ({ formatVersion: '2021', proactiveDisclosure: {}, applications: {}, reviewsAndLitigation: {}, sections: [], ...over });

describe('cell changes', () => {
  const before = report({ applications: { NEW_RECEIVED: { TOTAL: 30, NATURAL_PERSON: null, COMMERCIAL_ENTERPRISE: 2, RESEARCH_INSTITUTION: 0 } }, proactiveDisclosure: { ADMINISTRATIVE_FEES: { FEE_AMOUNT: 0.1 } } });
  const after = report({ applications: { NEW_RECEIVED: { TOTAL: 34, NATURAL_PERSON: 0, COMMERCIAL_ENTERPRISE: null, RESEARCH_INSTITUTION: 0 } }, proactiveDisclosure: { ADMINISTRATIVE_FEES: { FEE_AMOUNT: 0.3 } } });
  const changes = compareCells(before, after);
  const at = (cell: string) => changes.find((c) => c.cell === cell)!;

  it('gives before, after and delta for printed cells, exactly for amounts', () => {
    expect(at('applications.NEW_RECEIVED.TOTAL')).toMatchObject({ before: 30, after: 34, delta: 4, kind: 'CHANGED', isAmount: false });
    expect(at('applications.NEW_RECEIVED.RESEARCH_INSTITUTION')).toMatchObject({ delta: 0, kind: 'UNCHANGED' });
    expect(at('proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT')).toMatchObject({ delta: 0.2, isAmount: true });
  });

  it('never reads a blank as 0: blank to 0 is a change with no delta', () => {
    expect(at('applications.NEW_RECEIVED.NATURAL_PERSON')).toMatchObject({ before: null, after: 0, delta: null, kind: 'NOW_PRINTED' });
    expect(at('applications.NEW_RECEIVED.COMMERCIAL_ENTERPRISE')).toMatchObject({ before: 2, after: null, delta: null, kind: 'NOW_BLANK' });
  });

  it('lays out every cell of both formats, marking those only one report has', () => {
    const mixed = compareCells(report({ formatVersion: '2019', proactiveDisclosure: { CENTRALIZED_PROCUREMENT: { PROCUREMENT_AMOUNT: 5 } } }), report({ proactiveDisclosure: { REGULATIONS: { ISSUED: 1 } } }));
    expect(mixed.find((c) => c.cell === 'proactiveDisclosure.CENTRALIZED_PROCUREMENT.PROCUREMENT_AMOUNT')).toMatchObject({ before: 5, after: undefined, kind: 'ONLY_BEFORE' });
    expect(mixed.find((c) => c.cell === 'proactiveDisclosure.REGULATIONS.ISSUED')).toMatchObject({ after: 1, kind: 'ONLY_AFTER' });
  });
});

describe('text changes', () => {
  it('splits sentences on 。！？； and line breaks, keeping the marks', () => {
    expect(sentences('一、概述。二是加强；三是\n四是！  \n\n五？')).toEqual(['一、概述。', '二是加强；', '三是', '四是！', '五？']);
  });

  it('diffs sentences in reading order', () => {
    expect(diffSentences(['甲。', '乙。', '丙。'], ['甲。', '丁。', '丙。'])).toEqual([
      { kind: 'SAME', text: '甲。' },
      { kind: 'REMOVED', text: '乙。' },
      { kind: 'ADDED', text: '丁。' },
      { kind: 'SAME', text: '丙。' },
    ]);
  });

  it('measures the share of each part copied unchanged, by characters of the later text', () => {
    const section = (body: string) => [{ number: 1, code: 'OVERVIEW', title: '总体情况', body }];
    const [overview] = compareSections(section('我局高度重视。全年共公开信息十条。'), section('我局高度重视。全年共公开信息十二条。'));
    expect(overview).toMatchObject({ code: 'OVERVIEW', sentencesBefore: 2, sentencesAfter: 2, copiedSentences: 1 });
    expect(overview.copiedShare).toBeCloseTo(7 / (7 + 11));
    const [copied] = compareSections(section('同。'), section('同。'));
    expect(copied.copiedShare).toBe(1);
    const [gone] = compareSections(section('旧。'), []);
    expect(gone).toMatchObject({ sentencesAfter: 0, copiedShare: null, changes: [{ kind: 'REMOVED', text: '旧。' }] });
  });

  it('still answers for very long texts, matching sentences regardless of order', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `第${i}句。`);
    const changes = diffSentences(many, [...many].reverse());
    expect(changes.filter((c) => c.kind === 'SAME')).toHaveLength(3000);
  });
});
