/** The oversight office's work list: reports with findings, narrowed by region, year, rule and severity, counts by rule. */
import { FindingRuleValues, type FindingRule, type Severity } from '@nianbao/sdk';
import { client, exportUrl, routeParams, routeTo } from '../api.js';
import { chart } from '../charts.js';
import { h, loading, render } from '../dom.js';

const SEVERITIES: Severity[] = ['ERROR', 'WARNING', 'INFO'];

export async function findingsPage(): Promise<void> {
  const params = routeParams();
  const regionCode = params.get('region') || undefined;
  const year = Number(params.get('year')) || undefined;
  // A rule the URL names but the API does not know is left out rather than refused.
  const rule = (FindingRuleValues as readonly string[]).includes(params.get('rule') ?? '') ? (params.get('rule') as FindingRule) : undefined;
  const severity = (SEVERITIES as string[]).includes(params.get('severity') ?? '') ? (params.get('severity') as Severity) : undefined;
  const after = params.get('after') || undefined;
  const first = Math.min(100, Math.max(1, Number(params.get('first')) || 50));
  render(loading());
  const { findingReports } = await client.findingReports({ filter: { regionCode, year }, rule, severity, first, after });
  // A changed filter starts from the first page; paging keeps the filter.
  const link = (change: Record<string, string | number | undefined>) => routeTo('/findings', { region: regionCode, year, rule, severity, first: params.get('first'), ...change });
  const byRule = h('div', { class: 'chart', 'data-testid': 'rules-chart' });
  render(
    h('h1', {}, '问题清单'),
    h(
      'p',
      { class: 'filters' },
      regionCode ? `行政区划 ${regionCode} · ` : '',
      year ? `${year} 年度 · ` : '',
      '严重程度：',
      h('a', { href: link({ severity: undefined }), class: severity ? null : 'active' }, '全部'),
      SEVERITIES.map((s) => h('a', { href: link({ severity: s }), class: s === severity ? 'active' : null }, s)),
      rule ? [' · 规则 ', rule, ' ', h('a', { href: link({ rule: undefined }) }, '（全部规则）')] : null,
    ),
    h('p', {}, `${findingReports.totalCount} 份报告，${findingReports.totalFindings} 条发现`),
    h('section', { class: 'panel' }, h('h2', {}, '按规则'), byRule, h('p', {}, findingReports.countsByRule.map((c) => h('a', { class: 'chip', href: link({ rule: c.rule }) }, `${c.rule}（${c.severity}）${c.reports} 份`)))),
    h(
      'ul',
      { class: 'work-list', 'data-testid': 'work-list' },
      findingReports.edges.map(({ node }) =>
        h(
          'li',
          {},
          h('a', { href: routeTo(`/report/${encodeURIComponent(node.report.id)}`) }, `${node.report.agency.name} ${node.report.year} 年度`),
          h('ul', {}, node.findings.map((f) => h('li', { class: `severity-${f.severity.toLowerCase()}` }, h('strong', {}, f.rule), ` ${f.message}`))),
        ),
      ),
    ),
    h(
      'p',
      { class: 'pager' },
      after ? h('a', { href: link({}) }, '← 第一页') : null,
      findingReports.pageInfo.hasNextPage ? h('a', { href: link({ after: findingReports.pageInfo.endCursor ?? undefined }), 'data-testid': 'next-page' }, '下一页 →') : null,
    ),
    h('p', { class: 'downloads' }, '下载：', h('a', { href: exportUrl('reports.xlsx', { regionCode, year, findingRule: rule }), download: '' }, '这些报告的 Excel')),
  );
  chart(byRule, {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, bottom: 32, top: 16 },
    xAxis: { type: 'category', data: findingReports.countsByRule.map((c) => c.rule) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: '报告数', data: findingReports.countsByRule.map((c) => c.reports) }],
  });
}
