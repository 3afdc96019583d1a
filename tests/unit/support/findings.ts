import { findingMessage } from '../../../src/format/index.js';
import type { Finding } from '../../../src/format/interchange.js';

/** A finding's message in English (the rule tests were written against the English wording). */
export const english = (finding: Finding) => findingMessage(finding, 'en');
