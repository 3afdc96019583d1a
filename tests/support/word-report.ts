/**
 * A report as a Word .docx written the way Word and WPS write one (document.xml by hand, zipped):
 * the three tables in the official layout (src/format's grids: w:gridSpan across, w:vMerge down),
 * their values from a corpus report's hand-checked JSON. Each hook rewrites one part the way some
 * editor does (runs, fields, content controls, split tables, text boxes), so a test can check that
 * the file still reads to the values it prints.
 */
import { CHINESE_NUMERALS, cellPath, formatSpec, tableGrids, type FormatVersion, type GridCell, type TableGrid, type TableName } from '../../src/format/index.js';
import { zip } from './zip.js';

type Table = Record<string, Record<string, number | null>>;
export interface ExpectedReport {
  formatVersion: FormatVersion;
  year: number;
  agencyName: string;
  proactiveDisclosure?: Table;
  applications: Table;
  reviewsAndLitigation: Table;
}

export interface WordLayout {
  /** The runs of one cell's text: label or value. */
  runs?(text: string, cell: GridCell, grid: TableGrid): string;
  /** The text a value cell prints (full-width digits, a dash for nothing). */
  printed?(value: number | null, path: string): string;
  /** A whole cell (w:tc), e.g. wrapped in a content control. */
  cell?(tc: string, cell: GridCell, grid: TableGrid): string;
  /** A table's rows as body XML; `tbl` wraps rows in a w:tbl. Default: one table. */
  table?(rows: string[], grid: TableGrid, tbl: (rows: string[]) => string): string;
  /** How a cell merged into the one above says so: Word writes `<w:vMerge/>`, some WPS versions `w:val="continue"`. */
  vMergeContinue?: string;
  /**
   * Cells merged across written as one cell spanning grid columns (w:gridSpan, the default), as old
   * Word and converters write them (w:hMerge: a first cell, empty ones continuing it), or not merged
   * at all: the text in the first cell and empty cells after it (`labels`: label cells only; `all`).
   */
  across?: 'hMerge' | 'labels' | 'all';
  /** Header rows marked to repeat on each page (w:tblHeader). */
  repeatHeader?: boolean;
  /** Everything from 表二 to 表四, e.g. inside a text box or a layout table. */
  tables?(xml: string): string;
}

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const run = (text: string) => `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
export const paragraph = (inner: string) => `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${inner}</w:p>`;

const NAMESPACES = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
].join(' ');

/** The document.xml holding `body` (the children of w:body). */
export const documentXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NAMESPACES} mc:Ignorable="w14"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;

/** A .docx holding `body` (the children of w:body), or a whole document.xml as given. */
export function docxOf(body: string, document = documentXml(body)): Uint8Array {
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/_rels/document.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
    'word/document.xml': document,
  });
}

/** The grid's rows as w:tr elements: each position of the grid is one w:tc, or part of one (gridSpan), or a continuation (vMerge). */
function gridRows(grid: TableGrid, text: (cell: GridCell) => string, layout: WordLayout): string[] {
  const at = new Map<string, GridCell>();
  for (const cell of grid.cells) for (let r = cell.r; r < cell.r + cell.rowSpan; r++) at.set(`${r},${cell.c}`, cell);
  const rows: string[] = [];
  for (let r = 0; r < grid.rows; r++) {
    let tcs = '';
    let header = true;
    for (let c = 0; c < grid.cols; ) {
      const cell = at.get(`${r},${c}`);
      if (!cell) {
        tcs += '<w:tc><w:p/></w:tc>';
        c++;
        continue;
      }
      header &&= cell.header;
      // merged across: one cell spanning the grid columns (w:gridSpan), or as old Word wrote it, a
      // first cell and empty ones continuing it (w:hMerge)
      const split = cell.colSpan > 1 && (layout.across === 'hMerge' || layout.across === 'all' || (layout.across === 'labels' && !cell.cell && cell.c + cell.colSpan <= labelCols(grid)));
      const spans = split ? Array.from({ length: cell.colSpan }, (_, i) => (layout.across !== 'hMerge' ? '' : i ? '<w:hMerge/>' : '<w:hMerge w:val="restart"/>')) : [cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : ''];
      spans.forEach((span, i) => {
        const props = (merge: string) => `<w:tcPr><w:tcW w:w="${(800 * cell.colSpan) / spans.length}" w:type="dxa"/>${span}${merge}<w:vAlign w:val="center"/></w:tcPr>`;
        const tc =
          cell.r === r && i === 0
            ? `<w:tc>${props(cell.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '')}${paragraph(layout.runs ? layout.runs(text(cell), cell, grid) : run(text(cell)))}</w:tc>`
            : `<w:tc>${props(cell.r === r ? (cell.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '') : (layout.vMergeContinue ?? '<w:vMerge/>'))}<w:p/></w:tc>`;
        tcs += layout.cell ? layout.cell(tc, cell, grid) : tc;
      });
      c += cell.colSpan;
    }
    const trPr = header && layout.repeatHeader ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
    rows.push(`<w:tr>${trPr}${tcs}</w:tr>`);
  }
  return rows;
}

/** The grid columns left of the first value cell. */
const labelCols = (grid: TableGrid) => Math.min(...grid.cells.filter((c) => c.cell).map((c) => c.c));

function tblOf(grid: TableGrid): (rows: string[]) => string {
  const cols = Array.from({ length: grid.cols }, () => '<w:gridCol w:w="800"/>').join('');
  return (rows) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:insideH w:val="single" w:sz="4"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${cols}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

const PRINTED_BLANK = /^[^0-9０-９]*$/;

/**
 * The report as a .docx, and the values it prints: the corpus values, except cells the layout
 * prints without a number ("——", "无"), which must read blank.
 */
export function wordReport(source: ExpectedReport, layout: WordLayout = {}): { docx: Uint8Array; body: string; expected: ExpectedReport; blanks: string[] } {
  const spec = formatSpec(source.formatVersion);
  const expected = structuredClone(source);
  const blanks: string[] = [];
  const heading = (n: number) => paragraph(run(`${CHINESE_NUMERALS[n]}、${spec.sections.find((s) => s.number === n)!.title}`));
  const tables = tableGrids(source.formatVersion).map((grid) => {
    // a table the corpus did not check (2019 reports' 表二) is printed with empty cells
    const values = (source[grid.table as TableName] ?? {}) as Table;
    const text = (cell: GridCell) => {
      if (!cell.cell) return cell.text ?? '';
      const { row, column } = cell.cell;
      const path = cellPath(grid.table, row, column);
      const value = values[row]?.[column] ?? null;
      const printed = layout.printed ? layout.printed(value, path) : value === null ? '' : String(value);
      if (value !== null && PRINTED_BLANK.test(printed)) {
        (expected[grid.table as TableName] as Table)[row][column] = null;
        blanks.push(path);
      }
      return printed;
    };
    const rows = gridRows(grid, text, layout);
    const tbl = tblOf(grid);
    return heading(grid.sectionNumber) + (layout.table ? layout.table(rows, grid, tbl) : tbl(rows));
  });
  const body = [
    paragraph(run(`${source.agencyName}${source.year}年政府信息公开工作年度报告`)),
    heading(1),
    paragraph(run('本机关认真贯彻落实政府信息公开条例，现将本年度工作情况报告如下。')),
    layout.tables ? layout.tables(tables.join('')) : tables.join(''),
    heading(5),
    paragraph(run('主要问题是公开内容不够全面，下一步将加强培训。')),
    heading(6),
    paragraph(run('本机关未收取信息处理费。')),
  ].join('');
  return { docx: docxOf(body), body, expected, blanks };
}
