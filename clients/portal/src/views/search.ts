/** Full-text search over titles, agency names and section text, snippets with the matches highlighted. */
import { client, routeParams, routeTo } from '../api.js';
import { h, highlighted, loading, render } from '../dom.js';

export async function searchPage(): Promise<void> {
  const query = routeParams().get('q')?.trim() ?? '';
  const form = h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        location.hash = routeTo('/search', { q: (form.elements.namedItem('q') as HTMLInputElement).value.trim() });
      },
    },
    h('input', { name: 'q', type: 'search', value: query, placeholder: '搜索报告正文、标题、机关，如：电商', 'aria-label': '搜索' }),
    h('button', { type: 'submit' }, '搜索'),
  );
  if (!query) {
    render(h('h1', {}, '搜索'), form);
    return;
  }
  render(h('h1', {}, '搜索'), form, loading());
  const after = routeParams().get('after') || undefined;
  const { search } = await client.search({ query, first: 20, after });
  render(
    h('h1', {}, '搜索'),
    form,
    h('p', { class: 'muted' }, `${search.totalCountIsExact ? '' : '至少 '}${search.totalCount} 份报告`),
    h(
      'ol',
      { class: 'results', 'data-testid': 'search-results' },
      search.edges.map(({ node }) =>
        h(
          'li',
          {},
          h('a', { href: routeTo(`/report/${encodeURIComponent(node.report.id)}`) }, node.title ? highlighted(node.title.text, node.title.highlights) : `${node.report.agency.name} ${node.report.year} 年度`),
          h('div', { class: 'muted' }, node.agencyName ? highlighted(node.agencyName.text, node.agencyName.highlights) : node.report.agency.name, ` · ${node.report.year} 年度`),
          node.snippet ? h('p', { class: 'snippet' }, highlighted(node.snippet.text, node.snippet.highlights)) : null,
        ),
      ),
    ),
    h(
      'p',
      { class: 'pager' },
      after ? h('a', { href: routeTo('/search', { q: query }) }, '← 第一页') : null,
      search.pageInfo.hasNextPage ? h('a', { href: routeTo('/search', { q: query, after: search.pageInfo.endCursor }) }, '下一页 →') : null,
    ),
  );
}
