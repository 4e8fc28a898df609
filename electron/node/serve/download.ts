/** Browser mode's save: the page downloads a file the service wrote (an export), and nothing else. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { safeFileName } from './upload';

const contentTypes: Record<string, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
  pcap: 'application/vnd.tcpdump.pcap',
};

export async function sendDownload(
  request: IncomingMessage,
  response: ServerResponse,
  mayDownload: (path: string) => boolean,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('path');
  const info = path && mayDownload(path) ? await stat(path).catch(() => undefined) : undefined;
  if (!path || !info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no such export\n');
    return;
  }
  const name = safeFileName(basename(path));
  const extension = name.split('.').pop() ?? '';
  response.writeHead(200, {
    'Content-Type': contentTypes[extension] ?? 'application/octet-stream',
    'Content-Length': info.size,
    // Never rendered inline: an HTML report opened from our origin would run in it.
    'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
  createReadStream(path).pipe(response);
}
