// The app end to end, through its UI: browser mode with Debian Chromium always, and the same
// specs against Electron when ELECTRON_OVERRIDE_DIST_PATH names an Electron build.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisSchema } from '../../electron/common/report/analysis-schema';
import { readCaptureFile } from '../../electron/node/files/read-capture';
import { outageAndRecoveryPcap, writeScenarioPcap } from '../app/support/scenario-pcap';
import { buildApp, buildHelper, root } from './support/build';
import { queryClosedPort } from './support/dns-queries';
import { browserDriver, electronDriver, electronExecutable, type AppDriver } from './support/drivers';

const scenarioLog = join(root, '..', 'shared', 'scenario', 'seed-tcpdump-log.txt');
const results = join(root, 'test-results');
const reportName = 'incident-2026-11-25-1324-dns-port-unreachable';
const analyst = {
  title: 'DNS outage behind yummyrecipesforme.com',
  reporter: 'A. Analyst',
  organisation: 'Example Corp',
  customerImpact: 'Customers saw "destination port unreachable" when opening the site.',
  notes: 'Escalated to the DNS team.',
};

const targets = [
  { name: 'browser mode', make: browserDriver, skip: undefined },
  {
    name: 'Electron',
    make: electronDriver,
    skip: electronExecutable()
      ? undefined
      : 'ELECTRON_OVERRIDE_DIST_PATH is not set (the Electron binary cannot be downloaded here)',
  },
] as const;

let helperProblem: string | undefined;
beforeAll(() => {
  buildApp();
  helperProblem = buildHelper();
}, 300_000);

async function waitForIncident(page: Page, timeout = 20_000): Promise<void> {
  await page.getByTestId('incident').first().waitFor({ timeout });
}

/** The events table asks the service for the lines of the rows it shows: until they arrive a row shows a placeholder. */
async function waitForEventLines(page: Page): Promise<void> {
  await page.locator('[data-testid="event-line"]').first().waitFor();
  await page.locator('[data-testid="event-line"][data-pending]').first().waitFor({ state: 'detached' });
}

for (const target of targets) {
  if (target.skip) console.log(`e2e: skipping the ${target.name} specs: ${target.skip}`);

  describe.skipIf(target.skip !== undefined)(`the app in ${target.name}`, () => {
    let driver: AppDriver;
    let page: Page;
    const folder = join(results, `e2e-${target.name.replace(/\W+/g, '-')}`);

    beforeAll(async () => {
      await mkdir(folder, { recursive: true });
      driver = await target.make();
      page = driver.page;
    }, 120_000);
    afterAll(async () => {
      await driver?.close();
    });

    it('starts with an empty state that says what to do', async () => {
      await expect(page.getByTestId('empty-state').textContent()).resolves.toContain('Open a capture');
      await page.screenshot({ path: join(folder, 'empty.png') });
    });

    it('opens the scenario log: timeline with the incident band, the incident and its causes', async () => {
      await page.getByTestId('log-date').fill('2026-11-25');
      await driver.open([scenarioLog]);
      await waitForIncident(page);
      const incident = page.getByTestId('incident');
      await expect(incident.getAttribute('data-kind')).resolves.toBe('dns-port-unreachable');
      await expect(page.getByTestId('incident-service').textContent()).resolves.toBe(
        'DNS over UDP port 53 at 203.0.113.2',
      );
      await expect(page.getByTestId('incident-counts').textContent()).resolves.toContain(
        '3 queries, 3 ICMP errors from 203.0.113.2',
      );
      await expect(page.getByTestId('incident-delay').textContent()).resolves.toBe(
        '3.905993 s to 43.741555 s after the query, 2 after the timeout',
      );
      const causes = await page
        .getByTestId('cause')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-cause-id')));
      expect(causes[0]).toBe('service-not-listening');
      expect(causes).toContain('firewall-blocking');
      await expect(page.getByTestId('timeline').getAttribute('data-bands')).resolves.toBe('1');
      await page.locator('.recharts-reference-area').first().waitFor();
      await expect(page.getByTestId('events-count').getAttribute('data-count')).resolves.toBe('6');
      await waitForEventLines(page);
      await expect(page.getByTestId('event-line').first().textContent()).resolves.toContain(
        '192.51.100.15.52444 > 203.0.113.2',
      );
      await expect(
        page.locator('[data-testid="event-row"][data-frame="2"]').getAttribute('title'),
      ).resolves.toBe(
        '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254',
      );
      await page.screenshot({ path: join(folder, 'scenario-log.png') });

      await page.getByTestId('evidence-line').nth(1).click();
      await page.locator('[data-testid="packet-details"][data-frame="2"]').waitFor();
      await expect(page.getByTestId('layer-tree').textContent()).resolves.toContain(
        'From line 2 of a tcpdump text log',
      );
      await expect(
        page.locator('[data-testid="event-row"].selected').getAttribute('data-frame'),
      ).resolves.toBe('2');
    });

    it('filters and sorts the events table', async () => {
      await page.getByTestId('events-kind').selectOption('icmp-error');
      await expect(page.getByTestId('events-count').getAttribute('data-count')).resolves.toBe('3');
      await page.getByTestId('events-kind').selectOption('all');
      await page.getByTestId('events-filter').fill('192.51.100.99');
      await page.locator('[data-testid="events-count"][data-count="0"]').waitFor();
      await page.getByTestId('events-filter').fill('yummyrecipes');
      await page.locator('[data-testid="events-count"][data-count="6"]').waitFor();
      await page.getByTestId('sort-kind').click();
      await page.getByTestId('sort-kind').click();
      const kinds = await page
        .getByTestId('event-row')
        .evaluateAll((rows) => rows.map((row) => row.children[2]?.textContent));
      expect(kinds).toEqual([
        'ICMP error',
        'ICMP error',
        'ICMP error',
        'DNS query',
        'DNS query',
        'DNS query',
      ]);
      await page.getByTestId('sort-frame').click();
      await page.getByTestId('events-filter').fill('');
    });

    it('opens a scenario pcap: packet details with layers and bytes', async () => {
      const pcap = join(folder, 'scenario.pcap');
      await writeScenarioPcap(pcap);
      await driver.open([pcap]);
      // The scenario log's session stays on screen, done, until the upload ends and the new one
      // starts: wait for the new session (file and state come from the same session), then its end.
      await page.locator('[data-testid="status-file"]', { hasText: 'scenario.pcap' }).waitFor();
      await page.locator('[data-testid="status-state"]', { hasText: 'done' }).waitFor();
      await waitForIncident(page);
      await page.getByTestId('evidence-line').nth(1).click();
      await page.locator('[data-testid="packet-details"][data-frame="2"]').waitFor();
      await page
        .getByTestId('detail-node')
        .filter({ hasText: /^Internet Control Message Protocol, type 3/ })
        .click();
      await expect(page.locator('[data-testid="hex-dump"] .hit').count()).resolves.toBeGreaterThan(8);
      await expect(page.getByTestId('layer-tree').textContent()).resolves.toContain('Quoted datagram');
      await waitForEventLines(page);
      await expect(
        page.locator('[data-testid="event-row"][data-frame="1"] [data-testid="event-line"]').textContent(),
      ).resolves.toMatch(
        /^13:24:32\.192571 IP 192\.51\.100\.15\.52444 > 203\.0\.113\.2\.53: 35084\+ A\? yummyrecipesforme\.com\./,
      );
      // The README's picture: the incident's head and causes, and the selected packet.
      await page.getByTestId('incident-title').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(folder, 'scenario-pcap.png') });
      if (driver.kind === 'browser')
        await copyFile(join(folder, 'scenario-pcap.png'), join(root, 'docs', 'screenshot.png'));
    });

    it('exports the report in each format, the capture and the incident packets', async () => {
      await page.keyboard.press('Control+E');
      await page.getByTestId('export-dialog').waitFor();
      for (const [field, value] of Object.entries({
        title: analyst.title,
        reporter: analyst.reporter,
        organisation: analyst.organisation,
        customerImpact: analyst.customerImpact,
        notes: analyst.notes,
      })) {
        await page.getByTestId(`analyst-${field}`).fill(value);
      }
      await page
        .frameLocator('[data-testid="export-preview"]')
        .getByText('Example Corp', { exact: false })
        .first()
        .waitFor();
      await page.screenshot({ path: join(folder, 'export-dialog.png') });

      const written: Record<string, string> = {};
      for (const format of ['md', 'html', 'json', 'pdf'] as const) {
        await page.getByTestId(`export-format-${format}`).check();
        await expect(page.getByTestId('export-file-name').inputValue()).resolves.toBe(
          `${reportName}.${format}`,
        );
        written[format] = await driver.save(
          () => page.getByTestId('export-save').click(),
          folder,
          `${reportName}.${format}`,
        );
        await page.locator('[data-testid="export-result"][data-ok="true"]').waitFor();
      }
      const markdown = await readFile(written.md!, 'utf8');
      expect(markdown).toContain(`# ${analyst.title}`);
      expect(markdown).toContain('A. Analyst');
      expect(markdown).toContain('yummyrecipesforme.com');
      const html = await readFile(written.html!, 'utf8');
      expect(html).toContain('<svg');
      expect(html).toContain('Example Corp');
      const analysis = analysisSchema.parse(JSON.parse(await readFile(written.json!, 'utf8')));
      expect(analysis.incidents[0]).toMatchObject({
        kind: 'dns-port-unreachable',
        queries: 3,
        icmpErrors: 3,
      });
      expect((await readFile(written.pdf!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const capture = await driver.save(
        () => page.getByTestId('save-capture').click(),
        folder,
        'saved-capture.pcap',
      );
      await expect(readCaptureFile(capture, {})).resolves.toMatchObject({
        format: 'pcap',
        packets: 6,
        linkTypes: ['EN10MB'],
      });
      await page.getByTestId('modal-close').click();
      const incidentPackets = await driver.save(
        () => page.getByTestId('export-incident-packets').click(),
        folder,
        'incident-packets.pcap',
      );
      await expect(readCaptureFile(incidentPackets, {})).resolves.toMatchObject({ packets: 6 });
    });

    it('opens a capture where the service recovers: the card says when, and how promptly the errors came', async () => {
      const pcap = join(folder, 'outage-and-recovery.pcap');
      await writeFile(pcap, outageAndRecoveryPcap());
      await driver.open([pcap]);
      await page.locator('[data-testid="status-file"]', { hasText: 'outage-and-recovery.pcap' }).waitFor();
      await page.locator('[data-testid="status-state"]', { hasText: 'done' }).waitFor();
      await waitForIncident(page);
      await expect(page.getByTestId('incident-recovered').textContent()).resolves.toBe(
        '2026-11-25 13:24:30.015000 UTC',
      );
      await expect(page.getByTestId('incident-delay').textContent()).resolves.toBe('0.3 ms after the query');
    });

    it('opens a dropped file', async () => {
      if (driver.kind !== 'browser') return; // Electron reads a dropped file's path, which a synthetic drop has not.
      const text = await readFile(scenarioLog, 'utf8');
      // Page-side code as text: the tests are type-checked without the DOM library.
      const dataTransfer = await page.evaluateHandle(
        `(() => { const transfer = new DataTransfer(); transfer.items.add(new File([${JSON.stringify(text)}], 'dropped-log.txt', { type: 'text/plain' })); return transfer; })()`,
      );
      await page.getByTestId('app').dispatchEvent('drop', { dataTransfer });
      await page.locator('[data-testid="status-file"]', { hasText: 'dropped-log.txt' }).waitFor();
      await waitForIncident(page);
    });

    it('captures live on loopback: queries to a closed port 53 make the incident appear live', async (context) => {
      if (helperProblem) {
        console.log(`e2e: skipping the live capture spec: ${helperProblem}`);
        context.skip();
      }
      await page.getByTestId('interface-picker').selectOption('lo');
      await page.getByTestId('filter-input').fill('udp port 53 or icmp');
      await page.locator('[data-testid="filter-message"][data-status="valid"]').waitFor();
      await page.getByTestId('filter-input').fill('udp port 53 or');
      await page.locator('[data-testid="filter-message"][data-status="invalid"]').waitFor();
      await expect(page.getByTestId('filter-message').textContent()).resolves.toMatch(/syntax error/);
      await page.getByTestId('filter-input').fill('udp port 53 or icmp');
      await page.locator('[data-testid="filter-message"][data-status="valid"]').waitFor();
      await page.getByTestId('capture-button').click();
      await page.locator('[data-testid="status-state"]', { hasText: 'Live on lo: capturing' }).waitFor();
      await expect(page.getByTestId('incident').count()).resolves.toBe(0);
      await queryClosedPort(4, 1100);
      await page
        .locator('[data-testid="incident"][data-kind="dns-port-unreachable"]')
        .waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('incident-service').textContent()).resolves.toBe(
        'DNS over UDP port 53 at 127.0.0.1',
      );
      await expect(page.getByTestId('status-state').textContent()).resolves.toContain('capturing');
      await page.screenshot({ path: join(folder, 'live-capture.png') });
      await page.locator('body').click({ position: { x: 5, y: 890 } });
      await page.keyboard.press('Control+R');
      await page.locator('[data-testid="status-state"]', { hasText: 'Live on lo: done' }).waitFor();
      await expect(page.getByTestId('status-packets').getAttribute('data-count')).resolves.not.toBe('0');
    });
  });
}

describe('the README screenshot', () => {
  it.skipIf(targets[0].skip !== undefined)('is written by the browser-mode run', async () => {
    const bytes = await readFile(join(root, 'docs', 'screenshot.png'));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    await writeFile(join(results, 'screenshot-checked.txt'), `docs/screenshot.png: ${bytes.length} bytes\n`);
  });
});
