/** Corpus expected.json files as InterchangeReports (known, hand-checked table values). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InterchangeReport, InterchangeSection } from '../../../src/format/interchange.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

/** The corpus report whose file name starts with `prefix` ('01', '16'), from its expected.json. */
export function corpusReport(prefix: string): InterchangeReport {
  const file = readdirSync(CORPUS).find((f) => f.startsWith(`${prefix}_`) && f.endsWith('.expected.json'));
  if (!file) throw new Error(`no expected.json for corpus ${prefix}`);
  const data = JSON.parse(readFileSync(CORPUS + file, 'utf8')) as Partial<InterchangeReport>;
  return { sections: [], findings: [], title: null, proactiveDisclosure: {}, ...data } as InterchangeReport;
}

/** A deep copy, so a test can tamper with cells without touching other tests. */
export function copy(report: InterchangeReport): InterchangeReport {
  return structuredClone(report);
}

export function section(body: string, number = 1, title = '总体情况', code = 'OVERVIEW'): InterchangeSection {
  return { number, code, title, body };
}

export const FULL_CORPUS = ['01', '02', '04', '05', '06', '08', '11', '13', '16', '28'];
