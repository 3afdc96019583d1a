/**
 * Layouts the corpus does not have, made from the 01 report (tests/fixtures/ingest/generate.ts):
 * each must give 01's hand-checked tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/ingest/index.js';

const fixtures = join(__dirname, '../../fixtures');
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, `corpus/${name}.expected.json`), 'utf8'));
const expected01 = load('01_shanting_zaozhuang_2024');
const expectedFor: Record<string, { formatVersion: string; year: number; [k: string]: unknown }> = {
  '01': expected01,
  '13': load('13_huaian_city_2024_pdftotext'),
  '16': load('16_shanghai_govoffice_2019_jsstring_html'),
  '08': load('08_pingtan_2019'),
};

const VARIANTS: [file: string, what: string][] = [
  ['01_form.html', 'clean HTML page, the official form with rowspan/colspan headers and row groups'],
  ['01_markdown.md', 'Markdown pipe tables, group labels repeated in a first column'],
  ['01_markdown_groups.md', 'PDF to Markdown: each row group a small table under its heading, the column headers again over each, labels again without their numbers and with ASCII commas, 表四 as three small tables'],
  ['01_fullwidth.txt', 'full-width digits (０１２)'],
  ['01_transposed_t4.txt', '表四 transposed: one row per cell, labels in columns'],
  ['01_label_variants.txt', '2021 label variants: 第二十条 第（一）项, 1、, 规范性文件, straight quotes'],
  ['01_values_before_labels.txt', '表三 rows printed values first, label after'],
  ['01_comma_lists.txt', '表三 rows as "label：34，0，0，…"'],
  ['01_pdftotext_layout.txt', 'pdftotext -layout: padded columns, long labels wrapped onto the line after their values'],
  ['01_nested_layout.html', 'the form inside a page-layout table (tables nested in a cell)'],
  ['16_tsv_2019.txt', '2019 format: 16 as a TAB-separated spreadsheet copy, blank cells empty'],
  ['08_wrapped_2019.txt', '2019 format: 08 (glued digits) hard-wrapped every 30 characters, headings included'],
  ['13_running_headers.txt', '13 (pdftotext) with a running header and "第 N 页 共 M 页" on every page'],
];

describe('synthetic layouts parse to the tables of the report they were made from', () => {
  for (const [file, what] of VARIANTS) {
    it(`${file}: ${what}`, () => {
      const expected = expectedFor[file.slice(0, 2)] as typeof expected01;
      const r = parseReport(new Uint8Array(readFileSync(join(fixtures, 'ingest', file))), { fileName: file });
      expect(r.formatVersion).toBe(expected.formatVersion);
      expect(r.year).toBe(expected.year);
      if (expected.proactiveDisclosure) expect(r.proactiveDisclosure).toEqual(expected.proactiveDisclosure);
      expect(r.applications).toEqual(expected.applications);
      expect(r.reviewsAndLitigation).toEqual(expected.reviewsAndLitigation);
      expect(r.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const s of r.sections.slice(1, 4)) expect(s.body, `${s.code}`).not.toMatch(/本年新收|结果维持|(?:\d\s*){8,}/);
      if (file.startsWith('01_')) expect(r.findings.filter((f) => f.rule === 'PARSE' && f.severity !== 'INFO')).toEqual([]);
    });
  }

  it('the HTML page: title from the page, agency from title place + printed organ, no footer in part 六', () => {
    const r = parseReport(readFileSync(join(fixtures, 'ingest/01_form.html'), 'utf8'));
    expect(r.title).toBe('枣庄市山亭区2024年政府信息公开工作年度报告');
    expect(r.agencyName).toBe('枣庄市山亭区人民政府');
    expect(r.sections[5].body).not.toMatch(/主办单位|网站标识码/);
  });
});
