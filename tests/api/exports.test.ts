/**
 * An oversight office downloads what it works on in Excel: the reports of a filter as CSV, XLSX or
 * JSON Lines, one report in the official layout, and statistics as a table — through the real HTTP
 * layer, streamed a page at a time, drafts only with a token, blank cells left blank.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_COLUMNS, tableGrids } from '../../src/format/index.js';
import { buildMeasure } from '../../src/store/services/measures.js';
import { storeReport } from '../../src/store/services/report-writes.js';
import { AGENCIES, REPORTS, buildReport, loadPortalData } from '../support/portal-data.js';
import { EDITOR_TOKEN, createTestApi, type TestApi } from '../support/api.js';

const PAGE_SIZE = 2;
let api: TestApi;
const auth = { authorization: `Bearer ${EDITOR_TOKEN}` };

beforeAll(async () => {
  api = await createTestApi({ exportPageSize: PAGE_SIZE });
  await loadPortalData(api.orm.em.fork());
  const draft = { ...REPORTS[0].f, newReceived: 77, body: '草稿。' };
  await storeReport(api.orm.em.fork(), { report: buildReport(2022, '2021', draft), agency: AGENCIES.pingtan, status: 'DRAFT' });
});
afterAll(() => api?.close());

/** RFC 4180 as Excel writes it (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

async function download(path: string, headers: Record<string, string> = {}) {
  const response = await api.fetch(path, { headers });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function csv(path: string, headers: Record<string, string> = {}) {
  const { response, bytes } = await download(path, headers);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
  return { header, rows, byLabel: (row: string[], label: string) => row[header.indexOf(label)] };
}

async function workbook(bytes: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

const label = (table: string, row: string, column: string) => CELL_COLUMNS.find((c) => c.table === table && c.row === row && c.column === column)!.label;
const NEW_RECEIVED = label('applications', 'NEW_RECEIVED', 'TOTAL');
const OUTCOME_TOTAL = label('applications', 'OUTCOME_TOTAL', 'TOTAL');
const NATURAL_PERSON = label('applications', 'NEW_RECEIVED', 'NATURAL_PERSON');
const PUNISHMENTS = label('proactiveDisclosure', 'ADMINISTRATIVE_PUNISHMENT', 'DECISIONS');
const published = REPORTS.map((r) => ({ ...r, agency: AGENCIES[r.agency] }));

describe('GET /export/reports.csv', () => {
  it('lists every published report with every cell under its official label; blank stays blank, 0 stays 0', async () => {
    const { header, rows, byLabel } = await csv('/export/reports.csv');
    expect(header.slice(0, 5)).toEqual(['ID', '发布机关', '行政区划代码', '行政区划', '统计年度']);
    expect(header.slice(-CELL_COLUMNS.length)).toEqual(CELL_COLUMNS.map((c) => c.label));
    expect(new Set(header).size).toBe(header.length);
    expect(rows).toHaveLength(published.length);
    for (const expected of published) {
      const row = rows.find((r) => byLabel(r, '发布机关') === expected.agency.name && byLabel(r, '统计年度') === String(expected.year))!;
      expect(byLabel(row, '行政区划代码')).toBe(expected.agency.regionCode);
      expect(byLabel(row, NEW_RECEIVED)).toBe(String(expected.f.newReceived));
      expect(byLabel(row, OUTCOME_TOTAL)).toBe(expected.f.outcomeTotal === null ? '' : String(expected.f.outcomeTotal));
      expect(byLabel(row, PUNISHMENTS)).toBe(expected.f.punishments === null ? '' : String(expected.f.punishments));
      // Printed blank in every report of the fixture: never 0.
      expect(byLabel(row, NATURAL_PERSON)).toBe('');
    }
    // A printed 0 is a 0.
    const gulou = rows.find((r) => byLabel(r, '发布机关') === AGENCIES.gulou.name)!;
    expect(byLabel(gulou, label('applications', 'CARRIED_OVER', 'TOTAL'))).toBe('0');
  });

  it('filters like reports(filter:): region prefix, years, format', async () => {
    const cases: [string, (r: (typeof published)[number]) => boolean][] = [
      ['regionCode=35&year=2024', (r) => r.agency.regionCode!.startsWith('35') && r.year === 2024],
      ['year=2023,2020', (r) => [2023, 2020].includes(r.year)],
      ['yearFrom=2021&yearTo=2023', (r) => r.year >= 2021 && r.year <= 2023],
      ['formatVersion=2019', (r) => r.version === '2019'],
      ['formatVersion=FORMAT_2021', (r) => r.version === '2021'],
      ['regionCode=110101', (r) => r.agency.regionCode === '110101'],
    ];
    for (const [query, keep] of cases) {
      const { rows, byLabel } = await csv(`/export/reports.csv?${query}`);
      const expected = published.filter(keep).map((r) => `${r.agency.name} ${r.year}`).sort();
      expect(rows.map((r) => `${byLabel(r, '发布机关')} ${byLabel(r, '统计年度')}`).sort(), query).toEqual(expected);
    }
  });

  it('shows drafts only to a token', async () => {
    const anonymous = await csv('/export/reports.csv?year=2022');
    expect(anonymous.rows).toEqual([]);
    const refused = await api.fetch('/export/reports.csv?status=DRAFT');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/API token/);
    const editor = await csv('/export/reports.csv?status=DRAFT', auth);
    expect(editor.rows.map((r) => editor.byLabel(r, NEW_RECEIVED))).toEqual(['77']);
    expect(editor.rows.map((r) => editor.byLabel(r, '状态'))).toEqual(['DRAFT']);
  });

  it('streams a page at a time: one SQL statement per page of reports, the same prepared statement after the first', async () => {
    api.statements.length = 0;
    const response = await api.fetch('/export/reports.csv');
    const reader = response.body!.getReader();
    let chunks = 0;
    while (!(await reader.read()).done) chunks++;
    const pages = Math.ceil(published.length / PAGE_SIZE);
    expect(api.statements).toHaveLength(pages);
    // The first page has no cursor yet; every later one is the same prepared statement.
    expect(new Set(api.statements.slice(1)).size).toBe(1);
    // The header, then one chunk per page: the rows were never gathered into one string.
    expect(chunks).toBe(1 + pages);
  });

  it('refuses bad parameters with a 400 that names them', async () => {
    const cases: [string, RegExp][] = [
      ['/export/reports.csv?year=abc', /`year` must be a year/],
      ['/export/reports.csv?year=1999', /`year`/],
      ['/export/reports.csv?regionCode=3', /`regionCode`: must be 2, 4 or 6 digits/],
      ['/export/reports.csv?region=35', /Unknown parameter `region`/],
      ['/export/reports.csv?formatVersion=2030', /`formatVersion` must be one of 2021, 2019/],
      ['/export/reports.csv?orderBy=NAME', /`orderBy` must be one of/],
      ['/export/reports.csv?agencyId=xyz', /not a Nianbao global ID/],
      ['/export/reports.csv?regionCode=35&regionCode=11', /`regionCode` takes one value/],
    ];
    for (const [path, message] of cases) {
      const response = await api.fetch(path);
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.message, path).toMatch(message);
    }
    expect((await api.fetch('/export/reports.pdf')).status).toBe(404);
    expect((await api.fetch('/export/everything.csv')).status).toBe(404);
  });
});

describe('GET /export/reports.jsonl and .xlsx', () => {
  it('writes one JSON object per line, cells by label, null for blank', async () => {
    const { response, bytes } = await download('/export/reports.jsonl?regionCode=35&year=2024');
    expect(response.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(published.filter((r) => r.agency.regionCode!.startsWith('35') && r.year === 2024).length);
    const gulou = lines.find((l) => l['发布机关'] === AGENCIES.gulou.name);
    expect(gulou.cells[OUTCOME_TOTAL]).toBeNull();
    expect(gulou.cells[NEW_RECEIVED]).toBe(30);
    expect(gulou.cells[PUNISHMENTS]).toBeNull();
    // Cells of the other format are left out, not invented.
    expect(Object.keys(gulou.cells)).not.toContain(label('proactiveDisclosure', 'CENTRALIZED_PROCUREMENT', 'PROCUREMENT_AMOUNT'));
  });

  it('writes a workbook that opens, numbers as numbers, blank cells empty', async () => {
    const { response, bytes } = await download('/export/reports.xlsx?year=2024');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('reports.xlsx');
    const sheet = (await workbook(bytes)).getWorksheet('报告')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-CELL_COLUMNS.length)).toEqual(CELL_COLUMNS.map((c) => c.label));
    expect(sheet.rowCount).toBe(1 + published.filter((r) => r.year === 2024).length);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const column = (name: string) => header.indexOf(name) + 1;
    const gulou = rows.find((r) => r.getCell(column('发布机关')).value === AGENCIES.gulou.name)!;
    expect(gulou.getCell(column(NEW_RECEIVED)).value).toBe(30);
    expect(gulou.getCell(column(OUTCOME_TOTAL)).value).toBeNull();
    expect(gulou.getCell(column(label('applications', 'CARRIED_OVER', 'TOTAL'))).value).toBe(0);
  });
});

describe('GET /export/report/<id>.xlsx', () => {
  it('lays out 表二/三/四 as the format does, merged headings and all', async () => {
    const found = await api.graphql(`{ reports(filter: { regionCode: "350102" }) { edges { node { id } } } }`);
    const id = found.data.reports.edges[0].node.id;
    const { response, bytes } = await download(`/export/report/${encodeURIComponent(id)}.xlsx`);
    expect(response.status).toBe(200);
    const book = await workbook(bytes);
    const grids = tableGrids('2021');
    expect(book.worksheets).toHaveLength(3);
    for (const [i, grid] of grids.entries()) {
      const sheet = book.worksheets[i];
      const merges = (sheet.model as unknown as { merges: string[] }).merges;
      expect(merges.length).toBe(1 + grid.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1).length);
      for (const cell of grid.cells) {
        const value = sheet.getCell(2 + cell.r, 1 + cell.c).value;
        if (cell.text) expect(value).toBe(cell.text);
      }
    }
    const applications = book.worksheets[1];
    const grid = grids[1];
    const at = (row: string, column: string) => grid.cells.find((c) => c.cell?.row === row && c.cell.column === column)!;
    const value = (row: string, column: string) => applications.getCell(2 + at(row, column).r, 1 + at(row, column).c).value;
    expect(value('NEW_RECEIVED', 'TOTAL')).toBe(30);
    expect(value('OUTCOME_TOTAL', 'TOTAL')).toBeNull();
    expect(value('CARRIED_OVER', 'TOTAL')).toBe(0);
    // The corner: the note over two heading rows and the three label columns.
    expect((applications.model as unknown as { merges: string[] }).merges).toContain('A2:C3');
  });

  it('hides drafts without a token and says what is wrong with an id', async () => {
    const draft = await api.graphql(`{ reports(filter: { status: DRAFT }) { edges { node { id } } } }`, undefined, auth);
    const id = encodeURIComponent(draft.data.reports.edges[0].node.id);
    expect((await api.fetch(`/export/report/${id}.xlsx`)).status).toBe(404);
    expect((await api.fetch(`/export/report/${id}.xlsx`, { headers: auth })).status).toBe(200);
    const bad = await api.fetch('/export/report/nonsense.xlsx');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not a Nianbao global ID/);
    expect((await api.fetch(`/export/report/${id}.csv`)).status).toBe(404);
  });
});

describe('GET /export/statistics.csv|.xlsx', () => {
  it('sums a cell per year with the statistics arguments', async () => {
    const { header, rows } = await csv('/export/statistics.csv?measure=APPLICATION_CELL:NEW_RECEIVED:TOTAL&groupBy=YEAR&regionCode=35');
    const measure = buildMeasure({ kind: 'APPLICATION_CELL', applicationRow: 'NEW_RECEIVED', applicantColumn: 'TOTAL' }).label;
    expect(header).toEqual(['统计年度', '报告数', measure, `${measure}｜计入报告数`, `${measure}｜因空白排除报告数`]);
    const fujian = published.filter((r) => r.agency.regionCode!.startsWith('35'));
    const years = [...new Set(fujian.map((r) => r.year))].sort();
    expect(rows).toEqual(years.map((y) => {
      const of = fujian.filter((r) => r.year === y);
      return [String(y), String(of.length), String(of.reduce((s, r) => s + r.f.newReceived!, 0)), String(of.length), '0'];
    }));
  });

  it('leaves out reports whose cell is blank and says how many, as xlsx too', async () => {
    const { bytes } = await download('/export/statistics.xlsx?measure=DISCLOSURE_RATE&groupBy=REGION&regionLevel=PROVINCE&year=2024');
    const sheet = (await workbook(bytes)).getWorksheet('统计')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['行政区划代码', '行政区划', '报告数']);
    const fujian = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1)).find((r) => r[0] === '350000')!;
    const counted = published.filter((r) => r.year === 2024 && r.agency.regionCode!.startsWith('35') && r.f.outcomeTotal !== null);
    const rate = counted.reduce((s, r) => s + r.f.disclosed! + r.f.partial!, 0) / counted.reduce((s, r) => s + r.f.outcomeTotal!, 0);
    expect(fujian[1]).toBe('福建省');
    expect(fujian[3]).toBeCloseTo(rate, 10);
    expect(fujian.slice(4)).toEqual([counted.length, 1]);
  });

  it('refuses a missing or malformed measure', async () => {
    const cases: [string, RegExp][] = [
      ['/export/statistics.csv?groupBy=YEAR', /`measure` is needed 1–12 times/],
      ['/export/statistics.csv?measure=SPEED', /`measure` must be one of APPLICATION_CELL/],
      ['/export/statistics.csv?measure=APPLICATION_CELL', /needs `applicationRow`/],
      ['/export/statistics.csv?measure=APPLICATION_CELL:NOPE', /applicationRow` must be one of/],
      ['/export/statistics.csv?measure=DISCLOSURE_RATE&groupBy=PLANET', /`groupBy` must be one of YEAR/],
      ['/export/statistics.csv?measure=DISCLOSURE_RATE&orderBy=YEAR_ASC', /Unknown parameter `orderBy`/],
    ];
    for (const [path, message] of cases) {
      const response = await api.fetch(path);
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.message, path).toMatch(message);
    }
  });
});
