/**
 * Headers on every browser-mode response. The CSP matches the Electron window's: scripts only
 * from our own files, no eval, no plugins, no framing by others, connections only back to us.
 */
import type { ServerResponse } from 'node:http';

export function contentSecurityPolicy(port: number): string {
  const self = [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Recharts and React set style attributes; inline styles carry no script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${self}`,
    "frame-src 'self' about:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function setSecurityHeaders(response: ServerResponse, port: number): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  // The token travels in the first URL: never let it leave in a Referer.
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
