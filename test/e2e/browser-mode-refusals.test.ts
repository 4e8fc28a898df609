// `netmortem serve` refuses, as run by a user: requests without the token, a foreign Host
// (a DNS-rebinding page, simulated in Chromium with a host resolver rule), and a WebSocket
// or an upload from a page of another origin, even one that carries our cookie.
import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { webSocketProtocol } from '../../electron/common/ipc/wire';
import { send } from '../app/support/http';
import { buildApp } from './support/build';
import { launchChromium } from '../../electron/node/report/chromium';
import { startServe, type ServeProcess } from './support/serve-process';
import { maximumConnections } from '../../electron/node/serve/connection-slots';
import { RawWebSocket } from '../hostile/support/raw-web-socket';

let serve: ServeProcess;
let browser: Browser;
let foreign: Server;
let foreignPort: number;

/** A page on another port of 127.0.0.1 that tries to drive netmortem from the user's browser. */
const attackPage = (port: number): string => `<!doctype html><title>attack</title><script>
window.results = {};
const socket = new WebSocket('ws://127.0.0.1:${port}/api/socket', ['${webSocketProtocol}']);
socket.onopen = () => { window.results.socket = 'open'; };
socket.onerror = () => { window.results.socket = 'refused'; };
fetch('http://127.0.0.1:${port}/api/upload?name=x.pcap', { method: 'POST', body: 'x', credentials: 'include', mode: 'no-cors' })
  .then(() => { window.results.upload = 'sent'; }, () => { window.results.upload = 'failed'; });
</script>`;

beforeAll(async () => {
  buildApp();
  serve = await startServe(await mkdtemp(join(tmpdir(), 'netmortem-e2e-refusals-')));
  browser = await launchChromium();
  foreign = createServer((_request, response) =>
    response.writeHead(200, { 'Content-Type': 'text/html' }).end(attackPage(serve.port)),
  );
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', () => resolve()));
  foreignPort = (foreign.address() as { port: number }).port;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await new Promise<void>((resolve) => (foreign ? foreign.close(() => resolve()) : resolve()));
});

function webSocketStatus(
  headers: Record<string, string>,
  protocols: string[] = [webSocketProtocol],
): Promise<number> {
  return new Promise((resolve) => {
    const client = new WebSocket(`ws://127.0.0.1:${serve.port}/api/socket`, protocols, { headers });
    client.once('open', () => {
      client.close();
      resolve(101);
    });
    client.once('unexpected-response', (_request, response) => {
      client.terminate();
      resolve(response.statusCode ?? 0);
    });
    client.once('error', () => resolve(-1));
  });
}

describe('netmortem serve refuses strangers', () => {
  it('refuses requests with no token or a wrong one', async () => {
    expect((await send(serve.port, '/')).status).toBe(401);
    expect((await send(serve.port, '/?token=not-the-token')).status).toBe(403);
    expect((await send(serve.port, `/?token=${serve.token}`)).status).toBe(200);
    const page = await browser.newPage();
    const response = await page.goto(`${serve.origin}/`);
    expect(response?.status()).toBe(401);
    await page.close();
  });

  it('refuses a foreign Host header: a DNS-rebinding page cannot load the app', async () => {
    expect(
      (await send(serve.port, `/?token=${serve.token}`, { host: `rebind.example:${serve.port}` })).status,
    ).toBe(403);
    const rebinding = await launchChromium(['--host-resolver-rules=MAP rebind.example 127.0.0.1']);
    try {
      const page = await rebinding.newPage();
      const response = await page.goto(`http://rebind.example:${serve.port}/?token=${serve.token}`);
      expect(response?.status()).toBe(403);
      expect(await page.textContent('body')).toContain('foreign Host header');
    } finally {
      await rebinding.close();
    }
  });

  it('refuses a WebSocket with a foreign Origin, even with the token', async () => {
    const cookie = `netmortem_token=${serve.token}`;
    expect(await webSocketStatus({ origin: serve.origin, cookie })).toBe(101);
    expect(await webSocketStatus({ origin: 'http://evil.example', cookie })).toBe(403);
    expect(await webSocketStatus({ origin: `http://127.0.0.1:${foreignPort}`, cookie })).toBe(403);
    expect(await webSocketStatus({ origin: serve.origin })).toBe(401);
  });

  it('keeps a page of another local origin out, although the browser sends it our cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The user has the app open: the browser holds the token cookie.
    await page.goto(serve.url);
    await page.getByTestId('app').waitFor();
    const attack = await context.newPage();
    await attack.goto(`http://127.0.0.1:${foreignPort}/`);
    await attack.waitForFunction(
      'window.results.socket !== undefined && window.results.upload !== undefined',
    );
    expect(await attack.evaluate('window.results.socket')).toBe('refused');
    expect(await attack.evaluate('window.results.upload')).toBe('failed');
    await context.close();
    // What the browser sent for that upload (our cookie, the attacker's Origin), the server refuses.
    const cookie = `netmortem_token=${serve.token}`;
    expect(
      (
        await send(
          serve.port,
          '/api/upload?name=x.pcap',
          { cookie, origin: `http://127.0.0.1:${foreignPort}` },
          'POST',
          'x',
        )
      ).status,
    ).toBe(403);
  });
});

describe('a page netmortem serve cannot serve says why', () => {
  /** The error banner's text, once the page shows one. */
  async function bannerText(page: Page): Promise<string> {
    const banner = page.getByTestId('error-banner').first();
    await banner.waitFor({ timeout: 20_000 });
    return (await banner.textContent()) ?? '';
  }

  it('tells a page refused for want of a WebSocket slot to close another tab, and works once one frees', async () => {
    const held: RawWebSocket[] = [];
    const page = await browser.newPage();
    try {
      for (let index = 0; index < maximumConnections; index++)
        held.push(await RawWebSocket.open(serve.port, serve.token));
      await page.goto(serve.url);
      expect(await bannerText(page)).toContain(`holds at most ${maximumConnections} windows at once`);
      held.pop()!.close();
      await page.reload();
      await page.getByTestId('app').waitFor();
      // Served: the page's requests are answered (the open button works), and no banner comes.
      await page.getByTestId('error-banner').waitFor({ state: 'detached' });
      expect(await page.getByTestId('error-banner').count()).toBe(0);
    } finally {
      for (const socket of held) socket.close();
      await page.close();
    }
  });

  // Last in this file: it stops the server the other tests share.
  it('tells a page whose server stopped that it is not running any more', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(serve.url);
      await page.getByTestId('app').waitFor();
      await serve.stop();
      expect(await bannerText(page)).toContain('netmortem serve is not running any more');
    } finally {
      await page.close();
    }
  });
});
