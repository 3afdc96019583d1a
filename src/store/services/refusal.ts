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
