/**
 * Every report of a filter with its three tables, a page at a time: keyset paging through the read
 * path (one prepared statement per page, whatever the page size), so an export of the whole country
 * never holds more than one page in memory.
 */
import type { ReadPool } from '../read-pool.js';
import type { ReportFilter } from './filter.js';
import { listReports, reportCursor, type ReportCursor, type ReportOrder } from './read.js';
import { partBit, type PartRequest } from './sql.js';
import type { ReportView } from './views.js';

export const EXPORT_PAGE_SIZE = 500;

/** The report with its three tables (no sections, no findings). */
export const TABLE_PARTS_REQUEST: PartRequest = { mask: partBit('applications') | partBit('disclosure') | partBit('reviews') };

/** Pages of reports in list order; the last page is the first one shorter than `pageSize`. */
export async function* reportPages(pool: ReadPool, filter: ReportFilter, order: ReportOrder, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ReportView[]> {
  let after: ReportCursor | undefined;
  for (;;) {
    // One row more than the page tells whether another page follows, without a last, empty statement.
    const { reports } = await listReports(pool, { filter, order, after, limit: pageSize + 1, inverted: false }, TABLE_PARTS_REQUEST);
    const page = reports.slice(0, pageSize);
    if (page.length) yield page;
    if (reports.length <= pageSize) return;
    after = reportCursor(page[page.length - 1], order);
  }
}
