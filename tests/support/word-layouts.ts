/**
 * What Word and WPS write that LibreOffice's export never did, one layout each (see word-report.ts):
 * every hook keeps what the page prints and changes only how the XML says it.
 */
import { escapeXml, paragraph, run, type WordLayout } from './word-report.js';

let ids = 0;
const bookmark = () => {
  const id = ++ids;
  return `<w:bookmarkStart w:id="${id}" w:name="_Hlk${100000 + id}"/><w:bookmarkEnd w:id="${id}"/>`;
};

/** Each character its own run (as after editing), numbers interrupted by proofErr and bookmarks, labels broken by w:br and w:tab. */
const manyRuns: WordLayout = {
  runs(text, cell) {
    if (!text) return '';
    if (cell.cell) {
      const chars = [...text].map((ch) => `<w:r><w:t>${escapeXml(ch)}</w:t></w:r>`);
      return `<w:r><w:tab/></w:r>${chars.join(`<w:proofErr w:type="gramStart"/>${bookmark()}<w:proofErr w:type="gramEnd"/>`)}<w:r><w:lastRenderedPageBreak/></w:r>`;
    }
    const chars = [...text];
    const cut = Math.ceil(chars.length / 2);
    return `<w:r><w:t>${escapeXml(chars.slice(0, cut).join(''))}</w:t></w:r><w:r><w:br/></w:r>${chars
      .slice(cut)
      .map((ch, i) => `<w:r>${i === 0 ? '<w:tab/>' : ''}<w:t>${escapeXml(ch)}</w:t></w:r>`)
      .join('')}`;
  },
};

/** An earlier number deleted and the right one inserted (changes tracked, not accepted); labels edited the same way. */
const trackedChanges: WordLayout = {
  runs(text, cell) {
    const change = 'w:author="张三" w:date="2025-01-10T09:00:00Z"';
    if (cell.cell && text) return `<w:del w:id="${++ids}" ${change}><w:r><w:delText>9${escapeXml(text)}</w:delText></w:r></w:del><w:ins w:id="${++ids}" ${change}>${run(text)}</w:ins>`;
    if (text) return `${run(text.slice(0, 1))}<w:del w:id="${++ids}" ${change}><w:r><w:delText>2023</w:delText></w:r></w:del>${run(text.slice(1))}`;
    return '';
  },
  // a row deleted with its numbers, still in the file
  table(rows, _grid, tbl) {
    const last = rows[rows.length - 1];
    const deleted = last.replace('<w:tr>', '<w:tr><w:trPr><w:del w:id="999" w:author="张三" w:date="2025-01-10T09:00:00Z"/></w:trPr>').replace(/(<w:t xml:space="preserve">)[0-9.]+/g, '$18');
    return tbl([...rows.slice(0, -1), deleted, last]);
  },
};

/** Hidden text (w:vanish) in front of every number and inside labels: not printed, so not read. */
const hiddenText: WordLayout = {
  runs(text) {
    if (!text) return '';
    const hidden = `<w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r>`;
    return `${hidden}${run(text.slice(0, 1))}<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>${escapeXml(text.slice(1))}</w:t></w:r>${hidden}`;
  },
};

/** Text moved with changes tracked: the old place (w:moveFrom) is not printed, the new one (w:moveTo) is. */
const movedText: WordLayout = {
  runs(text, cell) {
    if (!cell.cell || !text) return run(text);
    const id = ++ids;
    return `<w:moveFromRangeStart w:id="${id}" w:name="move${id}"/><w:moveFrom w:id="${++ids}" w:author="李四" w:date="2025-01-10T09:00:00Z">${run(`7${text}`)}</w:moveFrom><w:moveFromRangeEnd w:id="${id}"/><w:moveTo w:id="${++ids}" w:author="李四" w:date="2025-01-10T09:00:00Z">${run(text)}</w:moveTo>`;
  },
};

/** Sums as formula fields: complex fields (begin/instr/separate/result/end) and w:fldSimple, the instructions naming cells with digits. */
const fields: WordLayout = {
  runs(text, cell) {
    if (!cell.cell || !text) return run(text);
    if (cell.cell.column === 'TOTAL' || cell.cell.column === 'IN_FORCE')
      return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(B3:G3) \\# "0" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(text)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    return `<w:fldSimple w:instr=" =B2+C2 \\* MERGEFORMAT ">${run(text)}</w:fldSimple>`;
  },
};

const sdt = (alias: string, content: string) => `<w:sdt><w:sdtPr><w:alias w:val="${alias}"/><w:tag w:val="${alias}"/><w:id w:val="${++ids}"/></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;

/** Content controls (form templates): around cells, around groups of rows, and around the runs of a number. */
const contentControls: WordLayout = {
  runs: (text, cell) => (cell.cell && text.length > 1 ? `${run(text.slice(0, 1))}${sdt('数值', run(text.slice(1)))}` : run(text)),
  cell: (tc, cell) => (cell.cell && cell.c % 2 === 0 ? sdt('单元格', tc) : tc),
  table: (rows, _grid, tbl) => tbl([...rows.slice(0, 2), sdt('表格行', rows.slice(2, 6).join('')), ...rows.slice(6)]),
  tables: (xml) => sdt('年报表格', xml),
};

/** Bookmarks and permission ranges between rows and between cells (Word puts a bookmark covering cells there). */
const bookmarksInTable: WordLayout = {
  cell: (tc, cell) => (cell.c === 1 ? `${bookmark()}${tc}` : tc),
  table: (rows, _grid, tbl) => tbl(rows.flatMap((row, i) => (i % 3 === 1 ? [bookmark(), '<w:permStart w:id="7" w:edGrp="everyone"/>', row, '<w:permEnd w:id="7"/>'] : [row]))),
};

const pageBreak = paragraph('<w:r><w:br w:type="page"/></w:r>');
/** A cell merged into one above, at the top of a new table: the merge starts again there (empty). */
const restartMerges = (row: string) => row.replace(/<w:vMerge(?: w:val="continue")?\/>/g, '<w:vMerge w:val="restart"/>');

/** 表三 cut into two tables by a page break in the middle of a row group (its header rows marked to repeat). */
function splitApplications(copyHeader: boolean): WordLayout {
  return {
    repeatHeader: true,
    table(rows, grid, tbl) {
      if (grid.table !== 'applications') return tbl(rows);
      const headerRows = rows.filter((r) => r.includes('<w:tblHeader/>'));
      const cut = headerRows.length + 9;
      return `${tbl(rows.slice(0, cut))}${pageBreak}${tbl([...(copyHeader ? headerRows : []), restartMerges(rows[cut]), ...rows.slice(cut + 1)])}`;
    },
  };
}

/** The tables inside a text box: Word's floating DrawingML shape with its VML copy as the fallback, or the shape alone, floating or inline. */
function textBox(fallback: boolean, inline = false): WordLayout {
  const shape = (content: string) =>
    `<wp:extent cx="5400000" cy="8000000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>${inline ? '' : '<wp:wrapTopAndBottom/>'}<wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>${content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>`;
  const drawing = (content: string) =>
    inline
      ? `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">${shape(content)}</wp:inline></w:drawing>`
      : `<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>${shape(content)}</wp:anchor></w:drawing>`;
  const vml = (content: string) => `<w:pict><v:shape id="文本框 1" type="#_x0000_t202" style="width:425pt;height:630pt"><v:textbox><w:txbxContent>${content}</w:txbxContent></v:textbox></v:shape></w:pict>`;
  return {
    tables: (xml) =>
      `<w:p><w:r>${fallback ? `<mc:AlternateContent><mc:Choice Requires="wps">${drawing(xml)}</mc:Choice><mc:Fallback>${vml(xml)}</mc:Fallback></mc:AlternateContent>` : drawing(xml)}</w:r></w:p>`,
  };
}

/** The tables inside the one cell of a page-layout table. */
const layoutTable: WordLayout = {
  tables: (xml) => `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>${xml}<w:p/></w:tc></w:tr></w:tbl>`,
};

const NOTHING = ['——', '/', '无', '-'];
/** Full-width digits, and some zeros printed as a dash, a slash or 无. */
const fullWidthAndDashes: WordLayout = {
  printed(value) {
    if (value === 0 && ++ids % 3 === 0) return NOTHING[ids % NOTHING.length];
    return value === null ? '' : String(value).replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  },
};

const INVISIBLE = ['\u00ad', '\u200b', '\ufeff', '\u2060'];
/** Numbers as Word's number formats and pasted web text print them: thousands separators, padding spaces, invisible characters between digits. */
const numberFormats: WordLayout = {
  printed(value) {
    if (value === null) return '';
    const grouped = value >= 1000 ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(value);
    const k = ++ids;
    return `${k % 2 ? '\u00a0' : '\u3000'}${[...grouped].join(INVISIBLE[k % INVISIBLE.length])}`;
  },
};

export const WORD_LAYOUTS: [name: string, layout: WordLayout][] = [
  ['merged cells as Word writes them (w:vMerge restart / <w:vMerge/>, w:gridSpan)', {}],
  ['merged cells as WPS writes them (w:vMerge w:val="continue")', { vMergeContinue: '<w:vMerge w:val="continue"/>' }],
  ['merged across as old Word and converters write it (w:hMerge restart / continue cells)', { across: 'hMerge' }],
  ['labels not merged across: the label in its first cell, empty cells after it', { across: 'labels' }],
  ['nothing merged across: headings and labels in their first cell, empty cells after them', { across: 'all' }],
  ['a cell’s text in many runs: w:br and w:tab in labels, digits one run each with proofErr and bookmarks between', manyRuns],
  ['tracked changes: w:ins kept, w:del and a deleted row dropped', trackedChanges],
  ['moved text: w:moveTo kept, w:moveFrom dropped', movedText],
  ['hidden text (w:vanish) around numbers and labels', hiddenText],
  ['fields: complex fields and w:fldSimple with digits in their instructions', fields],
  ['content controls (w:sdt) around the tables, rows, cells and runs of a number', contentControls],
  ['bookmarks and permission ranges between rows and cells', bookmarksInTable],
  ['表三 split by a page break mid-group, header rows marked w:tblHeader', splitApplications(false)],
  ['表三 split by a page break, header rows copied into the second table', splitApplications(true)],
  ['tables in a text box (DrawingML with a VML fallback, as Word writes)', textBox(true)],
  ['tables in a floating text box (DrawingML alone)', textBox(false)],
  ['tables in an inline text box (DrawingML alone)', textBox(false, true)],
  ['tables in a one-cell page-layout table', layoutTable],
  ['full-width digits; zeros printed as ——, /, 无, -', fullWidthAndDashes],
  ['number formats: thousands separators, NBSP and ideographic-space padding, soft hyphen / zero-width characters between digits', numberFormats],
];
