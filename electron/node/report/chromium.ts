/**
 * Headless Chromium as netmortem runs it: for PDF export (pdf.ts), and the tests' browser.
 * Debian's build unless NETMORTEM_CHROMIUM names another, with the flags the developers' guide
 * gives for this machine.
 */
import type { Browser } from 'playwright-core';

export function chromiumExecutable(): string {
  return process.env.NETMORTEM_CHROMIUM || '/usr/bin/chromium';
}

export const chromiumArguments = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Launches it, with `extraArguments` after the usual ones. playwright-core is loaded only now: only PDF export needs a browser. */
export async function launchChromium(extraArguments: readonly string[] = []): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: [...chromiumArguments, ...extraArguments],
  });
}
