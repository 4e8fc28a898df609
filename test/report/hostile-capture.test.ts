// An HTML report built from a real capture whose DNS name is `<img src=x onerror=alert(1)>.example`
// shows the name as text: no element, no dialog, in headless Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/node/report/chromium';
import { hostileCaptureName, writeHostileCapture } from './hostile-capture';

const root = resolve(__dirname, '../..');
const folder = mkdtempSync(join(tmpdir(), 'netmortem-hostile-'));
const capture = join(folder, 'hostile.pcap');
const report = join(folder, 'report.html');
let browser: Browser;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'cli'], { cwd: root, stdio: 'pipe' });
  writeHostileCapture(capture);
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin/netmortem.js'), 'analyze', capture, '--format', 'html', '--out', report],
    {
      encoding: 'utf8',
    },
  );
  expect(run.status, run.stderr).toBe(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('HTML report of a capture with a hostile DNS name', () => {
  it('holds no element made from the name', () => {
    const html = readFileSync(report, 'utf8');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.example');
  });

  it('shows the name as visible text in Chromium, and no dialog fires', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`file://${report}`, { waitUntil: 'load' });
    expect(await page.locator('img').count()).toBe(0);
    const evidence = page.locator('#evidence pre');
    expect(await evidence.isVisible()).toBe(true);
    expect(await evidence.textContent()).toContain(`A? ${hostileCaptureName}. (54)`);
    const names = page.locator('#analysis table.facts td', { hasText: 'onerror=alert(1)' });
    expect(await names.first().isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
