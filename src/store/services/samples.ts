/**
 * Sample data: real reports from the corpus, stored with the repository as interchange JSON with
 * their agency details. Loaded idempotently: a report already stored is left as it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validateInterchange } from '../../format/index.js';
import { AgencySchema, ReportSchema, type SourceKind } from '../entities/index.js';
import { projectPath } from '../project-files.js';
import { storeReport, type AgencyInput } from './report-writes.js';

export const SAMPLES_DIR = projectPath('src', 'store', 'samples');

export interface SampleFile {
  agency: AgencyInput;
  sourceUrl?: string | null;
  publishedOn?: string | null;
  /** The original as published, beside the sample, stored verbatim like any import's source. */
  sourceFile?: string;
  sourceKind?: SourceKind;
  /** Interchange JSON: hand-checked tables, sections as the parser read them. */
  report: unknown;
}

export function readSamples(dir = SAMPLES_DIR): { file: string; sample: SampleFile }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, sample: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as SampleFile }));
}

export async function loadSamples(em: EntityManager, dir = SAMPLES_DIR): Promise<{ loaded: number; skipped: number }> {
  let loaded = 0;
  let skipped = 0;
  for (const { file, sample } of readSamples(dir)) {
    const checked = validateInterchange(sample.report);
    if (!checked.ok) throw new Error(`Sample ${file} is not valid interchange JSON: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    const agency = await em.findOne(AgencySchema, { name: sample.agency.name, regionCode: sample.agency.regionCode ?? null });
    if (agency && (await em.count(ReportSchema, { agency, year: checked.report.year })) > 0) {
      skipped++;
      continue;
    }
    await storeReport(em, {
      report: checked.report,
      agency: sample.agency,
      sourceUrl: sample.sourceUrl ?? null,
      publishedOn: sample.publishedOn ?? null,
      source: sample.sourceFile
        ? { text: readFileSync(path.join(dir, sample.sourceFile), 'utf8'), kind: sample.sourceKind ?? 'TEXT' }
        : { text: JSON.stringify(sample.report), kind: 'JSON' },
    });
    loaded++;
  }
  return { loaded, skipped };
}
