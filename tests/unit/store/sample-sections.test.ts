/**
 * The samples' narrative is the parser's, read from each sample's own source: a change to how
 * sections are read shows here until tests/fixtures/refresh-sample-sections.ts writes them again.
 */
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../../src/store/services/samples.js';
import { parsedSampleSections } from '../../support/sample-sections.js';

describe('sample sections', () => {
  for (const { file, sample } of readSamples()) {
    it(`${file}: as the parser reads its source, printed characters kept`, () => {
      const sections = (sample.report as { sections: { body: string }[] }).sections;
      expect(sections).toEqual(parsedSampleSections(sample));
      expect(sections.some((s) => /[，。]/.test(s.body))).toBe(true);
    });
  }
});
