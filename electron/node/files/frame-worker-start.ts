/**
 * Starting the frame worker (frame-worker.ts), and starting it early. A worker's events are
 * held from the moment it starts until someone listens, so a worker can be started before its
 * reader exists: the CLI starts one for a big capture file first thing (cli/main.ts), before
 * it has even loaded its commands, and the worker reads and parses the first chunks on the
 * second core meanwhile. readWithFrameWorker then claims it instead of starting one.
 *
 * A worker started early is unreferenced until claimed: if nothing claims it (the file was an
 * option's value, or the command failed first), it keeps nothing alive and ends with the
 * process, having read at most `batchesAhead` chunks.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { detectCaptureFormat, DETECTION_LENGTH } from '../../common/capture/detect-format';
import { detachOneBufferEarly } from './detach-early';
import {
  consumedIndex,
  stopIndex,
  type FrameWorkerData,
  type FrameWorkerMessage,
  type FrameWorkerStartData,
} from './frame-worker-messages';

/** Bytes per read, the worker's and the one-thread stream's. */
export const readChunkSize = 1 << 20;

/**
 * Below this the frame worker costs about what it saves: its thread starts and warms up its
 * own JIT before the first batch. Measured with `netmortem analyze` on bench files (fastest
 * of 9): 68 MB 0.57 s with it, 0.52 s without; 130 MB 0.70 against 0.73 s; 261 MB 1.06
 * against 1.30 s. The app's load with events showed the same at 68 MB (a wash).
 */
export const frameWorkerMinimumBytes = 96 << 20;

/** The bundle's file name, beside the bundle that starts it (dist/cli.mjs, dist/electron/main.cjs). */
const workerFileName = 'frame-worker.cjs';

/**
 * Where the frame worker's bundle is: NETMORTEM_FRAME_WORKER (the tests build it from the
 * sources), else beside the running bundle (in a packaged app, unpacked from the asar
 * archive, where a worker cannot load from). Undefined when it cannot be found (running from
 * the sources without it): the caller then reads in one thread, as before the worker.
 */
export function frameWorkerPath(): string | undefined {
  const fromEnvironment = process.env.NETMORTEM_FRAME_WORKER;
  // Made absolute: a Worker takes a relative path only as './name', and from the current folder.
  if (fromEnvironment) return existsSync(fromEnvironment) ? resolve(fromEnvironment) : undefined;
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return undefined;
  const beside = join(dirname(here), workerFileName);
  const unpacked = beside.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  for (const candidate of [unpacked, beside]) if (existsSync(candidate)) return candidate;
  return undefined;
}

export type FrameWorkerEvent =
  | { type: 'message'; message: FrameWorkerMessage }
  | { type: 'error'; error: Error }
  | { type: 'exit'; code: number };

/** A started worker, its control cells, and its events: held until listen() is called, then passed on. */
export class StartedFrameWorker {
  readonly worker: Worker;
  readonly cells: Int32Array;
  /** Where chunks go back to the worker once the analysis is done with them (frame-worker-reader.ts). */
  readonly recycle: MessagePort;
  private held: FrameWorkerEvent[] = [];
  private listener: ((event: FrameWorkerEvent) => void) | undefined;

  constructor(
    readonly data: FrameWorkerData,
    readonly workerPath: string,
  ) {
    this.cells = new Int32Array(data.control);
    const channel = new MessageChannel();
    this.recycle = channel.port1;
    this.worker = new Worker(workerPath, {
      workerData: { ...data, recycle: channel.port2 } satisfies FrameWorkerStartData,
      transferList: [channel.port2],
    });
    this.worker.on('message', (message: FrameWorkerMessage) => this.pass({ type: 'message', message }));
    this.worker.on('error', (error) => this.pass({ type: 'error', error }));
    this.worker.on('exit', (code) => this.pass({ type: 'exit', code }));
  }

  /** Hands on the events held so far, in order, then every later one as it comes. */
  listen(listener: (event: FrameWorkerEvent) => void): void {
    this.listener = listener;
    this.worker.ref();
    const held = this.held;
    this.held = [];
    for (const event of held) listener(event);
  }

  private pass(event: FrameWorkerEvent): void {
    if (this.listener) this.listener(event);
    else this.held.push(event);
  }
}

/** Workers started early, not claimed yet, by file path. */
const early = new Map<string, StartedFrameWorker>();

/** Starts a worker on `path`; `control` holds two Int32 cells (frame-worker-messages.ts). */
export function startFrameWorker(
  path: string,
  format: FrameWorkerData['format'],
  chunkSize: number,
  workerPath: string,
): StartedFrameWorker {
  // The reader gives chunks back to the worker, detaching them: the first time, before the analysis is compiled.
  detachOneBufferEarly();
  const control = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  return new StartedFrameWorker({ path, format, chunkSize, control }, workerPath);
}

/**
 * The worker started early on this file with these settings, taken out of the waiting list;
 * undefined when there is none (it was never started, or a different reading was asked for).
 */
export function claimFrameWorker(
  path: string,
  format: FrameWorkerData['format'],
  chunkSize: number,
  workerPath: string,
): StartedFrameWorker | undefined {
  const started = early.get(path);
  if (!started) return undefined;
  early.delete(path);
  const data = started.data;
  if (data.format === format && data.chunkSize === chunkSize && started.workerPath === workerPath)
    return started;
  stop(started);
  return undefined;
}

/**
 * Starts a worker on the first of `paths` that readCaptureFile would read through one (a
 * regular pcap or pcapng file of frameWorkerMinimumBytes or more), without waiting for
 * anything. Whatever goes wrong here (no such file, no worker bundle) is left for the reading
 * itself to find and explain: this only ever saves time.
 */
export function prestartFrameWorker(paths: readonly string[], minimumBytes = frameWorkerMinimumBytes): void {
  const workerPath = frameWorkerPath();
  if (workerPath === undefined) return;
  for (const path of paths) {
    const format = bigCaptureFormat(path, minimumBytes);
    if (format === undefined) continue;
    try {
      const started = startFrameWorker(path, format, readChunkSize, workerPath);
      started.worker.unref();
      early.set(path, started);
    } catch {
      // The reading will start its own, or read in one thread.
    }
    return;
  }
}

/** Stops every worker started early that nothing claimed (the command is done). */
export function stopEarlyFrameWorkers(): void {
  for (const started of early.values()) stop(started);
  early.clear();
}

function stop(started: StartedFrameWorker): void {
  started.recycle.close();
  Atomics.store(started.cells, stopIndex, 1);
  Atomics.notify(started.cells, consumedIndex);
  void started.worker.terminate();
}

function bigCaptureFormat(path: string, minimumBytes: number): FrameWorkerData['format'] | undefined {
  let descriptor: number | undefined;
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size < minimumBytes) return undefined;
    descriptor = openSync(path, 'r');
    const head = new Uint8Array(DETECTION_LENGTH);
    const read = readSync(descriptor, head, 0, DETECTION_LENGTH, 0);
    const detected = detectCaptureFormat(head.subarray(0, read));
    return detected.format === 'pcap' || detected.format === 'pcapng' ? detected.format : undefined;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
