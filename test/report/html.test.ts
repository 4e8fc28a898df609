import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, reportContentSecurityPolicy } from '../../electron/common/report/html';
import { bucketEvents } from '../../electron/common/report/timeline-buckets';
import { launchChromium } from '../../electron/node/report/chromium';
import { hostileAnalysis, hostileName } from './fixtures/hostile-analysis';
import { scenarioAnalysis } from './fixtures/scenario-analysis';
import { scenarioEvents } from './fixtures/scenario-events';

const generatedAt = new Date('2026-11-25T14:00:00Z');

describe('HTML report', () => {
  const html = renderHtml({
    analysis: scenarioAnalysis(),
    generatedAt,
    timeline: bucketEvents(scenarioEvents()),
  });

  it('is one self-contained document with a strict CSP and no script or external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${reportContentSecurityPolicy.replace(/'/g, '&#39;')}">`,
    );
    expect(reportContentSecurityPolicy).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<iframe|<img|\bsrc=|url\(/i);
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html).toContain('@media print');
  });

  it('has every section and the timeline chart as inline SVG', () => {
    for (const id of ['summary', 'analysis', 'causes', 'next-steps', 'timeline', 'evidence', 'capture']) {
      expect(html).toContain(`<section id="${id}">`);
    }
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).toContain('class="incident-band"');
    expect(svg.match(/class="query icmp-failed"/g)).toHaveLength(3);
    expect(svg.match(/class="icmp port-unreachable"/g)).toHaveLength(3);
  });

  it('writes the findings as text', () => {
    expect(html).toContain('<strong>DNS over UDP port 53 at 203.0.113.2 was unreachable</strong>');
    expect(html).toContain(
      '<pre><code>#1  13:24:32.192571 IP 192.51.100.15.52444 &gt; 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)',
    );
  });

  it('leaves the chart out when no timeline is given', () => {
    expect(renderHtml({ analysis: scenarioAnalysis(), generatedAt })).not.toContain('<svg');
  });
});

describe('HTML report with a hostile DNS name', () => {
  const html = renderHtml({
    analysis: hostileAnalysis(),
    generatedAt,
    timeline: bucketEvents(scenarioEvents()),
    analyst: { title: '<img src=y onerror=alert(5)>', notes: '<script>alert(6)</script>' },
  });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('contains no element made from a capture string', () => {
    expect(html).not.toMatch(/<img|<script|<b /i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.example');
  });

  it('shows the name as visible text in Chromium, and no dialog fires', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    const names = page.locator('code', { hasText: hostileName });
    expect(await names.count()).toBeGreaterThan(0);
    expect(await names.first().isVisible()).toBe(true);
    expect(await names.first().textContent()).toBe(hostileName);
    expect(await page.title()).toBe('<img src=y onerror=alert(5)>');
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
