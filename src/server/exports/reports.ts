/**
 * Reports as rows (one per report: agency, region, year, then every cell of the three tables under
 * its official label) and one report as a workbook in the official layout of 表二/三/四.
 */
import type ExcelJS from 'exceljs';
import { CELL_COLUMNS, plainDecimal, tableGrids, tableName, type CellColumn, type TableName } from '../../format/index.js';
import type { ReportView } from '../../store/reports/views.js';
import { encodeGlobalId } from '../../schema/global-id.js';
import { HEADER_STYLE, type ExportValue, type SheetWriter } from './writers.js';

/** A cell as the read path holds it: counts as numbers, table 二 as exact decimal text; null: printed blank; undefined: not in the report's format. */
export function cellOf(report: ReportView, table: TableName, row: string, column: string): number | string | null | undefined {
  const part = table === 'proactiveDisclosure' ? report.disclosure : table === 'applications' ? report.applications : report.reviews;
  const value = part?.[row]?.[column] as number | string | null | undefined;
  return typeof value === 'string' ? plainDecimal(value) : value;
}

/** For spreadsheets and JSON: table 二's decimal text as a number (blank stays null). */
const numeric = (value: number | string | null | undefined) => (typeof value === 'string' ? Number(value) : value);

interface ReportColumn {
  label: string;
  read: (report: ReportView) => ExportValue;
}

// The report's own columns; the table cells follow under their official labels (src/format/layout.ts).
const REPORT_COLUMNS: ReportColumn[] = [
  { label: 'ID', read: (r) => encodeGlobalId('Report', String(r.id)) },
  { label: '发布机关', read: (r) => r.agency.name },
  { label: '行政区划代码', read: (r) => r.agency.regionCode },
  { label: '行政区划', read: (r) => r.agency.regionName },
  { label: '统计年度', read: (r) => r.year },
  { label: '格式', read: (r) => r.formatVersion },
  { label: '状态', read: (r) => r.status },
  { label: '标题', read: (r) => r.title },
  { label: '发布日期', read: (r) => r.publishedOn as unknown as string | null },
];

export const REPORT_ROW_HEADER = [...REPORT_COLUMNS.map((c) => c.label), ...CELL_COLUMNS.map((c) => c.label)];

/** One line of the CSV: cells as printed (exact decimals), blank and absent cells empty. */
export function reportRow(report: ReportView, convert: (value: number | string | null | undefined) => ExportValue = (v) => v): ExportValue[] {
  return [...REPORT_COLUMNS.map((c) => c.read(report)), ...CELL_COLUMNS.map((c: CellColumn) => convert(cellOf(report, c.table, c.row, c.column)))];
}

export const reportRowNumeric = (report: ReportView) => reportRow(report, numeric);

/** One JSON line: the report's columns, then `cells` by official label (null: printed blank; cells of another format left out). */
export function reportObject(report: ReportView): Record<string, unknown> {
  const cells: Record<string, number | null> = {};
  for (const c of CELL_COLUMNS) {
    const value = cellOf(report, c.table, c.row, c.column);
    if (value !== undefined) cells[c.label] = numeric(value) ?? null;
  }
  return { ...Object.fromEntries(REPORT_COLUMNS.map((c) => [c.label, c.read(report) ?? null])), cells };
}

/** A sheet of rows under a bold header row, the header frozen. */
export function listSheet(workbook: SheetWriter, name: string, header: readonly string[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const row = sheet.addRow([...header]);
  row.eachCell((cell) => (cell.style = HEADER_STYLE));
  row.commit();
  return sheet;
}

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** The report's three tables, each on its own sheet in the official layout, merged headings and all. */
export function writeReportWorkbook(workbook: SheetWriter, report: ReportView): void {
  for (const grid of tableGrids(report.formatVersion)) {
    const name = tableName(grid.table, report.formatVersion);
    const sheet = workbook.addWorksheet(`${name} ${grid.title}`.slice(0, 31));
    // Widths go before the first row: a streamed sheet writes its columns ahead of its rows.
    sheet.columns = Array.from({ length: grid.cols }, () => ({ width: 16 }));
    const title = sheet.addRow([`${report.agency.name} ${report.year} ${name} ${grid.title}`]);
    title.font = { bold: true, size: 13 };
    const top = 2;
    const values: (string | number | null)[][] = Array.from({ length: grid.rows }, () => Array(grid.cols).fill(null));
    for (const cell of grid.cells) values[cell.r][cell.c] = cell.text ?? numeric(cellOf(report, grid.table, cell.cell!.row, cell.cell!.column)) ?? null;
    const headers = new Set(grid.cells.filter((c) => c.header).map((c) => `${c.r},${c.c}`));
    values.forEach((rowValues, r) => {
      const row = sheet.addRow(rowValues);
      for (let c = 0; c < grid.cols; c++) {
        const cell = row.getCell(c + 1);
        cell.border = BORDER;
        if (headers.has(`${r},${c}`)) cell.style = { ...HEADER_STYLE, border: BORDER };
      }
    });
    // Merged after the rows exist (a streamed sheet would otherwise place later rows below the merges), committed with the sheet.
    sheet.mergeCells(1, 1, 1, grid.cols);
    for (const cell of grid.cells) {
      if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(top + cell.r, 1 + cell.c, top + cell.r + cell.rowSpan - 1, cell.c + cell.colSpan);
    }
    sheet.commit();
  }
}
