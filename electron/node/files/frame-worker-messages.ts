/** What the frame worker (frame-worker.ts) and the thread that started it tell each other. */
import type { MessagePort } from 'node:worker_threads';
import type { FactsBatch } from '../../common/analysis/frame-facts';

export interface FrameWorkerData {
  path: string;
  format: 'pcap' | 'pcapng';
  /** Bytes per read; each read is one batch. */
  chunkSize: number;
  /** A SharedArrayBuffer of two Int32 cells: batches consumed, and the stop flag. */
  control: SharedArrayBuffer;
}

/** What the worker is started with: the reading, and the port its chunks come back on to be read into again. */
export interface FrameWorkerStartData extends FrameWorkerData {
  recycle: MessagePort;
}

/**
 * What comes back on the recycle port: a chunk nobody holds any more, or a batch's arrays once
 * its frames were handed on (their buffers, to be filled again rather than allocated).
 */
export type RecycledBuffers = ArrayBuffer | { slots: ArrayBuffer; quotes: ArrayBuffer; seconds: ArrayBuffer };

/** control[consumedIndex]: batches the analysing thread has finished with. */
export const consumedIndex = 0;
/** control[stopIndex]: non-zero once the worker must stop (the read was cancelled or failed). */
export const stopIndex = 1;
/**
 * Batches the worker may read before the analysing thread has finished the first of them. Room
 * for the worker to run ahead while the analysis is slow (its code not yet compiled, a garbage
 * collection), so that it has batches waiting when the analysis catches up: 16 MiB of chunks
 * ran the 1M-packet bench file 50 ms faster than 8, and 32 no faster than 16.
 */
export const batchesAhead = 16;

export type FrameWorkerMessage =
  | (FactsBatch & {
      type: 'batch';
      /** The bytes read, in file order; frames are views of it. */
      chunk: Uint8Array;
      /** Each frame's whole seconds (they may exceed 2^31), `count` of them; `slots` holds `count` frames (frame-facts.ts). */
      seconds: Float64Array;
      count: number;
      /** The earliest and latest of the batch's frame times (Unix seconds with the fraction; ±Infinity with no frames). */
      earliest: number;
      latest: number;
      /** Frames whose bytes are not in `chunk` (a record cut by a chunk boundary, copied by the parser). */
      extras: Uint8Array[];
    })
  | {
      type: 'end';
      linkTypes: number[];
      warnings: string[];
      /** Hex sha256 of every byte read. */
      sha256: string;
    }
  | {
      type: 'error';
      kind: 'format';
      /** CaptureFormatError's reason and offset. */
      reason: string;
      offset: number;
    }
  | { type: 'error'; kind: 'other'; message: string; code?: string };
