/**
 * Importing many reports fast: a batch in one transaction, each report in its own savepoint (a
 * refused one changes nothing and stops nothing, as in its own transaction), the read model and the
 * statistics rollup refreshed once for the whole batch at its end. Should the batch itself fail (a
 * deadlock with another writer, say), its reports are imported again one transaction each.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Writer } from '../services/api-tokens.js';
import { storeReadReport, type ImportOverrides, type ImportResult, type ReadReport } from '../services/import.js';
import { refreshDeferred, WRITE_STATEMENT_TIMEOUT_MS, type DeferredRefresh } from '../services/report-writes.js';

export interface BulkItem {
  read: ReadReport;
  overrides: ImportOverrides;
}

/** Each item's result, or the error that refused it (in the items' order). */
export type BulkOutcome = ImportResult | Error;

export async function importBatch(em: EntityManager, items: BulkItem[], writer?: Writer): Promise<BulkOutcome[]> {
  try {
    return await em.fork().transactional(async (tx) => {
      await tx.execute(`set local statement_timeout = ${WRITE_STATEMENT_TIMEOUT_MS * 4}`);
      const deferred: DeferredRefresh = { reads: [], rollup: [] };
      const outcomes: BulkOutcome[] = [];
      for (const item of items) {
        outcomes.push(await storeReadReport(tx, item.read, item.overrides, writer, { deferred }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
      }
      await refreshDeferred(tx, deferred);
      return outcomes;
    });
  } catch {
    const outcomes: BulkOutcome[] = [];
    for (const item of items) outcomes.push(await storeReadReport(em.fork(), item.read, item.overrides, writer).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    return outcomes;
  }
}
