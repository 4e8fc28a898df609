// The page reloaded in the middle of a live capture (browser mode, Chromium, a real capture
// on lo): the reloaded page shows the capture still running, the events captured before the
// reload and the ones that arrive after it, and its Stop ends the capture with no helper left.
// Traffic: DNS queries to 127.0.0.1:53, where nothing listens (loopback only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../e2e/support/build';
import { queryClosedPort } from '../e2e/support/dns-queries';
import { browserDriver, type AppDriver } from '../e2e/support/drivers';
import { recordFigure, repoRoot } from './support/figures';
import { ourHelpers } from './support/our-helpers';

const helperBuilt = existsSync(join(repoRoot, 'native/build/netmortem-capture'));
const root = process.getuid?.() === 0;
const chromium = existsSync('/usr/bin/chromium');
const reason = !helperBuilt
  ? 'the capture helper is not built (npm run setup)'
  : !root
    ? 'live capture needs root'
    : 'no /usr/bin/chromium';
const runs = helperBuilt && root && chromium;
if (!runs) console.warn(`renderer-reload test skipped: ${reason}`);

// Names of this run only, so that other tests' DNS traffic on lo cannot be mistaken for ours.
const before = `before-${process.pid}.reload.example`;
const after = `after-${process.pid}.reload.example`;
const warmUp = `warm-up-${process.pid}.reload.example`;
const queries = 3;

let driver: (AppDriver & { browser: unknown }) | undefined;
beforeAll(async () => {
  if (!runs) return;
  buildApp();
  driver = await browserDriver();
}, 300_000);
afterAll(async () => {
  await driver?.close();
});

/** How many events the table shows for `needle` (the table's own filter). */
async function eventsMatching(page: Page, needle: string): Promise<number> {
  await page.getByTestId('events-filter').fill(needle);
  return shownCount(page);
}

/** The table's count as shown now. */
async function shownCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('events-count').getAttribute('data-count'));
}

/** Waits until the table's filter for `needle` shows at least `count` events (the page's CSP forbids waitForFunction's eval). */
async function waitForEvents(page: Page, needle: string, count: number): Promise<number> {
  await page.getByTestId('events-filter').fill(needle);
  await expect.poll(() => shownCount(page), { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(count);
  return shownCount(page);
}

describe.skipIf(!runs)('the renderer reloaded during a live capture', () => {
  it('shows the running capture, old and new events, and stops it from the reloaded page', async () => {
    const page = driver!.page;
    await page.getByTestId('interface-picker').selectOption('lo');
    await page.getByTestId('filter-input').fill('udp port 53 or icmp');
    await page.locator('[data-testid="filter-message"][data-status="valid"]').waitFor();
    await page.getByTestId('capture-button').click();
    await page.locator('[data-testid="status-state"]', { hasText: 'Live on lo: capturing' }).waitFor();
    expect(ourHelpers()).toHaveLength(1);

    // The page says "capturing" as soon as the helper starts, before it has opened lo: one query
    // at a time until one shows (bounded), so that the counted queries below are all captured.
    for (let attempt = 0; attempt < 20 && (await eventsMatching(page, warmUp)) === 0; attempt++) {
      // A capture that ended (the helper failed) would never show them: say so at once.
      await expect(page.getByTestId('status-state').textContent()).resolves.toBe('Live on lo: capturing');
      await queryClosedPort(1, 0, warmUp);
      await expect
        .poll(() => shownCount(page), { timeout: 2_000, interval: 100 })
        .toBeGreaterThan(0)
        .catch(() => undefined);
    }
    const status = `${await page.getByTestId('status-state').textContent()}, ${await page.getByTestId('status-packets').textContent()}, errors: ${await page.locator('[data-testid="error-banner"]').allTextContents()}`;
    expect(await eventsMatching(page, warmUp), status).toBeGreaterThan(0);
    // Each query and the ICMP error that quotes it carry the name: two events a query.
    await queryClosedPort(queries, 200, before);
    const beforeReload = await waitForEvents(page, before, 2 * queries);
    await page.getByTestId('events-filter').fill('');
    const totalBeforeReload = await shownCount(page);

    await page.reload();
    await page.locator('[data-testid="status-state"]', { hasText: 'Live on lo: capturing' }).waitFor();
    await expect(page.getByTestId('capture-button').textContent()).resolves.toContain('Stop');
    // The events captured before the reload, paged in from the service.
    expect(await waitForEvents(page, before, beforeReload)).toBe(beforeReload);
    await page.getByTestId('events-filter').fill('');
    expect(await waitForEvents(page, '', totalBeforeReload)).toBeGreaterThanOrEqual(totalBeforeReload);
    await page
      .locator('[data-testid="incident"][data-kind="dns-port-unreachable"]')
      .waitFor({ timeout: 30_000 });

    // New events keep arriving on the reloaded page, each once.
    await queryClosedPort(queries, 200, after);
    const afterReload = await waitForEvents(page, after, 2 * queries);
    expect(afterReload).toBe(2 * queries);
    expect(await eventsMatching(page, before)).toBe(beforeReload);
    await expect(page.getByTestId('status-packets').getAttribute('data-count')).resolves.not.toBe('0');

    await page.getByTestId('capture-button').click();
    await page
      .locator('[data-testid="status-state"]', { hasText: 'Live on lo: done' })
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="capture-button"]', { hasText: 'Start' }).waitFor();
    const helpersLeft = ourHelpers();
    expect(helpersLeft).toEqual([]);

    recordFigure('renderer-reload', {
      order: 7.5,
      item: 'Browser-mode page reloaded in the middle of a live capture on lo (Chromium, `netmortem serve`, the real helper)',
      tried: `${queries} DNS queries to closed 127.0.0.1:53 before the reload, page.reload(), ${queries} more after it, then Stop clicked on the reloaded page`,
      inputs: 2 * queries,
      held: `the reloaded page showed "Live on lo: capturing" and a Stop button; all ${beforeReload} events from before the reload (of ${totalBeforeReload} in the table) paged in, with the incident; the ${afterReload} new ones arrived live, none twice; Stop ended the capture ("done"), ${helpersLeft.length} helper left`,
      command: 'npx vitest run test/hostile/renderer-reload.test.ts (as root, helper built)',
    });
  }, 180_000);
});
