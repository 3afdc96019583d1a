/**
 * Importing many reports fast: a batch in one transaction, each report in its own savepoint (a
 * refused one changes nothing and stops nothing, as in its own transaction), the read model and the
 * statistics rollup refreshed once for the whole batch at its end. Should the batch itself fail (a
 * deadlock with another writer, say), its reports are imported again one transaction each, and one
 * that still collides is tried again (twice) before it is reported as a conflict.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Writer } from '../services/api-tokens.js';
import { isWriteConflict } from '../services/refusal.js';
import { storeReadReport, type ImportOverrides, type ImportResult, type ReadReport } from '../services/import.js';
import { refreshDeferred, WRITE_STATEMENT_TIMEOUT_MS, type DeferredRefresh } from '../services/report-writes.js';

export interface BulkItem {
  read: ReadReport;
  overrides: ImportOverrides;
}

/** Each item's result, or the error that refused it (in the items' order). */
export type BulkOutcome = ImportResult | Error;

export async function importBatch(em: EntityManager, items: BulkItem[], writer?: Writer): Promise<BulkOutcome[]> {
  let outcomes: BulkOutcome[];
  try {
    outcomes = await em.fork().transactional(async (tx) => {
      await tx.execute(`set local statement_timeout = ${WRITE_STATEMENT_TIMEOUT_MS * 4}`);
      const deferred: DeferredRefresh = { reads: [], rollup: [] };
      const written: BulkOutcome[] = [];
      for (const item of items) {
        written.push(await storeReadReport(tx, item.read, item.overrides, writer, { deferred }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
        // Each flush compares every entity the transaction manages: left to grow over a batch, that
        // was most of the writing thread's time. A report written is not touched again here.
        tx.clear();
      }
      await refreshDeferred(tx, deferred);
      return written;
    });
  } catch {
    return sequentially(em, items, writer);
  }
  // A report that collided with another write (its savepoint rolled back) is tried again on its
  // own, once the batch's locks are released: within the batch it would meet the same lock again.
  for (let i = 0; i < items.length; i++) if (isWriteConflict(outcomes[i])) outcomes[i] = await storeAlone(em, items[i], writer);
  return outcomes;
}

async function sequentially(em: EntityManager, items: BulkItem[], writer?: Writer): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const item of items) outcomes.push(await storeAlone(em, item, writer));
  return outcomes;
}

/** Tries a write that collided with another (a deadlock, say) this many times more before giving up. */
const CONFLICT_RETRIES = 2;

/** One report in its own transaction, tried again while it collides with another write. */
async function storeAlone(em: EntityManager, item: BulkItem, writer?: Writer): Promise<BulkOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await storeReadReport(em.fork(), item.read, item.overrides, writer);
    } catch (error) {
      if (isWriteConflict(error) && attempt < CONFLICT_RETRIES) continue;
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
