/**
 * Browser mode's file open: the page POSTs the file's bytes; we stream them to a private
 * temporary folder (never into memory) and answer with the path to pass to openFiles.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file name safe on every system we run on: no folders, no control or reserved characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200)
    .trim();
  return cleaned === '' ? 'capture' : cleaned;
}

class SizeLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new Error(`the upload is larger than the limit of ${this.limit} bytes`));
    else done(null, chunk);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export async function receiveUpload(
  request: IncomingMessage,
  response: ServerResponse,
  uploadRoot: string,
  limitBytes: number,
): Promise<void> {
  const name = safeFileName(
    new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? 'capture',
  );
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    sendJson(response, 413, {
      error: `the file is larger than the upload limit of ${limitBytes} bytes; open it by its path instead`,
    });
    request.resume();
    return;
  }
  const folder = join(uploadRoot, randomBytes(8).toString('hex'));
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, name);
  try {
    await pipeline(request, new SizeLimit(limitBytes), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    if (!response.headersSent)
      sendJson(response, 400, {
        error: `upload failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    return;
  }
  sendJson(response, 200, { path });
}
