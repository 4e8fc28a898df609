/**
 * The sha256 of a capture file for the report, computed beside the reading. Hashing costs
 * about as much as reading and parsing the file, so for a big regular file a worker thread
 * reads the same bytes again (from the page cache) and hashes them on the other core, while
 * the main thread parses. The worker may hash only as far as the reader has read
 * (`advance`), and `digest` gives the hash of exactly the bytes the reader saw, even if the
 * file grows meanwhile (a capture still being written).
 *
 * Small files, pipes and FIFOs (which cannot be read twice) are hashed in the thread that
 * reads them, chunk by chunk, as before; so is a file whose worker failed, by reading it again.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Bytes read between two progress messages to the worker. */
const messageBytes = 16 << 20;
/** Below this a worker costs more than it saves. */
const workerThreshold = 16 << 20;

export interface FileHasher {
  /** A chunk the reader read, in order. */
  update(chunk: Uint8Array): void;
  /** The hex sha256 of every byte passed to update. */
  digest(): Promise<string>;
  /** Stop the worker, if any (reading failed or was cancelled). */
  dispose(): void;
}

/** CommonJS run by the worker: no bundling, so the same code serves the app, the CLI and the tests. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(1 << 20);
const descriptor = openSync(workerData.path, 'r');
let hashed = 0;
parentPort.on('message', ({ allowed, final }) => {
  try {
    while (hashed < allowed) {
      const read = readSync(descriptor, buffer, 0, Math.min(buffer.length, allowed - hashed), hashed);
      if (read === 0) throw new Error('the file is shorter than the bytes read from it');
      hash.update(read === buffer.length ? buffer : buffer.subarray(0, read));
      hashed += read;
    }
    if (final) {
      closeSync(descriptor);
      parentPort.postMessage({ sha256: hash.digest('hex') });
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

class InlineHasher implements FileHasher {
  private readonly hash: Hash = createHash('sha256');
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Promise<string> {
    return Promise.resolve(this.hash.digest('hex'));
  }
  dispose(): void {}
}

class WorkerHasher implements FileHasher {
  private readonly worker: Worker;
  private allowed = 0;
  private told = 0;
  private readonly result: Promise<string>;

  constructor(private readonly path: string) {
    this.worker = new Worker(workerSource, { eval: true, workerData: { path } });
    this.result = new Promise<string>((resolve, reject) => {
      this.worker.on('message', (message: { sha256?: string; error?: string }) => {
        if (message.sha256 !== undefined) resolve(message.sha256);
        else reject(new Error(message.error ?? 'hash worker failed'));
      });
      this.worker.on('error', reject);
      this.worker.on('exit', (code) => reject(new Error(`hash worker exited with ${code}`)));
    });
    // Rejections are handled in digest(); until then they must not count as unhandled.
    this.result.catch(() => undefined);
  }

  update(chunk: Uint8Array): void {
    this.allowed += chunk.length;
    // A message costs the reading thread far more than a few bytes of arithmetic: tell the
    // worker only every few MiB (it hashes the rest when digest says where the end is).
    if (this.allowed - this.told >= messageBytes) {
      this.told = this.allowed;
      this.worker.postMessage({ allowed: this.allowed, final: false });
    }
  }

  async digest(): Promise<string> {
    this.worker.postMessage({ allowed: this.allowed, final: true });
    try {
      return await this.result;
    } catch {
      // The worker could not read the file again: hash the same bytes here instead.
      return await hashPrefix(this.path, this.allowed);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    void this.worker.terminate();
  }
}

/** The sha256 of the first `length` bytes of the file. */
async function hashPrefix(path: string, length: number): Promise<string> {
  const hash = createHash('sha256');
  if (length > 0) {
    for await (const chunk of createReadStream(path, { start: 0, end: length - 1 }) as AsyncIterable<Buffer>)
      hash.update(chunk);
  }
  return hash.digest('hex');
}

/** A hasher for `path`: a worker for a big regular file, the reading thread otherwise. */
export function createFileHasher(path: string, size: number, regularFile: boolean): FileHasher {
  return regularFile && size >= workerThreshold ? new WorkerHasher(path) : new InlineHasher();
}
