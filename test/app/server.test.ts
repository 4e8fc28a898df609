// Browser mode refuses whoever is not our page: no token, a foreign Host, a foreign Origin,
// and it listens on 127.0.0.1 only.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../electron/node/serve/server';
import { createService } from '../../electron/node/service/service';
import type { Service } from '../../electron/node/service/service-types';
import { tokenProtocolPrefix, webSocketProtocol } from '../../electron/common/ipc/wire';
import { send, sendRaw } from './support/http';
import { scenarioPcapBytes } from './support/scenario-pcap';

let folder: string;
let service: Service;
let server: RunningServer;
let origin: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'netmortem-server-test-'));
  // One folder above the renderer: what a path-traversal request would try to reach.
  await writeFile(join(folder, 'secret.txt'), 'outside the renderer');
  service = createService({ dataDirectory: join(folder, 'data'), exportDirectory: join(folder, 'exports') });
  const rendererRoot = join(folder, 'renderer');
  await mkdir(rendererRoot);
  await writeFile(join(rendererRoot, 'index.html'), '<!doctype html><title>netmortem</title>');
  server = await startServer({ service, rendererRoot });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await service.dispose();
  await rm(folder, { recursive: true, force: true });
});

function socket(
  headers: Record<string, string>,
  protocols: string[] = [webSocketProtocol],
  path = '/api/socket',
): Promise<{ socket?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const client = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols, { headers });
    client.once('open', () => resolve({ socket: client }));
    client.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      client.terminate();
    });
    client.once('error', () => resolve({ status: -1 }));
  });
}

function ask(client: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    client.once('message', (data) => resolve(JSON.parse(String(data))));
    client.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser-mode server', () => {
  it('prints a tokened URL on 127.0.0.1 and listens there only', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => address!.address);
    for (const address of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const probe = connect({ host: address, port: server.port });
        probe.once('connect', () => {
          probe.destroy();
          resolve(false);
        });
        probe.once('error', () => resolve(true));
      });
      expect(refused, `${address}:${server.port} must not answer`).toBe(true);
    }
  });

  it('refuses a request without the token (401) or with a wrong one (403)', async () => {
    expect((await send(server.port, '/')).status).toBe(401);
    expect((await send(server.port, '/index.html')).status).toBe(401);
    expect((await send(server.port, '/?token=wrong')).status).toBe(403);
    expect((await send(server.port, '/', { cookie: 'netmortem_token=wrong' })).status).toBe(403);
  });

  it('serves the page with the token, sets the cookie, and then serves by cookie alone', async () => {
    const first = await send(server.port, `/?token=${server.token}`);
    expect(first.status).toBe(200);
    expect(first.body).toContain('<title>netmortem</title>');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    expect((await send(server.port, '/', { cookie: `netmortem_token=${server.token}` })).status).toBe(200);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      `127.0.0.2:${server.port}`,
    ]) {
      expect((await send(server.port, `/?token=${server.token}`, { host })).status, host).toBe(403);
    }
    expect(await sendRaw(server.port, `GET /?token=${server.token} HTTP/1.0\r\n\r\n`)).toMatch(
      /^HTTP\/1\.[01] 403 /,
    );
    expect(
      (await send(server.port, `/?token=${server.token}`, { host: `localhost:${server.port}` })).status,
    ).toBe(200);
  });

  it('keeps files outside the renderer folder out of reach', async () => {
    const cookie = `netmortem_token=${server.token}`;
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      expect((await send(server.port, path, { cookie })).status, path).toBe(404);
    }
    expect(
      (
        await send(server.port, `/api/download?path=${encodeURIComponent(join(folder, 'secret.txt'))}`, {
          cookie,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a WebSocket from a foreign Origin, without Origin, or without the token', async () => {
    const cookie = `netmortem_token=${server.token}`;
    expect((await socket({ origin: 'http://evil.example', cookie })).status).toBe(403);
    expect((await socket({ origin: `http://127.0.0.1:${server.port + 1}`, cookie })).status).toBe(403);
    expect((await socket({ cookie })).status).toBe(403);
    expect((await socket({ origin })).status).toBe(401);
    expect((await socket({ origin, cookie, host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await socket({ origin, cookie }, [webSocketProtocol], '/elsewhere')).status).toBe(404);
  });

  it('carries the contract over an accepted WebSocket, refusing malformed messages without closing', async () => {
    const opened = await socket({ origin }, [webSocketProtocol, `${tokenProtocolPrefix}${server.token}`]);
    const client = opened.socket!;
    expect(client.protocol).toBe(webSocketProtocol);
    expect(await ask(client, { type: 'request', id: 1, name: 'getSession', args: {} })).toEqual({
      type: 'response',
      id: 1,
      envelope: { ok: true, value: null },
    });
    expect(await ask(client, 'not json')).toMatchObject({
      type: 'response',
      id: null,
      envelope: { ok: false, error: { code: 'validation' } },
    });
    expect(
      await ask(client, { type: 'request', id: 2, name: 'openFiles', args: { paths: 3 } }),
    ).toMatchObject({ id: 2, envelope: { ok: false, error: { code: 'validation' } } });
    expect(await ask(client, { type: 'request', id: 3, name: 'format', args: {} })).toMatchObject({
      id: 3,
      envelope: { ok: false, error: { code: 'unknown-request' } },
    });
    expect(await ask(client, { type: 'request', id: 4, name: 'getAnalysis', args: {} })).toEqual({
      type: 'response',
      id: 4,
      envelope: { ok: true, value: null },
    });
    client.close();
  });

  it('takes an uploaded capture, opens it, and lets the page download what the service wrote', async () => {
    const cookie = `netmortem_token=${server.token}`;
    expect((await send(server.port, '/api/upload?name=x.pcap', { origin }, 'POST', 'x')).status).toBe(401);
    expect((await send(server.port, '/api/upload?name=x.pcap', { cookie }, 'POST', 'x')).status).toBe(403);
    expect(
      (
        await send(
          server.port,
          '/api/upload?name=x.pcap',
          { cookie, origin: `http://127.0.0.1:${server.port + 1}` },
          'POST',
          'x',
        )
      ).status,
    ).toBe(403);
    const upload = await send(
      server.port,
      `/api/upload?name=${encodeURIComponent('../../scenario.pcap')}`,
      { cookie, origin, 'content-type': 'application/octet-stream' },
      'POST',
      scenarioPcapBytes(),
    );
    expect(upload.status).toBe(200);
    const { path } = JSON.parse(upload.body) as { path: string };
    expect(path.startsWith(server.uploadFolder)).toBe(true);
    expect(path.endsWith('/scenario.pcap')).toBe(true);

    const client = (await socket({ origin, cookie })).socket!;
    const ended = new Promise<void>((resolve) => {
      client.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; name?: string };
        if (message.type === 'event' && message.name === 'sessionEnded') resolve();
      });
    });
    await ask(client, { type: 'request', id: 1, name: 'openFiles', args: { paths: [path] } });
    await ended;
    const exported = (await ask(client, {
      type: 'request',
      id: 2,
      name: 'exportReport',
      args: {
        format: 'json',
        analyst: { title: '', reporter: '', organisation: '', customerImpact: '', notes: '' },
      },
    })) as { envelope: { ok: true; value: { path: string } } };
    const download = await send(
      server.port,
      `/api/download?path=${encodeURIComponent(exported.envelope.value.path)}`,
      { cookie },
    );
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="incident-2026-11-25-1324-dns-port-unreachable\.json"/,
    );
    expect(download.body).toBe(await readFile(exported.envelope.value.path, 'utf8'));
    client.close();
  });
});
