/**
 * The export formats as streams: CSV (UTF-8 with a BOM, so Excel reads Chinese), JSON Lines, and
 * XLSX through exceljs's streaming writer. Each pulls the next rows only when the client has
 * taken the previous ones. A blank value (null) is written as an empty cell, never as 0.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

export type ExportValue = string | number | null | undefined;

const BOM = '\uFEFF';
const encoder = new TextEncoder();

/** RFC 4180: a field with a quote, comma or line break is quoted, quotes doubled. */
export function csvLine(fields: readonly ExportValue[]): string {
  return `${fields.map((f) => (f === null || f === undefined ? '' : /[",\r\n]/.test(String(f)) ? `"${String(f).replace(/"/g, '""')}"` : String(f))).join(',')}\r\n`;
}

/** Text produced chunk by chunk (each chunk asked for when the client has read the previous one). */
export function textStream(chunks: AsyncIterable<string>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // Headers are gone: the client sees a broken download, never a silently short file.
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  }, { highWaterMark: 0 });
}

/** CSV: the BOM and the header, then one line per row. */
export async function* csvChunks(header: readonly string[], pages: AsyncIterable<ExportValue[][]>): AsyncGenerator<string> {
  yield BOM + csvLine(header);
  for await (const rows of pages) yield rows.map(csvLine).join('');
}

export async function* jsonLines(pages: AsyncIterable<unknown[]>): AsyncGenerator<string> {
  for await (const objects of pages) if (objects.length) yield objects.map((o) => `${JSON.stringify(o)}\n`).join('');
}

export type SheetWriter = ExcelJS.stream.xlsx.WorkbookWriter;

let excelModule: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => (excelModule ??= import('exceljs').then((m) => (m.default ?? m) as typeof ExcelJS));

/**
 * An XLSX file written by `write` into a streaming workbook; `write` calls `drained()` between
 * batches of rows, which waits while the client is behind (exceljs zips as rows are committed).
 */
export function xlsxStream(write: (workbook: SheetWriter, drained: () => Promise<void>) => Promise<void>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const drained = async () => {
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  // exceljs is loaded on the first spreadsheet asked for: tens of megabytes a service that never
  // exports one should not hold.
  loadExcel()
    .then(async (excel) => {
      const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      await write(workbook, drained);
      await workbook.commit();
    })
    .catch((error: unknown) => {
      onError(error);
      out.destroy(error as Error);
    });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
};
