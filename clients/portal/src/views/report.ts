/**
 * A report as the format prints it: 表二/三/四 in the official layout (merged headings, from the
 * same layout code as the spreadsheet export), blank cells shown as blank — never 0 — the findings
 * marked on the cells they cite, the sections, the previous year (linked, and cell by cell on request)
 * and the downloads.
 */
import type { ReportDetailFragment } from '@nianbao/sdk';
import { CHINESE_NUMERALS, tableGrids, type TableGrid } from '../../../../src/format/layout.js';
import type { FormatVersion } from '../../../../src/format/catalog.js';
import { client, count, exportUrl, routeParams, routeTo } from '../api.js';
import { h, loading, render } from '../dom.js';

type Finding = ReportDetailFragment['findings'][number];

/** Every printed cell by its path as findings cite it (`applications.NEW_RECEIVED.TOTAL`). */
function cellValues(report: ReportDetailFragment): Values {
  const values = new Map<string, number | string | null>();
  for (const g of report.proactiveDisclosure.groups) for (const item of g.items) for (const c of item.cells) values.set(`proactiveDisclosure.${item.code}.${c.measure}`, c.isAmount ? c.amount : c.count);
  for (const row of report.applications.rows) for (const c of row.cells) values.set(`applications.${row.code}.${c.column}`, c.value);
  for (const g of report.reviewsAndLitigation.groups) for (const c of g.cells) values.set(`reviewsAndLitigation.${g.code}.${c.outcome}`, c.value);
  return values;
}

/** `titled`: a table outside its section (a report that lacks the section) carries the section's title itself. */
type Values = Map<string, number | string | null>;

/** `previous`: the previous year's cells, printed under each value (blank stays blank). */
function table(grid: TableGrid, values: Values, findings: Map<string, Finding[]>, previous: Values | null, titled = false): HTMLElement {
  const rows = Array.from({ length: grid.rows }, () => h('tr'));
  for (const cell of grid.cells) {
    const span = { rowspan: cell.rowSpan > 1 ? cell.rowSpan : null, colspan: cell.colSpan > 1 ? cell.colSpan : null };
    if (cell.text !== undefined) {
      rows[cell.r].append(h('th', { ...span, scope: cell.rowSpan === 1 && cell.colSpan === 1 ? null : 'colgroup' }, cell.text));
      continue;
    }
    const path = `${grid.table}.${cell.cell!.row}.${cell.cell!.column}`;
    const value = values.get(path) ?? null;
    const cited = findings.get(path) ?? [];
    const severity = cited.some((f) => f.severity === 'ERROR') ? 'error' : cited.length ? 'warning' : null;
    rows[cell.r].append(
      h(
        'td',
        {
          ...span,
          class: [value === null ? 'blank' : null, severity ? `flag-${severity}` : null].filter(Boolean).join(' ') || null,
          title: [value === null ? '空白（未填报，不等于 0）' : null, ...cited.map((f) => `${f.rule}：${f.message}`)].filter(Boolean).join('\n') || null,
          'data-cell': path,
        },
        count(value),
        cited.length ? h('sup', {}, [...new Set(cited.map((f) => f.rule))].join(',')) : null,
        previous ? h('div', { class: `previous${previous.get(path) === value ? '' : ' changed'}` }, `上年 ${previous.has(path) && previous.get(path) !== null ? count(previous.get(path)) : '空白'}`) : null,
      ),
    );
  }
  return h(
    'section',
    { class: 'official-table', 'data-table': grid.table },
    titled ? h('h3', {}, `${CHINESE_NUMERALS[grid.sectionNumber]}、${grid.title}`) : null,
    h('div', { class: 'scroll' }, h('table', {}, h('tbody', {}, rows))),
  );
}

export async function reportPage(id: string): Promise<void> {
  render(loading());
  const report = (await client.report({ id })).report;
  if (!report) {
    render(h('h1', {}, '没有这份报告'), h('p', {}, '报告不存在，或是尚未发布的草稿。'));
    return;
  }
  const previous = (await client.reportByAgencyYear({ agencyId: report.agency.id, year: report.year - 1 })).report;
  const findings = new Map<string, Finding[]>();
  for (const f of report.findings) for (const path of f.cells) findings.set(path, [...(findings.get(path) ?? []), f]);
  const values = cellValues(report);
  const comparing = routeParams().get('compare') === '1' && previous ? cellValues(previous) : null;
  const here = routeTo(`/report/${encodeURIComponent(report.id)}`);
  const version = report.formatVersion.replace(/^FORMAT_/, '') as FormatVersion;
  const grids = tableGrids(version);
  const sectionOf = new Map(grids.map((g) => [g.sectionNumber, g]));

  render(
    h('p', { class: 'crumbs' }, h('a', { href: routeTo('/', { region: report.agency.regionCode, year: report.year }) }, report.agency.regionName ?? '概览'), ' › ', report.agency.name),
    h('h1', {}, report.title ?? `${report.agency.name}${report.year}年政府信息公开工作年度报告`),
    h(
      'p',
      { class: 'meta' },
      `${report.year} 年度 · ${version} 年格式`,
      report.status === 'DRAFT' ? h('span', { class: 'tag' }, '草稿') : null,
      report.publishedOn ? ` · 发布于 ${report.publishedOn}` : null,
    ),
    h(
      'p',
      { class: 'downloads' },
      previous ? h('a', { href: routeTo(`/report/${encodeURIComponent(previous.id)}`), 'data-testid': 'previous-year' }, `← ${previous.year} 年度报告`) : h('span', { class: 'muted' }, '无上一年度报告'),
      previous ? h('a', { href: comparing ? here : `${here}?compare=1`, 'data-testid': 'compare' }, comparing ? '不比较' : `与 ${previous.year} 年度逐格比较`) : null,
      h('a', { href: exportUrl(`report/${encodeURIComponent(report.id)}.xlsx`, {}), download: '' }, '下载 Excel（官方表式）'),
      report.sourceUrl ? h('a', { href: report.sourceUrl, rel: 'noopener noreferrer' }, '原文') : null,
    ),
    report.findings.length
      ? h(
          'section',
          { class: 'panel findings', 'data-testid': 'findings' },
          h('h2', {}, `检查发现（${report.findings.length}）`),
          h('ul', {}, report.findings.map((f) => h('li', { class: `severity-${f.severity.toLowerCase()}` }, h('strong', {}, f.rule), ` ${f.message}`, f.cells.length ? h('span', { class: 'muted' }, `（${f.cells.join('、')}）`) : null))),
        )
      : h('p', { class: 'muted' }, '未发现问题。'),
    report.sections.map((s) => {
      const grid = sectionOf.get(s.number);
      return h(
        'section',
        { class: 'report-section', id: `section-${s.number}` },
        h('h2', {}, `${CHINESE_NUMERALS[s.number]}、${s.officialTitle}`),
        s.body.split(/\n+/).filter((p) => p.trim()).map((p) => h('p', {}, p)),
        grid ? table(grid, values, findings, comparing) : null,
      );
    }),
    // A table whose section the report lacks is still shown.
    grids.filter((g) => !report.sections.some((s) => s.number === g.sectionNumber)).map((g) => table(g, values, findings, comparing, true)),
  );
}
