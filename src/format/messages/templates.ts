import type { FindingParamsByCode } from './codes.js';

/** One language's wording of every finding code: the compiler makes each language cover every code. */
export type Templates = { [C in keyof FindingParamsByCode]: (params: FindingParamsByCode[C]) => string };
