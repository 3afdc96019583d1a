/**
 * Empty cells a label not merged across leaves (src/ingest/grid-padding.ts), in HTML tables: padding
 * before the values' columns, never a blank value; the whole 表三 then reads right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHINESE_NUMERALS, formatSpec, tableGrids } from '../../../src/format/index.js';
import { htmlToText } from '../../../src/ingest/html.js';
import { parseReport } from '../../../src/ingest/index.js';

const rows = (html: string) => htmlToText(`<table>${html}</table>`).split('\n').filter(Boolean);

describe('padding cells in HTML tables', () => {
  it('are dropped after a label, under rowspans too; blank values and a row of values alone keep their cells', () => {
    expect(
      rows(`<tr><td colspan="3">栏目</td><td>甲</td><td>乙</td></tr>
        <tr><td>一、未合并</td><td></td><td></td><td>5</td><td>6</td></tr>
        <tr><td rowspan="2">三、分组</td><td>（一）子项</td><td></td><td>7</td><td></td></tr>
        <tr><td colspan="2">（二）合并的子项</td><td></td><td>8</td></tr>
        <tr><td></td><td></td><td></td><td>9</td><td>10</td></tr>`),
    ).toEqual(['| 栏目 | 甲 | 乙 |', '| 一、未合并 | 5 | 6 |', '| 三、分组 | （一）子项 | 7 |  |', '| （二）合并的子项 |  | 8 |', '|  |  |  | 9 | 10 |']);
  });

  it('a label whose colspan reaches into the values does not move where values start for the other rows', () => {
    expect(rows(`<tr><td>甲项</td><td>4</td><td>5</td></tr><tr><td colspan="2">乙项</td><td>6</td></tr><tr><td>丙项</td><td></td><td>7</td></tr>`)).toEqual(['| 甲项 | 4 | 5 |', '| 乙项 | 6 |', '| 丙项 |  | 7 |']);
  });

  it('a table wider than any report is printed as it is', () => {
    expect(rows(`<tr><td>标签</td><td></td><td colspan="300">5</td></tr><tr><td>标签</td><td></td><td>6</td></tr>`)).toEqual(['| 标签 |  | 5 |', '| 标签 |  | 6 |']);
  });
});

describe('a report page whose labels are not merged across (empty cells after them)', () => {
  it('reads every cell of 02 right', () => {
    const expected = JSON.parse(readFileSync(join(__dirname, '../../fixtures/corpus/02_pingtan_2024.expected.json'), 'utf8'));
    const spec = formatSpec(expected.formatVersion);
    let html = `<p>${expected.agencyName}${expected.year}年政府信息公开工作年度报告</p><p>一、${spec.sections[0].title}</p>`;
    for (const g of tableGrids(expected.formatVersion)) {
      const labelCols = Math.min(...g.cells.filter((c) => c.cell).map((c) => c.c));
      html += `<p>${CHINESE_NUMERALS[g.sectionNumber]}、${spec.sections.find((s) => s.number === g.sectionNumber)!.title}</p><table border="1">`;
      for (let r = 0; r < g.rows; r++) {
        html += '<tr>';
        for (const c of g.cells.filter((x) => x.r === r).sort((a, b) => a.c - b.c)) {
          const text = c.cell ? String(expected[g.table][c.cell.row][c.cell.column]) : c.text;
          const padded = !c.cell && c.colSpan > 1 && c.c + c.colSpan <= labelCols;
          html += `<td${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${!padded && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}>${text}</td>${padded ? '<td></td>'.repeat(c.colSpan - 1) : ''}`;
        }
        html += '</tr>';
      }
      html += '</table>';
    }
    const r = parseReport(`<html><body>${html}<p>五、${spec.sections[4].title}</p><p>无。</p></body></html>`);
    expect(r.proactiveDisclosure).toEqual(expected.proactiveDisclosure);
    expect(r.applications).toEqual(expected.applications);
    expect(r.reviewsAndLitigation).toEqual(expected.reviewsAndLitigation);
  });
});
