/**
 * Sample data: real reports from the corpus, stored with the repository as interchange JSON with
 * their agency details. Loaded idempotently: a report already stored is left as it is, except that
 * a sample stored by an earlier version whose narrative the parser now reads differently (printed
 * characters kept) gets the new sections, as long as it is still that sample: same source, no
 * corrected cell.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validateInterchange, type InterchangeReport } from '../../format/index.js';
import { AgencySchema, ReportSchema, type Report, type SourceKind } from '../entities/index.js';
import { changedCells, sectionsKey } from '../writes/report-history.js';
import { loadInterchange } from './interchange.js';
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

export async function loadSamples(em: EntityManager, dir = SAMPLES_DIR): Promise<{ loaded: number; refreshed: number; skipped: number }> {
  let loaded = 0;
  let refreshed = 0;
  let skipped = 0;
  for (const { file, sample } of readSamples(dir)) {
    const checked = validateInterchange(sample.report);
    if (!checked.ok) throw new Error(`Sample ${file} is not valid interchange JSON: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    const input = {
      report: checked.report,
      agency: sample.agency,
      sourceUrl: sample.sourceUrl ?? null,
      publishedOn: sample.publishedOn ?? null,
      source: sample.sourceFile
        ? { text: readFileSync(path.join(dir, sample.sourceFile), 'utf8'), kind: sample.sourceKind ?? 'TEXT' }
        : { text: JSON.stringify(sample.report), kind: 'JSON' as const },
    };
    const agency = await em.findOne(AgencySchema, { name: sample.agency.name, regionCode: sample.agency.regionCode ?? null });
    const stored = agency ? ((await em.findOne(ReportSchema, { agency, year: checked.report.year }, { populate: ['sourceText'] })) as Report | null) : null;
    if (!stored) {
      await storeReport(em, input);
      loaded++;
    } else if (await hasOlderText(em, stored, input.source.text, checked.report)) {
      await storeReport(em, input);
      refreshed++;
    } else {
      skipped++;
    }
  }
  return { loaded, refreshed, skipped };
}

/** The stored sample as an earlier version read it: same source and cells, other sections. */
async function hasOlderText(em: EntityManager, stored: Report, source: string, sample: InterchangeReport): Promise<boolean> {
  if (stored.sourceText !== source) return false;
  const previous = (await loadInterchange(em, [stored])).get(stored.id)!;
  return sectionsKey(previous) !== sectionsKey(sample) && changedCells(previous, sample).length === 0;
}
