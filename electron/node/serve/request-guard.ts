/**
 * Who may talk to browser mode: only a page we served, on this machine. Three checks, each
 * of which stops a different attack:
 * - Host must name our loopback address and port, or a DNS-rebinding page (evil.example
 *   resolving to 127.0.0.1) could read our responses as same-origin;
 * - the token (query, cookie or WebSocket subprotocol) must match, or any local process or
 *   page could drive the service;
 * - a WebSocket's Origin (and an upload's) must be our own, because browsers let any page
 *   open a WebSocket or POST to any address, and a page on another port of 127.0.0.1 is
 *   same-site: the SameSite cookie goes with it.
 */
import type { IncomingMessage } from 'node:http';
import { tokenProtocolPrefix } from '../../common/ipc/wire';
import { cookieValue, sameToken, tokenCookieName } from './token';

export type GuardResult =
  { ok: true; tokenFromQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::ffff:127.0.0.1' || address === '::1';
}

function queryToken(request: IncomingMessage): string | null {
  return new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
}

function protocolToken(request: IncomingMessage): string | undefined {
  const header = request.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  for (const protocol of header.split(',')) {
    const trimmed = protocol.trim();
    if (trimmed.startsWith(tokenProtocolPrefix)) return trimmed.slice(tokenProtocolPrefix.length);
  }
  return undefined;
}

export function checkRequest(
  request: IncomingMessage,
  port: number,
  token: string,
  webSocket: boolean,
): GuardResult {
  if (!isLoopbackAddress(request.socket.remoteAddress))
    return { ok: false, status: 403, reason: 'only loopback clients are served' };
  const host = request.headers.host;
  if (!host || !allowedHosts(port).includes(host.toLowerCase()))
    return { ok: false, status: 403, reason: `foreign Host header: ${host ?? '(none)'}` };
  // A WebSocket, and any request that changes something (an upload), must come from our page:
  // browsers send Origin with both, and a page of another origin cannot forge it.
  const changes = request.method !== 'GET' && request.method !== 'HEAD';
  if (webSocket || changes) {
    const origin = request.headers.origin;
    if (!origin || origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
      return { ok: false, status: 403, reason: `foreign Origin: ${origin ?? '(none)'}` };
    }
  }
  const fromQuery = queryToken(request);
  const candidates = [
    fromQuery,
    cookieValue(request.headers.cookie, tokenCookieName),
    webSocket ? protocolToken(request) : undefined,
  ];
  const given = candidates.filter(
    (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
  );
  if (given.length === 0)
    return {
      ok: false,
      status: 401,
      reason: 'the token is missing: open the URL that `netmortem serve` printed',
    };
  if (!given.some((candidate) => sameToken(token, candidate)))
    return { ok: false, status: 403, reason: 'wrong token' };
  return { ok: true, tokenFromQuery: sameToken(token, fromQuery) };
}
