/**
 * The rollup rows and cell vectors in a database were computed for one list of rolled-up
 * measures, and vectors are read by position: changing the list without a migration that rebuilds
 * both would make old rows answer for the wrong measure.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROLLUP_LAYOUT } from '../../../src/store/services/rollup.js';

/** The layout the latest rebuilding migration (Migration20261130024828_rollup_proactive_cells) stored. */
const STORED_LAYOUT_SHA256 = 'b05c0166b093a132c4c44c252d4a2577a4ed362bfc5a2960e7da4e2f4e85e501';

describe('rolled-up measure layout', () => {
  it('is the one the migrations built', () => {
    const sha256 = createHash('sha256').update(ROLLUP_LAYOUT.join('\n')).digest('hex');
    expect(sha256, 'ROLLED_UP changed: add a migration that rebuilds what changed (rebuildRollupStatements(), and rebuildVectorStatements() when VECTOR_CELLS changed), then record the new sha256 here').toBe(
      STORED_LAYOUT_SHA256,
    );
    expect(new Set(ROLLUP_LAYOUT).size).toBe(ROLLUP_LAYOUT.length);
  });
});
