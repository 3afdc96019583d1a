/**
 * A write refused for a reason the caller can act on: a stable code, a message saying what, where
 * and why, and the individual issues. Nothing was changed. Imports and corrections refuse this way.
 */
import type { ValidationIssue } from '../../format/index.js';

export class Refusal<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** unique_violation, deadlock_detected, serialization_failure, lock_not_available */
const CONFLICT_STATES = new Set(['23505', '40P01', '40001', '55P03']);

/**
 * A write that collided with another one at the same time (e.g. an import that names an agency
 * without its region, beside a merge of that agency): nothing was applied, and the same write may
 * simply be tried again.
 */
export function isWriteConflict(error: unknown): boolean {
  const state = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof state === 'string' && CONFLICT_STATES.has(state);
}
