/**
 * Importing one report as published: read and checked (read-report.ts), then stored in one
 * transaction. A refused import changes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InterchangeReport } from '../../format/index.js';
import type { Report } from '../entities/index.js';
import { ImportRefused, readReport, type ImportOverrides, type ImportRequest, type ReadReport } from './read-report.js';
import type { Writer } from './api-tokens.js';
import { storeReport, type DeferredRefresh, type StoreReportInput, type StoreReportResult } from './report-writes.js';
import { AgencyUnresolved } from '../agencies/identity.js';

export * from './read-report.js';

export interface ImportResult {
  report: Report;
  created: boolean;
  /** False when the report was stored already exactly so: nothing was written. */
  changed: boolean;
  /** How the agency was matched, when by a similar name. */
  warnings: string[];
  /** The cells a re-import changed. */
  changedCells: string[];
  interchange: InterchangeReport;
}

export interface ImportOptions {
  /** Check, resolve the agency and compare with what is stored, then roll back: nothing is written. */
  dryRun?: boolean;
  /** Leave the read model and rollup refresh to the caller (StoreReportInput.deferred). */
  deferred?: DeferredRefresh;
}

/** A dry run's transaction ends by throwing this, with the result it would have had. */
class DryRunRollback extends Error {
  constructor(readonly result: StoreReportResult) {
    super('dry run');
  }
}

export async function importReport(em: EntityManager, request: ImportRequest, writer?: Writer, options: ImportOptions = {}): Promise<ImportResult> {
  return storeReadReport(em, await readReport(request), request.overrides ?? {}, writer, options);
}

/** Stores a report read (and checked) by readReport, e.g. in a worker thread. */
export async function storeReadReport(em: EntityManager, read: ReadReport, overrides: ImportOverrides, writer?: Writer, options: ImportOptions = {}): Promise<ImportResult> {
  const { interchange, text, kind } = read;
  if (!interchange.agencyName && overrides.agencyId == null) {
    throw new ImportRefused('NO_AGENCY', 'The issuing agency could not be read from the report: pass agencyName.');
  }
  if (overrides.regionCode != null && !/^\d{6}$/.test(overrides.regionCode)) {
    throw new ImportRefused('INVALID_INPUT', `regionCode "${overrides.regionCode}" is not a six-digit GB/T 2260 code (e.g. 370406).`, [
      { path: 'regionCode', message: 'must be six digits' },
    ]);
  }
  const input: StoreReportInput = {
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
    deferred: options.deferred,
    // readReport checked it (src/store/services/read-report.ts).
    checked: true,
  };
  const stored = options.dryRun
    ? em.transactional(async (tx) => {
        throw new DryRunRollback(await storeReport(tx, input));
      }).catch((error: unknown) => {
        if (error instanceof DryRunRollback) return error.result;
        throw error;
      })
    : storeReport(em, input);
  const { report, created, changed, warnings, changedCells } = await stored.catch((error: unknown) => {
    if (error instanceof AgencyUnresolved) throw new ImportRefused(error.code, error.message, error.issues, error.candidates);
    // PostgreSQL's tsvector holds at most 1 MB of lexemes: a section with more distinct character
    // pairs cannot be indexed for search (program_limit_exceeded).
    if ((error as { code?: string }).code === '54000') {
      throw new ImportRefused('TOO_LARGE', 'A part of the report has too much distinct text to index for search (PostgreSQL allows 1 MB of distinct character pairs per part): shorten it or split it.');
    }
    throw error;
  });
  return { report, created, changed, warnings, changedCells, interchange };
}
