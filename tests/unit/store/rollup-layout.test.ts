/**
 * The rollup rows and cell vectors in a database were computed for one list of rolled-up
 * measures, and vectors are read by position: changing the list without a migration that rebuilds
 * both would make old rows answer for the wrong measure.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROLLUP_LAYOUT } from '../../../src/store/services/rollup.js';

/** The layout the latest rebuilding migration (Migration20261130032801_rollup_applicants_reviews) stored. */
const STORED_LAYOUT_SHA256 = '4fba0e542f2836475bebe8fffc055602a94ed87719dfd9344ca3159ec000805c';

describe('rolled-up measure layout', () => {
  it('is the one the migrations built', () => {
    const sha256 = createHash('sha256').update(ROLLUP_LAYOUT.join('\n')).digest('hex');
    expect(sha256, 'ROLLED_UP changed: add a migration that rebuilds what changed (rebuildRollupStatements(), and rebuildVectorStatements() when VECTOR_CELLS changed), then record the new sha256 here').toBe(
      STORED_LAYOUT_SHA256,
    );
    expect(new Set(ROLLUP_LAYOUT).size).toBe(ROLLUP_LAYOUT.length);
  });
});
