/**
 * A sample's sections as the parser reads them from the sample's own source: the samples' tables are
 * hand-checked, their narrative is the parser's (tests/fixtures/refresh-sample-sections.ts writes it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InterchangeSection } from '../../src/format/index.js';
import { parseReport } from '../../src/ingest/index.js';
import { SAMPLES_DIR, type SampleFile } from '../../src/store/services/samples.js';

export function parsedSampleSections(sample: SampleFile): InterchangeSection[] {
  if (!sample.sourceFile) throw new Error('a sample without its source cannot be read again');
  const text = readFileSync(path.join(SAMPLES_DIR, sample.sourceFile), 'utf8');
  return parseReport(text, { kind: sample.sourceKind === 'HTML' ? 'html' : 'text', fileName: sample.sourceFile }).sections;
}
