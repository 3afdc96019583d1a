/** Hash routes: every view is a URL that can be shared (#/, #/report/<id>, #/search?q=…, #/findings?…). */
import './style.css';
import { h, render } from './dom.js';
import { dashboard } from './views/dashboard.js';
import { findingsPage } from './views/findings.js';
import { reportPage } from './views/report.js';
import { searchPage } from './views/search.js';

async function route(): Promise<void> {
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  const report = /^\/report\/(.+)$/.exec(path);
  try {
    if (report) await reportPage(decodeURIComponent(report[1]));
    else if (path === '/search') await searchPage();
    else if (path === '/findings') await findingsPage();
    else await dashboard();
    document.body.dataset.ready = path;
  } catch (error) {
    render(h('h1', {}, '出错了'), h('p', { class: 'error' }, (error as Error).message));
    document.body.dataset.ready = 'error';
  }
}

window.addEventListener('hashchange', () => {
  delete document.body.dataset.ready;
  void route();
});
void route();
