import { describe, expect, it } from 'vitest';
import { SHORT_LABEL_CODES, SHORT_LABEL_MAX, SHORT_LABEL_TABLE, shortLabel, type ShortLabelDimension } from '../../../src/format/index.js';

const dimensions = Object.keys(SHORT_LABEL_CODES) as ShortLabelDimension[];

describe('short labels', () => {
  it.each(dimensions)('every %s code of the catalog has one, at most SHORT_LABEL_MAX characters', (dimension) => {
    for (const code of SHORT_LABEL_CODES[dimension]) {
      const label = shortLabel(dimension, code);
      expect(label, code).not.toBe(code);
      expect([...label].length, `${code}: ${label}`).toBeLessThanOrEqual(SHORT_LABEL_MAX);
    }
  });

  it('names only codes the catalog has (a renamed code would leave a stale entry)', () => {
    for (const dimension of dimensions) {
      for (const code of Object.keys(SHORT_LABEL_TABLE[dimension])) expect(SHORT_LABEL_CODES[dimension], `${dimension}.${code}`).toContain(code);
    }
  });

  it('keeps rows apart: no two codes of a dimension share a short label', () => {
    for (const dimension of dimensions) {
      const all = SHORT_LABEL_CODES[dimension].map((code) => shortLabel(dimension, code));
      expect(new Set(all).size, dimension).toBe(all.length);
    }
  });
});
