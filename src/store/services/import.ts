/**
 * Importing one report as published: read and checked (read-report.ts), then stored in one
 * transaction. A refused import changes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InterchangeReport } from '../../format/index.js';
import type { Report } from '../entities/index.js';
import { ImportRefused, readReport, type ImportRequest } from './read-report.js';
import type { Writer } from './api-tokens.js';
import { storeReport } from './report-writes.js';
import { AgencyUnresolved } from '../agencies/identity.js';

export * from './read-report.js';

export interface ImportResult {
  report: Report;
  created: boolean;
  /** False when the report was stored already exactly so: nothing was written. */
  changed: boolean;
  /** How the agency was matched, when by a similar name. */
  warnings: string[];
  interchange: InterchangeReport;
}

export async function importReport(em: EntityManager, request: ImportRequest, writer?: Writer): Promise<ImportResult> {
  const { interchange, text, kind } = readReport(request);
  const overrides = request.overrides ?? {};
  if (!interchange.agencyName && overrides.agencyId == null) {
    throw new ImportRefused('NO_AGENCY', 'The issuing agency could not be read from the report: pass agencyName.');
  }
  if (overrides.regionCode != null && !/^\d{6}$/.test(overrides.regionCode)) {
    throw new ImportRefused('INVALID_INPUT', `regionCode "${overrides.regionCode}" is not a six-digit GB/T 2260 code (e.g. 370406).`, [
      { path: 'regionCode', message: 'must be six digits' },
    ]);
  }
  const stored = storeReport(em, {
    report: interchange,
    agency: {
      id: overrides.agencyId ?? null,
      name: interchange.agencyName ?? '',
      regionCode: overrides.regionCode ?? null,
      regionName: overrides.regionName ?? null,
      level: overrides.agencyLevel ?? null,
      kind: overrides.agencyKind ?? null,
    },
    source: { text, kind },
    sourceUrl: overrides.sourceUrl ?? null,
    publishedOn: overrides.publishedOn ?? null,
    status: overrides.status ?? undefined,
    writer,
  });
  const { report, created, changed, warnings } = await stored.catch((error: unknown) => {
    if (error instanceof AgencyUnresolved) throw new ImportRefused(error.code, error.message, error.issues, error.candidates);
    // PostgreSQL's tsvector holds at most 1 MB of lexemes: a section with more distinct character
    // pairs cannot be indexed for search (program_limit_exceeded).
    if ((error as { code?: string }).code === '54000') {
      throw new ImportRefused('TOO_LARGE', 'A part of the report has too much distinct text to index for search (PostgreSQL allows 1 MB of distinct character pairs per part): shorten it or split it.');
    }
    throw error;
  });
  return { report, created, changed, warnings, interchange };
}
