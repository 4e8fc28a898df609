/**
 * Saves a capture's rolling files as one pcap file: the first file whole, the others
 * without their 24-byte header (they all share it). Written to a temporary file beside the
 * target and renamed into place, so the target is either the whole capture or untouched.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CaptureError } from './capture-error';
import { pcapHeaderLength } from './pcap-record-framer';
import type { RollingFile } from './rolling-pcap';

export interface SavedCapture {
  path: string;
  sha256: string;
  packets: number;
  bytes: number;
}

export async function saveCapture(files: readonly RollingFile[], path: string): Promise<SavedCapture> {
  if (files.length === 0)
    throw new CaptureError('write-failed', `nothing to save in ${path}: the capture wrote no file`);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const hash = createHash('sha256');
  let bytes = 0;
  const output = await open(temporary, 'wx', 0o644).catch((error: Error) => {
    throw new CaptureError('write-failed', `cannot create ${path}: ${error.message}`, { cause: error });
  });
  let renamed = false;
  try {
    for (const [index, file] of files.entries()) {
      const input = createReadStream(file.path, { start: index === 0 ? 0 : pcapHeaderLength });
      for await (const chunk of input as AsyncIterable<Buffer>) {
        await output.write(chunk);
        hash.update(chunk);
        bytes += chunk.length;
      }
    }
    await output.sync();
    await output.close();
    await rename(temporary, path);
    renamed = true;
  } catch (error) {
    if (error instanceof CaptureError) throw error;
    throw new CaptureError(
      'write-failed',
      `cannot save the capture to ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    if (!renamed) {
      await output.close().catch(() => undefined);
      await rm(temporary, { force: true });
    }
  }
  return {
    path,
    sha256: hash.digest('hex'),
    packets: files.reduce((sum, file) => sum + file.packets, 0),
    bytes,
  };
}
