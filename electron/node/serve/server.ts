/**
 * Browser mode: the renderer served to a browser on 127.0.0.1, talking to the same
 * main-side service over a WebSocket. Every request passes request-guard.ts first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { webSocketProtocol, type ServerStatus } from '../../common/ipc/wire';
import type { Service } from '../service/service-types';
import { ConnectionSlots, refuseUpgrade, type SlotStats } from './connection-slots';
import { sendDownload } from './download';
import { checkRequest } from './request-guard';
import { setSecurityHeaders } from './security-headers';
import { serveStatic } from './static-files';
import { newToken, tokenCookie } from './token';
import { receiveUpload } from './upload';
import { bridgeWebSocket, type Bridge, type ConnectionStats } from './websocket-bridge';

export interface ServerOptions {
  service: Service;
  /** The built renderer (dist/renderer). */
  rendererRoot: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The largest upload accepted (default 8 GiB); bigger files are opened by path. */
  uploadLimitBytes?: number;
  /** Fixed token, for tests; random otherwise. */
  token?: string;
  /** Where one-line notices go (a refused WebSocket past the cap); standard error by default. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  uploadFolder: string;
  /** Each open WebSocket's unsent bytes and waiting requests, for diagnostics and tests. */
  connections(): ConnectionStats[];
  /** How many WebSocket slots are taken, of how many (connection-slots.ts), and how many upgrades were refused. */
  slots(): SlotStats;
  close(): Promise<void>;
}

const defaultUploadLimit = 8 * 1024 ** 3;
const maximumMessageBytes = 16 * 1024 * 1024;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const uploadFolder = await mkdtemp(join(tmpdir(), 'netmortem-uploads-'));
  let port = 0;
  const bridges = new Set<Bridge>();
  const slots = new ConnectionSlots(options.log ?? ((line) => void process.stderr.write(`${line}\n`)));
  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: maximumMessageBytes,
    handleProtocols: (protocols) => (protocols.has(webSocketProtocol) ? webSocketProtocol : false),
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    setSecurityHeaders(response, port);
    const guard = checkRequest(request, port, token, false);
    if (!guard.ok) {
      response
        .writeHead(guard.status, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`${guard.reason}\n`);
      return;
    }
    if (guard.tokenFromQuery) response.setHeader('Set-Cookie', tokenCookie(token));
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/api/upload') {
      if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
      return receiveUpload(request, response, uploadFolder, options.uploadLimitBytes ?? defaultUploadLimit);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    if (path === '/api/download')
      return sendDownload(request, response, (file) => options.service.wroteFile(file));
    if (path === '/api/status') {
      const { open, limit } = slots.stats;
      const status: ServerStatus = { webSockets: { open, limit } };
      return void response
        .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(JSON.stringify(status));
    }
    return serveStatic(options.rendererRoot, path, response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`${error instanceof Error ? error.message : String(error)}\n`);
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const guard = checkRequest(request, port, token, true);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (!guard.ok)
      return refuseUpgrade(socket, guard.status === 401 ? '401 Unauthorized' : '403 Forbidden', guard.reason);
    if (path !== '/api/socket') return refuseUpgrade(socket, '404 Not Found', 'no WebSocket here');
    // Checked after the guard, so that only a page holding the token can take a slot. 503
    // before the upgrade rather than 101 and a close with 1013: nothing is built for a refused
    // socket, and no close handshake waits on a page that may never read it.
    if (!slots.take(socket))
      return refuseUpgrade(
        socket,
        '503 Service Unavailable',
        `browser mode holds at most ${slots.limit} WebSockets at once: close another tab of this page`,
      );
    webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      const bridge = bridgeWebSocket(webSocket, options.service);
      bridges.add(bridge);
      webSocket.once('close', () => bridges.delete(bridge));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: never the wildcard address, never another interface.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    uploadFolder,
    connections: () => [...bridges].map((bridge) => bridge.stats()),
    slots: () => slots.stats,
    close: async () => {
      for (const client of webSockets.clients) client.terminate();
      webSockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(uploadFolder, { recursive: true, force: true });
    },
  };
}
