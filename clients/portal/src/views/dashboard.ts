/**
 * The region/year dashboard: a region picker over the GB/T 2260 tree, headline figures with their
 * change on the year before, the rates, rankings of agencies, the trend over years and the
 * neighbouring regions compared. Every figure excludes blank cells (counted and shown), never reads them as 0.
 */
import type { MeasureInput, RegionQuery, StatisticsFieldsFragment } from '@nianbao/sdk';
import { client, count, exportUrl, percent, routeParams, routeTo } from '../api.js';
import { chart, short } from '../charts.js';
import { h, loading, render } from '../dom.js';

const NEW_RECEIVED: MeasureInput = { kind: 'APPLICATION_CELL', applicationRow: 'NEW_RECEIVED', applicantColumn: 'TOTAL' };
const OUTCOME_TOTAL: MeasureInput = { kind: 'APPLICATION_CELL', applicationRow: 'OUTCOME_TOTAL', applicantColumn: 'TOTAL' };
const CARRIED_FORWARD: MeasureInput = { kind: 'APPLICATION_CELL', applicationRow: 'CARRIED_FORWARD', applicantColumn: 'TOTAL' };
const RATES: MeasureInput[] = [{ kind: 'DISCLOSURE_RATE' }, { kind: 'REFUSAL_RATE' }, { kind: 'REVIEW_CORRECTION_RATE' }, { kind: 'LITIGATION_CORRECTION_RATE' }];
const HEADLINE = [NEW_RECEIVED, OUTCOME_TOTAL, CARRIED_FORWARD, ...RATES];

type Region = NonNullable<RegionQuery['region']>;
type Group = StatisticsFieldsFragment['groups'][number];
type Value = Group['values'][number];

function change(value: Value, isRate: boolean): string | null {
  if (value.change === null) return null;
  const sign = value.change > 0 ? '+' : '';
  return isRate ? `${sign}${(value.change * 100).toFixed(1)} 个百分点` : `${sign}${count(value.change)}`;
}

function headlineCards(stats: StatisticsFieldsFragment, group: Group | undefined): HTMLElement {
  return h(
    'section',
    { class: 'cards', 'data-testid': 'headline' },
    stats.measures.map((measure, i) => {
      const value = group?.values[i];
      const delta = value ? change(value, measure.isRate) : null;
      return h(
        'div',
        { class: 'card', title: measure.label },
        h('div', { class: 'card-label' }, measure.shortLabel),
        h('div', { class: 'card-value' }, value ? (measure.isRate ? percent(value.value) : count(value.value) || '—') : '—'),
        delta && h('div', { class: 'card-change' }, `较上年 ${delta}`),
        value && h('div', { class: 'card-note' }, `${value.reportsCounted} 份报告计入${value.reportsExcluded ? `，${value.reportsExcluded} 份因空白未计入` : ''}`),
      );
    }),
  );
}

async function regionPicker(region: Region | null, year: number | null): Promise<HTMLElement> {
  const options = region ? region.children : (await client.regions({ level: 'PROVINCE' })).regions;
  const trail = region ? [...region.ancestors, region] : [];
  const select = h(
    'select',
    {
      'aria-label': '选择下级行政区划',
      onchange: (event: Event) => {
        const code = (event.target as HTMLSelectElement).value;
        if (code) location.hash = routeTo('/', { region: code, year });
      },
    },
    h('option', { value: '' }, region ? `${region.name}下辖…` : '选择省份…'),
    options.map((r) => h('option', { value: r.code }, r.name)),
  );
  return h(
    'div',
    { class: 'picker' },
    h('nav', { class: 'trail', 'aria-label': '行政区划' }, h('a', { href: routeTo('/', { year }) }, '全国'), trail.map((r) => [' › ', h('a', { href: routeTo('/', { region: r.code, year }) }, r.name)])),
    options.length ? select : null,
  );
}

export async function dashboard(): Promise<void> {
  const params = routeParams();
  const regionCode = params.get('region');
  render(loading());
  const region = regionCode ? (await client.region({ code: regionCode })).region : null;
  const filterRegion = region ? { regionCode: region.code } : {};
  const trend = (await client.statistics({ filter: filterRegion, measures: HEADLINE, groupBy: ['YEAR'] })).statistics;
  const years = trend.groups.map((g) => g.year!).sort((a, b) => b - a);
  const year = Number(params.get('year')) || years[0] || new Date().getFullYear() - 1;
  const filter = { ...filterRegion, year };
  const parent = region?.ancestors[region.ancestors.length - 1];
  const [mostApplications, lowestDisclosure, neighbours, reports] = await Promise.all([
    client.ranking({ filter, measure: NEW_RECEIVED, by: 'AGENCY', first: 10 }),
    client.ranking({ filter, measure: RATES[0], by: 'AGENCY', direction: 'ASC', first: 10, minReportsCounted: 1 }),
    client.statistics({ filter: { ...(parent ? { regionCode: parent.code } : {}), year }, measures: [NEW_RECEIVED, RATES[0]], groupBy: ['REGION'], regionLevel: region?.level ?? 'PROVINCE' }),
    client.reports({ filter, first: 20, orderBy: 'AGENCY_NAME_ASC' }),
  ]);
  const place = region?.fullName ?? '全国';
  const yearGroup = trend.groups.find((g) => g.year === year);

  const charts = {
    trend: h('div', { class: 'chart', 'data-testid': 'trend-chart' }),
    rates: h('div', { class: 'chart', 'data-testid': 'rates-chart' }),
    ranking: h('div', { class: 'chart tall', 'data-testid': 'ranking-chart' }),
    lowest: h('div', { class: 'chart tall', 'data-testid': 'lowest-chart' }),
    neighbours: h('div', { class: 'chart', 'data-testid': 'neighbours-chart' }),
  };
  const exports = { regionCode: region?.code, year };
  render(
    h('h1', {}, `${place} · ${year} 年度`),
    await regionPicker(region, year),
    h(
      'div',
      { class: 'years' },
      '年度：',
      years.map((y) => h('a', { href: routeTo('/', { region: region?.code, year: y }), class: y === year ? 'active' : null }, String(y))),
    ),
    headlineCards(trend, yearGroup),
    h('section', { class: 'grid' }, panel('各项比率', charts.rates), panel('历年趋势', charts.trend), panel('新收申请最多的机关', charts.ranking), panel('公开率最低的机关', charts.lowest), panel(parent ? `${parent.name}下辖各地比较` : '各省比较', charts.neighbours)),
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, `报告（${reports.reports.totalCount} 份）`),
      h(
        'ul',
        { class: 'report-list', 'data-testid': 'report-list' },
        reports.reports.edges.map(({ node }) => h('li', {}, h('a', { href: routeTo(`/report/${encodeURIComponent(node.id)}`) }, `${node.agency.name} ${node.year} 年度`), node.status === 'DRAFT' ? h('span', { class: 'tag' }, '草稿') : null)),
      ),
      h(
        'p',
        { class: 'downloads' },
        '下载：',
        h('a', { href: exportUrl('reports.csv', exports), download: '' }, '报告 CSV'),
        h('a', { href: exportUrl('reports.xlsx', exports), download: '' }, '报告 Excel'),
        h('a', { href: exportUrl('reports.jsonl', exports), download: '' }, 'JSON Lines'),
        h('a', { href: exportUrl('statistics.xlsx', { regionCode: region?.code, measure: ['APPLICATION_CELL:NEW_RECEIVED:TOTAL', 'DISCLOSURE_RATE', 'REFUSAL_RATE'], groupBy: ['YEAR'] }), download: '' }, '历年统计 Excel'),
      ),
    ),
  );

  const rateIndexes = trend.measures.map((m, i) => (m.isRate ? i : -1)).filter((i) => i >= 0);
  chart(charts.rates, {
    tooltip: { trigger: 'axis', valueFormatter: (v) => percent(v as number) },
    grid: { left: 48, right: 16, bottom: 64, top: 16 },
    xAxis: { type: 'category', data: rateIndexes.map((i) => trend.measures[i].shortLabel), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
    series: [{ type: 'bar', name: String(year), data: rateIndexes.map((i) => yearGroup?.values[i].value ?? null) }],
  });
  const ascending = [...trend.groups].sort((a, b) => a.year! - b.year!);
  chart(charts.trend, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, bottom: 32, top: 32 },
    xAxis: { type: 'category', data: ascending.map((g) => String(g.year)) },
    yAxis: [{ type: 'value' }, { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } }],
    series: [
      { type: 'bar', name: '新收申请', data: ascending.map((g) => g.values[0].value) },
      { type: 'line', name: '公开率', yAxisIndex: 1, data: ascending.map((g) => g.values[3].value) },
    ],
  });
  const rankingChart = (element: HTMLElement, stats: StatisticsFieldsFragment, rate: boolean) =>
    chart(element, {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (rate ? percent(v as number) : count(v as number)) },
      grid: { left: 8, right: 24, bottom: 16, top: 8, containLabel: true },
      xAxis: { type: 'value', ...(rate ? { max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } } : {}) },
      yAxis: { type: 'category', inverse: true, data: stats.groups.map((g) => short(g.agency?.name ?? '', 12)) },
      series: [{ type: 'bar', data: stats.groups.map((g) => g.values[0].value) }],
    });
  rankingChart(charts.ranking, mostApplications.ranking, false);
  rankingChart(charts.lowest, lowestDisclosure.ranking, true);
  const n = neighbours.statistics.groups;
  chart(charts.neighbours, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, bottom: 64, top: 32 },
    xAxis: { type: 'category', data: n.map((g) => g.region?.name ?? g.regionCode ?? ''), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: [{ type: 'value' }, { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } }],
    series: [
      { type: 'bar', name: '新收申请', data: n.map((g) => ({ value: g.values[0].value, itemStyle: g.regionCode === region?.code ? { color: '#c23531' } : undefined })) },
      { type: 'line', name: '公开率', yAxisIndex: 1, data: n.map((g) => g.values[1].value) },
    ],
  });
}

function panel(title: string, body: HTMLElement): HTMLElement {
  return h('div', { class: 'panel' }, h('h2', {}, title), body);
}
