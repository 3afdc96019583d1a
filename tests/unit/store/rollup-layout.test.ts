/**
 * The rollup rows and cell vectors in a database were computed for one list of rolled-up
 * measures, and vectors are read by position: changing the list without a migration that rebuilds
 * both would make old rows answer for the wrong measure.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROLLUP_LAYOUT } from '../../../src/store/services/rollup.js';

/** The layout the latest rebuilding migration (Migration20261130023323_cell_vectors) stored. */
const STORED_LAYOUT_SHA256 = 'd1adf836563322a37a70dea50454e846e4bfa701d2d1aaedae0b3b5f80ae67a8';

describe('rolled-up measure layout', () => {
  it('is the one the migrations built', () => {
    const sha256 = createHash('sha256').update(ROLLUP_LAYOUT.join('\n')).digest('hex');
    expect(sha256, 'ROLLED_UP changed: add a migration that runs rebuildRollupStatements() and rebuildVectorStatements(), then record its sha256 here').toBe(
      STORED_LAYOUT_SHA256,
    );
    expect(new Set(ROLLUP_LAYOUT).size).toBe(ROLLUP_LAYOUT.length);
  });
});
