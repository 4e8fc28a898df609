/** Serves the built renderer (dist/renderer) read-only; nothing outside that folder is reachable. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The file a URL path names inside root, or undefined when it would leave root. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const path = normalize(join(root, wanted));
  const inside = relative(root, path);
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return path;
}

export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const path = resolveStaticPath(root, urlPath);
  const info = path ? await stat(path).catch(() => undefined) : undefined;
  if (!path || !info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'Content-Length': info.size,
  });
  createReadStream(path).pipe(response);
}
