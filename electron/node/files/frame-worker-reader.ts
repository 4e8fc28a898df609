/**
 * The analysing side of the frame worker (frame-worker.ts): starts it on a pcap or pcapng
 * file, turns each batch it sends back into frames, numbered in order, and hands each frame
 * on with what stands in for readFrameInto (frame-facts.ts's reader over the frame's slot),
 * or nothing when the frame was left unread. The worker is stopped and ended on every way
 * out: the end of the file, an error, a callback's throw, or the signal.
 */
import {
  capturedField,
  dataField,
  FactsReader,
  interfaceField,
  linkField,
  nanosecondsField,
  originalField,
  slotLength,
} from '../../common/analysis/frame-facts';
import type { FrameReader } from '../../common/analysis/frame-reader';
import { CaptureFormatError } from '../../common/capture/capture-format-error';
import { ChunkFrame, type ChunkLease } from '../../common/capture/chunk-frame';
import type { Frame } from '../../common/model/frame';
import {
  consumedIndex,
  stopIndex,
  type FrameWorkerMessage,
  type RecycledBuffers,
} from './frame-worker-messages';
import {
  claimFrameWorker,
  startFrameWorker,
  type FrameWorkerEvent,
  type StartedFrameWorker,
} from './frame-worker-start';

/** The parser's summary and the file's hash, once every frame was handed on. */
export interface FrameWorkerSummary {
  linkTypes: number[];
  warnings: string[];
  /** Hex sha256 of every byte the worker read (it hashes as it reads). */
  sha256: string;
  /** Chunks given back to the worker to read into again (nobody held them any more). */
  chunksGivenBack: number;
}

export interface FrameWorkerReadOptions {
  path: string;
  format: 'pcap' | 'pcapng';
  /** The worker's bundle (frameWorkerPath). */
  workerPath: string;
  firstFrameNumber: number;
  chunkSize: number;
  signal?: AbortSignal;
  /**
   * Each chunk of the file, in order, before its frames: how many frames it holds and their
   * earliest and latest times (Unix seconds with the fraction), counted once per chunk rather
   * than per frame.
   */
  onChunk: (chunk: Uint8Array, frames: number, earliest: number, latest: number) => void;
  /**
   * Each frame; `read` stands in for readFrameInto (the worker's reading, or the frame's own
   * bytes where the worker left it unread). The frame is one object reused for every frame:
   * keep its fields, not it.
   */
  onFrame: (frame: Frame, read: FrameReader) => void;
}

/**
 * The worker could not start or died before its first batch (its bundle broken or missing, a
 * runtime without worker threads): nothing was handed on yet, so the caller reads the file in
 * one thread instead.
 */
export class FrameWorkerUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the frame worker did not start: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'FrameWorkerUnavailable';
  }
}

/**
 * A chunk the worker read, lent to the analysis (chunk-frame.ts's ChunkLease): handed back
 * once every frame of it was delivered and nobody holds it (a transaction keeps its query's
 * bytes until it is answered or copies them).
 */
class LentChunk implements ChunkLease {
  private holds = 0;
  private handedOn = false;
  private returned = false;

  constructor(
    private readonly buffer: ArrayBuffer,
    private readonly giveBack: (buffer: ArrayBuffer) => void,
  ) {}

  hold(): void {
    this.holds++;
  }

  release(): void {
    if (--this.holds === 0 && this.handedOn) this.giveBackOnce();
  }

  /** Every frame of the chunk was handed on. */
  delivered(): void {
    this.handedOn = true;
    if (this.holds === 0) this.giveBackOnce();
  }

  private giveBackOnce(): void {
    if (this.returned) return;
    this.returned = true;
    this.giveBack(this.buffer);
  }
}

/** Reads the file through the worker; resolves with the parser's summary and the hash once every frame was handed on. */
export function readWithFrameWorker(options: FrameWorkerReadOptions): Promise<FrameWorkerSummary> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const { path, format, chunkSize, workerPath } = options;
  // Started early by the CLI (frame-worker-start.ts), or now.
  let started: StartedFrameWorker;
  try {
    started =
      claimFrameWorker(path, format, chunkSize, workerPath) ??
      startFrameWorker(path, format, chunkSize, workerPath);
  } catch (error) {
    return Promise.reject(new FrameWorkerUnavailable(error));
  }
  const { worker, cells } = started;
  const reader = new FactsReader();
  let nextNumber = options.firstFrameNumber;
  // One frame object for every frame, as the frame is only valid during onFrame.
  const frame = new ChunkFrame(0, 0, 0, 0, 0, 0, 0, new Uint8Array(0), 0, undefined);

  const deliver = (message: Extract<FrameWorkerMessage, { type: 'batch' }>, lease: LentChunk): void => {
    const { chunk, slots, seconds, extras, count } = message;
    options.onChunk(chunk, count, message.earliest, message.latest);
    reader.receive(message);
    const onFrame = options.onFrame;
    const read = reader.read;
    for (let index = 0; index < count; index++) {
      const base = index * slotLength;
      const at = slots[base + dataField]!;
      frame.moveTo(
        nextNumber++,
        seconds[index]!,
        slots[base + nanosecondsField]!,
        slots[base + capturedField]!,
        slots[base + originalField]! >>> 0,
        slots[base + linkField]!,
        slots[base + interfaceField]! >>> 0,
        at >= 0 ? chunk : extras[-1 - at]!,
        at >= 0 ? at : 0,
        at >= 0 ? lease : undefined,
      );
      reader.base = base;
      onFrame(frame, read);
    }
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    let answered = false;
    const finish = (error: unknown, summary?: FrameWorkerSummary): void => {
      if (settled) return;
      settled = true;
      started.recycle.close();
      Atomics.store(cells, stopIndex, 1);
      Atomics.notify(cells, consumedIndex);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (summary) resolve(summary);
      else reject(error);
    };
    // A chunk nobody holds any more goes back to the worker, to be read into again: no new
    // memory per chunk (its pages zeroed by the kernel), none for the garbage collector to find.
    let chunksGivenBack = 0;
    const giveBack = (buffer: ArrayBuffer): void => {
      if (settled || buffer.byteLength !== chunkSize) return;
      started.recycle.postMessage(buffer satisfies RecycledBuffers, [buffer]);
      chunksGivenBack++;
    };
    // A batch's slots and seconds are read only while its frames are handed on: they go back at once.
    const giveBackArrays = (message: Extract<FrameWorkerMessage, { type: 'batch' }>): void => {
      if (settled) return;
      const arrays = {
        slots: message.slots.buffer as ArrayBuffer,
        quotes: message.quotes.buffer as ArrayBuffer,
        seconds: message.seconds.buffer as ArrayBuffer,
      } satisfies RecycledBuffers;
      started.recycle.postMessage(arrays, [arrays.slots, arrays.quotes, arrays.seconds]);
    };
    const onAbort = (): void => finish(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const onMessage = (message: FrameWorkerMessage): void => {
      if (settled) return;
      answered = true;
      try {
        if (message.type === 'batch') {
          const lease = new LentChunk(message.chunk.buffer as ArrayBuffer, giveBack);
          deliver(message, lease);
          giveBackArrays(message);
          lease.delivered();
          Atomics.add(cells, consumedIndex, 1);
          Atomics.notify(cells, consumedIndex);
        } else if (message.type === 'end') {
          finish(undefined, {
            linkTypes: message.linkTypes,
            warnings: message.warnings,
            sha256: message.sha256,
            chunksGivenBack,
          });
        } else if (message.kind === 'format') {
          finish(new CaptureFormatError(message.reason, message.offset));
        } else {
          finish(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
        }
      } catch (error) {
        // A callback's own error (the analysis): theirs to explain, as in one thread.
        finish(error);
      }
    };
    started.listen((event: FrameWorkerEvent) => {
      if (event.type === 'message') onMessage(event.message);
      else if (event.type === 'error')
        finish(answered ? event.error : new FrameWorkerUnavailable(event.error));
      else {
        const error = new Error(`the frame worker stopped early (exit code ${event.code})`);
        finish(answered ? error : new FrameWorkerUnavailable(error));
      }
    });
  });
}
