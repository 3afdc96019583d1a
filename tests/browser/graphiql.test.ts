/**
 * Someone on an offline intranet opens GraphiQL: the page must come entirely from the service,
 * render, and run the example query. Any request that leaves 127.0.0.1 is blocked and fails the test.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, serveOverHttp, type TestApi } from '../support/api.js';
import { blockOutsideRequests, launchChromium } from '../support/browser.js';

let api: TestApi;
let http: { origin: string; close(): Promise<void> };
let browser: Browser;
let origin: string;

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
  http = await serveOverHttp(api);
  origin = http.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await api?.close();
});

describe('GraphiQL offline', () => {
  it('renders from the service alone and runs the example query', async () => {
    const page = await browser.newPage();
    const blocked = await blockOutsideRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${origin}/graphql`, { waitUntil: 'load', timeout: 60_000 });
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.graphiql-query-editor').first().innerText(), { timeout: 30_000 }).toContain('LatestReports');

    await page.locator('.graphiql-execute-button').first().click();
    await expect.poll(() => page.locator('.graphiql-response').first().innerText(), { timeout: 30_000 }).toContain('totalCount');
    // The response editor renders only the lines in view; the top of the answer is enough.
    expect((await page.locator('.graphiql-response').first().innerText()).replace(/\s+/g, '')).toContain('"totalCount":6');
    await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT ?? '/tmp/nianbao-graphiql.png' });

    // The docs root shows the schema's description, not an empty page.
    await page.locator('[aria-label="Show Documentation Explorer"]').first().click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').first().innerText(), { timeout: 30_000 }).toContain('Start here');

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
