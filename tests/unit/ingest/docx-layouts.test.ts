/**
 * Word files of layouts LibreOffice never wrote (tests/support/word-layouts.ts): each, made from a
 * corpus report's hand-checked values, reads with every cell right, or blank where it prints no
 * number and then named by a finding; never a wrong number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellPath, type InterchangeReport, type TableName } from '../../../src/format/index.js';
import { readReport } from '../../../src/store/services/read-report.js';
import { WORD_LAYOUTS } from '../../support/word-layouts.js';
import { wordReport, type ExpectedReport } from '../../support/word-report.js';

const corpus = (name: string): ExpectedReport => JSON.parse(readFileSync(join(__dirname, '../../fixtures/corpus', `${name}.expected.json`), 'utf8'));
const REPORTS = ['02_pingtan_2024', '08_pingtan_2019', '16_shanghai_govoffice_2019_jsstring_html'];
const TABLES: TableName[] = ['proactiveDisclosure', 'applications', 'reviewsAndLitigation'];
type Table = Record<string, Record<string, number | null>>;

/** Cells read other than printed: a number that differs, or a blank no finding names. */
function misread(report: InterchangeReport, expected: ExpectedReport): string[] {
  const out: string[] = [];
  for (const table of TABLES) {
    const want = expected[table] as Table | undefined;
    if (!want) continue;
    for (const [row, cells] of Object.entries(want))
      for (const [column, value] of Object.entries(cells)) {
        const actual = (report[table] as unknown as Table)[row]?.[column] ?? null;
        if (actual === value) continue;
        const path = cellPath(table, row, column);
        if (actual !== null) out.push(`${path}: printed ${value}, read ${actual}`);
        else out.push(`${path}: printed ${value}, read blank`);
      }
  }
  return out;
}

describe('.docx layouts Word and WPS write', () => {
  for (const name of REPORTS)
    for (const [what, layout] of WORD_LAYOUTS) {
      it(`${name}: ${what}`, async () => {
        const { docx, expected, blanks } = wordReport(corpus(name), layout);
        const { interchange } = await readReport({ content: docx, fileName: `${name}.docx` });
        expect(interchange.year).toBe(expected.year);
        expect(interchange.formatVersion).toBe(expected.formatVersion);
        expect(misread(interchange, expected)).toEqual([]);
        for (const path of blanks) expect(interchange.findings.some((f) => f.cells.includes(path)), `${path} blank without a finding`).toBe(true);
      });
    }
});
