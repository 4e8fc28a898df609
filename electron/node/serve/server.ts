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
import { webSocketProtocol } from '../../common/ipc/wire';
import type { Service } from '../service/service-types';
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
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  uploadFolder: string;
  /** Each open WebSocket's unsent bytes and waiting requests, for diagnostics and tests. */
  connections(): ConnectionStats[];
  close(): Promise<void>;
}

const defaultUploadLimit = 8 * 1024 ** 3;
const maximumMessageBytes = 16 * 1024 * 1024;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const uploadFolder = await mkdtemp(join(tmpdir(), 'netmortem-uploads-'));
  let port = 0;
  const bridges = new Set<Bridge>();
  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: maximumMessageBytes,
    handleProtocols: (protocols) => (protocols.has(webSocketProtocol) ? webSocketProtocol : false),
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    setSecurityHeaders(response, port);
    const guard = checkRequest(request, port, token, false);
    if (!guard.ok) {
      response.writeHead(guard.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${guard.reason}\n`);
      return;
    }
    if (guard.tokenFromQuery) response.setHeader('Set-Cookie', tokenCookie(token));
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/api/upload') {
      if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
      return receiveUpload(request, response, uploadFolder, options.uploadLimitBytes ?? defaultUploadLimit);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    if (path === '/api/download') return sendDownload(request, response, (file) => options.service.wroteFile(file));
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
    if (!guard.ok || path !== '/api/socket') {
      const status = guard.ok ? '404 Not Found' : guard.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
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
    close: async () => {
      for (const client of webSockets.clients) client.terminate();
      webSockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(uploadFolder, { recursive: true, force: true });
    },
  };
}
