/**
 * The sample reports say where they were published: the report's own page, as the corpus metadata
 * records it ("original: URL"), or nothing when the metadata knows only a site's home page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../../src/store/services/samples.js';

const metadata = (sample: string) => {
  const name = sample.replace(/\.json$/, '');
  const meta = JSON.parse(readFileSync(new URL(`../../fixtures/corpus/${name}.meta.json`, import.meta.url), 'utf8')) as { source_url_or_repo_path: string };
  return /original: (https?:\/\/\S+?)\)?$/.exec(meta.source_url_or_repo_path)?.[1] ?? null;
};

describe('sample source URLs', () => {
  it('are the reports’ own pages where the corpus metadata has them, and never a home page', () => {
    for (const { file, sample } of readSamples()) {
      expect(sample.sourceUrl ?? null, file).toBe(metadata(file));
      if (sample.sourceUrl) expect(new URL(sample.sourceUrl).pathname.length, file).toBeGreaterThan(1);
    }
  });
});
