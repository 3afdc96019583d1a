/**
 * A citizen and an oversight office use the reference portal on an offline intranet: every view
 * renders with data from the service alone (any request leaving 127.0.0.1 is blocked and fails the
 * test), without console errors, on a desktop and on a phone. Screenshots are kept in
 * tests/browser/artifacts (git-ignored) for review.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES, loadPortalData } from '../support/portal-data.js';
import { createTestApi, serveOverHttp, type TestApi } from '../support/api.js';
import { blockOutsideRequests, launchChromium } from '../support/browser.js';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
let api: TestApi;
let http: { origin: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  api = await createTestApi();
  await loadPortalData(api.orm.em.fork());
  http = await serveOverHttp(api);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await api?.close();
});

interface Visit {
  page: Page;
  blocked: string[];
  errors: string[];
}

async function open(viewport = { width: 1280, height: 900 }): Promise<Visit> {
  const page = await browser.newPage({ viewport });
  const blocked = await blockOutsideRequests(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return { page, blocked, errors };
}

/** Goes to a hash route and waits until the view says it rendered. */
async function view({ page }: Visit, hash: string): Promise<void> {
  const ready = hash.replace(/^#/, '').split('?')[0] || '/';
  // The portal marks a view ready when it has rendered; the mark of the view before is taken off
  // first, or a view of the same path would be "ready" before its hashchange even ran.
  if (page.url().startsWith(`${http.origin}/portal/`))
    await page.evaluate((h) => {
      if (location.hash === h) return; // no hashchange: the view shown is that one
      delete document.body.dataset.ready;
      location.hash = h;
    }, hash);
  else await page.goto(`${http.origin}/portal/${hash}`, { waitUntil: 'load' });
  await page.waitForSelector(`body[data-ready="${ready}"]`, { timeout: 30_000 });
}

async function reportId(agency: string, year: number): Promise<string> {
  const found = await api.graphql(`{ reports(first: 50) { edges { node { id year agency { name } } } } }`);
  return found.data.reports.edges.map((e: any) => e.node).find((n: any) => n.agency.name === agency && n.year === year).id;
}

const clean = (visit: Visit) => {
  expect(visit.blocked).toEqual([]);
  expect(visit.errors).toEqual([]);
};

describe('the reference portal', () => {
  it('redirects /portal and serves the built page with every asset from the service', async () => {
    const redirect = await api.fetch('/portal');
    expect(redirect.status).toBe(308);
    const page = await api.fetch('/portal/', { headers: { 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('br');
    expect((await api.fetch('/portal/../package.json')).status).toBe(404);
  });

  it('dashboard: headline figures, charts, rankings, neighbours and the reports of a region and year', async () => {
    const visit = await open();
    await view(visit, '#/');
    const { page } = visit;
    await expect.poll(() => page.locator('h1').innerText()).toContain('全国 · 2024');
    expect(await page.locator('[data-testid=headline] .card').count()).toBeGreaterThanOrEqual(7);
    for (const chart of ['trend', 'rates', 'ranking', 'lowest', 'neighbours']) expect(await page.locator(`[data-testid=${chart}-chart] canvas`).count(), chart).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=report-list] li').count()).toBe(4);
    await page.screenshot({ path: `${ARTIFACTS}dashboard.png`, fullPage: true });

    await view(visit, '#/?region=350000&year=2024');
    await expect.poll(() => page.locator('h1').innerText()).toContain('福建省');
    expect(await page.locator('[data-testid=report-list] li').count()).toBe(3);
    expect(await page.locator('.downloads a[href^="/export/reports.csv?regionCode=350000&year=2024"]').count()).toBe(1);
    // The picker lists the province's prefectures; picking one is a URL of its own.
    await page.selectOption('.picker select', '350100');
    await page.waitForURL(/region=350100/);
    await page.waitForSelector('body[data-ready="/"]');
    await expect.poll(() => page.locator('h1').innerText()).toContain('福州市');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-fuzhou.png`, fullPage: true });
    clean(visit);
  });

  it('report page: the official layout with merged headings, blank ≠ 0, findings on their cells, the previous year', async () => {
    const visit = await open();
    const { page } = visit;
    await view(visit, `#/report/${encodeURIComponent(await reportId(AGENCIES.gulou.name, 2024))}`);
    expect(await page.locator('.official-table').count()).toBe(3);
    // 表三's corner: the note over two heading rows and three label columns.
    expect(await page.locator('[data-table=applications] th[rowspan="2"][colspan="3"]').count()).toBe(1);
    const cell = (path: string) => page.locator(`td[data-cell="${path}"]`);
    expect(await cell('applications.OUTCOME_TOTAL.TOTAL').getAttribute('class')).toContain('blank');
    expect((await cell('applications.OUTCOME_TOTAL.TOTAL').innerText()).replace(/[A-Z]\d.*/, '').trim()).toBe('');
    expect(await cell('applications.CARRIED_OVER.TOTAL').innerText()).toBe('0');
    expect(await cell('applications.NEW_RECEIVED.TOTAL').innerText()).toContain('30');
    expect(await page.locator('.report-section h2').count()).toBe(6);
    await page.screenshot({ path: `${ARTIFACTS}report.png`, fullPage: true });

    const withFindings = await api.graphql(`{ findingReports(first: 1) { edges { node { report { id } findings { cells } } } } }`);
    const flagged = withFindings.data.findingReports.edges[0].node;
    await view(visit, `#/report/${encodeURIComponent(flagged.report.id)}`);
    expect(await page.locator('[data-testid=findings] li').count()).toBeGreaterThan(0);
    const cited = flagged.findings.flatMap((f: any) => f.cells);
    if (cited.length) expect(await cell(cited[0]).getAttribute('class')).toMatch(/flag-/);

    await view(visit, `#/report/${encodeURIComponent(await reportId(AGENCIES.pingtan.name, 2024))}`);
    const previousUrl = await page.locator('[data-testid=previous-year]').getAttribute('href');
    await page.click('[data-testid=previous-year]');
    await page.waitForURL((url) => url.hash === previousUrl);
    await page.waitForSelector('body[data-ready^="/report/"]');
    await expect.poll(() => page.locator('.meta').innerText()).toContain('2023 年度');

    // Cell by cell against the previous year: 本年新收 20 in 2024, 10 in 2023.
    await view(visit, `#/report/${encodeURIComponent(await reportId(AGENCIES.pingtan.name, 2024))}?compare=1`);
    expect(await cell('applications.NEW_RECEIVED.TOTAL').locator('.previous.changed').innerText()).toBe('上年 10');
    expect(await cell('applications.NEW_RECEIVED.NATURAL_PERSON').locator('.previous').innerText()).toBe('上年 空白');
    await page.screenshot({ path: `${ARTIFACTS}report-compared.png`, fullPage: true });
    clean(visit);
  });

  it('search highlights the words found; the findings work list narrows by severity', async () => {
    const visit = await open();
    const { page } = visit;
    await view(visit, `#/search?q=${encodeURIComponent('电商')}`);
    expect(await page.locator('[data-testid=search-results] > li').count()).toBe(2);
    expect(await page.locator('[data-testid=search-results] mark').first().innerText()).toBe('电商');
    await page.screenshot({ path: `${ARTIFACTS}search.png`, fullPage: true });

    await view(visit, '#/findings');
    expect(await page.locator('[data-testid=work-list] > li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=rules-chart] canvas').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}findings.png`, fullPage: true });

    // A page at a time, each page a URL of its own.
    await view(visit, '#/findings?first=1');
    const firstReport = await page.locator('[data-testid=work-list] > li > a').innerText();
    await page.evaluate(() => delete document.body.dataset.ready);
    await page.click('[data-testid=next-page]');
    await page.waitForURL(/after=/);
    await page.waitForSelector('body[data-ready="/findings"]');
    expect(await page.locator('[data-testid=work-list] > li').count()).toBe(1);
    expect(await page.locator('[data-testid=work-list] > li > a').innerText()).not.toBe(firstReport);
    clean(visit);
  });

  it('is readable on a phone: nothing wider than the screen but the scrolling tables', async () => {
    const visit = await open({ width: 390, height: 844 });
    const { page } = visit;
    for (const hash of ['#/?region=350000', `#/report/${encodeURIComponent(await reportId(AGENCIES.gulou.name, 2024))}`, '#/findings']) {
      await view(visit, hash);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), hash).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: `${ARTIFACTS}phone-report.png`, fullPage: true });
    clean(visit);
  });
});
