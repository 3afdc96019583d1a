/**
 * Downloads for people who work in Excel: GET /export/reports.csv|.xlsx|.jsonl (the list of
 * `reports(filter:)`, one row per report), /export/report/<id>.xlsx (one report in the official
 * layout) and /export/statistics.csv|.xlsx (`statistics` as a table). Drafts only with a token,
 * as everywhere; a bad parameter is a 400 that names it.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Authenticate } from '../../schema/authenticate.js';
import { viewerFromRequest, type Viewer } from '../../schema/context.js';
import { expectGlobalId } from '../../schema/global-id.js';
import { EXPORT_PAGE_SIZE, TABLE_PARTS_REQUEST, reportPages } from '../../store/reports/export.js';
import { reportsById } from '../../store/reports/read.js';
import type { ReadPool } from '../../store/read-pool.js';
import type { Logger } from '../logger.js';
import { ExportError, reportListRequest, statisticsRequest } from './parameters.js';
import { REPORT_ROW_HEADER, listSheet, reportObject, reportRow, reportRowNumeric, writeReportWorkbook } from './reports.js';
import { statisticsTable } from './statistics.js';
import { csvChunks, jsonLines, textStream, xlsxStream, type ExportValue } from './writers.js';

export interface ExportOptions {
  orm: MikroORM;
  reader: ReadPool;
  authenticate: Authenticate;
  logger: Logger;
  /** Reports per statement (default EXPORT_PAGE_SIZE). */
  pageSize?: number;
}

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Extension = keyof typeof TYPES;

const ROUTES: { pattern: RegExp; extensions: readonly Extension[] }[] = [
  { pattern: /^\/export\/reports\.(\w+)$/, extensions: ['csv', 'xlsx', 'jsonl'] },
  { pattern: /^\/export\/report\/([^/]+)\.(\w+)$/, extensions: ['xlsx'] },
  { pattern: /^\/export\/statistics\.(\w+)$/, extensions: ['csv', 'xlsx'] },
];

const statusesOf = (viewer: Viewer) => (viewer.canWrite ? undefined : (['PUBLISHED'] as const).slice());

async function* mapPages<T, U>(pages: AsyncIterable<T[]>, map: (item: T) => U): AsyncGenerator<U[]> {
  for await (const page of pages) yield page.map(map);
}

export function exportsPlugin(options: ExportOptions): Plugin {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const onError = (error: unknown) => options.logger.error('export failed while streaming', { error: (error as Error)?.stack ?? String(error) });

  const download = (body: ReadableStream<Uint8Array>, extension: Extension, name: string) =>
    new Response(body, {
      status: 200,
      headers: { 'content-type': TYPES[extension], 'content-disposition': `attachment; filename="${name}.${extension}"`, 'cache-control': 'no-store' },
    });

  async function reports(url: URL, viewer: Viewer, extension: Extension): Promise<Response> {
    const { filter, order } = reportListRequest(url.searchParams, viewer);
    const pages = () => reportPages(options.reader, filter, order, pageSize);
    if (extension === 'csv') return download(textStream(csvChunks(REPORT_ROW_HEADER, mapPages(pages(), (r) => reportRow(r))), onError), extension, 'reports');
    if (extension === 'jsonl') return download(textStream(jsonLines(mapPages(pages(), reportObject)), onError), extension, 'reports');
    const body = xlsxStream(async (workbook, drained) => {
      const sheet = listSheet(workbook, '报告', REPORT_ROW_HEADER);
      for await (const page of pages()) {
        for (const report of page) sheet.addRow(reportRowNumeric(report)).commit();
        await drained();
      }
      sheet.commit();
    }, onError);
    return download(body, extension, 'reports');
  }

  async function report(idText: string, viewer: Viewer): Promise<Response> {
    const id = expectGlobalId(decodeURIComponent(idText), 'Report');
    const [found] = await reportsById(options.reader, [id], TABLE_PARTS_REQUEST, statusesOf(viewer));
    if (!found) throw new ExportError(404, `No report with ID "${decodeURIComponent(idText)}" (or it is a draft and no API token was given).`);
    return download(xlsxStream(async (workbook) => writeReportWorkbook(workbook, found), onError), 'xlsx', `report-${found.agency.regionCode ?? ''}-${found.year}-${found.id}`);
  }

  async function statistics(url: URL, viewer: Viewer, extension: Extension): Promise<Response> {
    const request = statisticsRequest(url.searchParams, viewer);
    const table = await statisticsTable(options.orm.em.fork(), options.reader, request, statusesOf(viewer));
    if (extension === 'csv') return download(textStream(csvChunks(table.header, onePage(table.rows)), onError), extension, 'statistics');
    const body = xlsxStream(async (workbook) => {
      const sheet = listSheet(workbook, '统计', table.header);
      for (const row of table.rows) sheet.addRow(row).commit();
      sheet.commit();
    }, onError);
    return download(body, extension, 'statistics');
  }

  async function route(request: Request, url: URL): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new ExportError(400, `Exports are read with GET, not ${request.method}.`);
    const viewer = await viewerFromRequest(request, options.authenticate);
    for (const [index, { pattern, extensions }] of ROUTES.entries()) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      const extension = match[match.length - 1] as Extension;
      if (!extensions.includes(extension)) throw new ExportError(404, `${url.pathname}: this export comes as ${extensions.map((e) => `.${e}`).join(', ')}, not .${extension}.`);
      if (index === 0) return reports(url, viewer, extension);
      if (index === 1) return report(match[1], viewer);
      return statistics(url, viewer, extension);
    }
    throw new ExportError(404, `${url.pathname} is not an export: use /export/reports.csv|.xlsx|.jsonl, /export/report/<id>.xlsx or /export/statistics.csv|.xlsx.`);
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith('/export/')) return;
      try {
        endResponse(await route(request, url));
      } catch (error) {
        const known = error instanceof ExportError ? error : error instanceof GraphQLError ? new ExportError(error.extensions?.code === 'FORBIDDEN' ? 403 : 400, error.message) : undefined;
        if (!known) throw error;
        endResponse(Response.json({ error: { status: known.status, message: known.message } }, { status: known.status }));
      }
    },
  };
}

async function* onePage(rows: ExportValue[][]): AsyncGenerator<ExportValue[][]> {
  yield rows;
}
