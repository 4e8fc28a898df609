/**
 * Reading one file both ways, with the frame worker forced (frameWorkerBytes 0) and with it off
 * (Infinity), and comparing what each gave: used by the frame worker's tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { readFrameInto } from '../../../electron/common/analysis/frame-reader';
import { LayerView } from '../../../electron/common/analysis/layer-view';
import { detectCaptureFormat } from '../../../electron/common/capture/detect-format';
import type { Frame } from '../../../electron/common/model/frame';
import {
  CaptureFileError,
  readCaptureFile,
  type ReadCaptureOptions,
} from '../../../electron/node/files/read-capture';
import { slotFieldsOf } from '../../analysis/support/slot-fields';
import { corpusRoot } from '../fixtures/corpus';

export const worker = { frameWorkerBytes: 0 } as const;
export const oneThread = { frameWorkerBytes: Infinity } as const;

export const modes = [
  ['frame worker', worker],
  ['one thread', oneThread],
] as const;

/** What a read gave: the result, or the error's message, offset and partial info (but its byte count). */
export async function settle<T>(
  reading: Promise<T>,
): Promise<{ value?: T; error?: Record<string, unknown> }> {
  try {
    return { value: await reading };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return {
      error: {
        name: error.name,
        message: error.message,
        ...(error instanceof CaptureFileError
          ? {
              offset: error.offset,
              // Bytes read before the error are not compared: in one thread they include the
              // 4 KiB detection look-ahead, which the worker, told the format, does not count.
              partial: error.partial && { ...error.partial, bytes: undefined },
            }
          : {}),
      },
    };
  }
}

/**
 * Every pcap or pcapng file of the corpus, whatever its name (fuzzed reproducers have none):
 * the only files the worker reads (text logs never go to it). A file refused must be refused
 * alike; the corpus holds few such, so the error tests build their own.
 */
export function corpusBinaryCaptures(folder = corpusRoot): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) return corpusBinaryCaptures(path);
      const format = detectCaptureFormat(readFileSync(path).subarray(0, 4096)).format;
      return format === 'pcap' || format === 'pcapng' ? [path] : [];
    });
}

interface FrameRecord {
  header: Omit<Frame, 'data'>;
  data: Buffer;
}

function recordOf(frame: Frame): FrameRecord {
  const { number, seconds, nanoseconds, capturedLength, originalLength, linkType, interfaceIndex } = frame;
  return {
    header: { number, seconds, nanoseconds, capturedLength, originalLength, linkType, interfaceIndex },
    data: Buffer.from(frame.data),
  };
}

/**
 * Reads `path` one-threaded, then through the worker, checking each worker frame against the
 * one-thread frame of the same number as it arrives, and the worker's reading of it against
 * readFrameInto's. Returns counts, so that a caller can tell the worker did the reading.
 * Frames are compared without expect() (a hundred thousand calls cost seconds); the first
 * differences are reported together at the end.
 */
export async function compareFrames(
  path: string,
  options: ReadCaptureOptions,
): Promise<{ frames: number; withRead: number; extras: number }> {
  const expected: FrameRecord[] = [];
  let oneThreadReads = 0;
  let oneThreadProgress = 0;
  const oneThreadResult = await settle(
    readCaptureFile(path, {
      ...options,
      ...oneThread,
      onProgress: (bytesRead) => (oneThreadProgress = bytesRead),
      onFrame: (frame, read) => {
        if (read !== undefined) oneThreadReads++;
        expected.push(recordOf(frame));
      },
    }),
  );
  expect(oneThreadReads, `${path}: one thread hands on no reading`).toBe(0);
  const view = new LayerView();
  const quotedView = new LayerView();
  const readView = new LayerView();
  const readQuotedView = new LayerView();
  const counts = { frames: 0, withRead: 0, extras: 0 };
  const differences: unknown[] = [];
  let workerProgress = 0;
  const differ = (label: string, got: unknown, want: unknown): void => {
    if (differences.length < 5) differences.push({ label, got, want });
  };
  const workerResult = await settle(
    readCaptureFile(path, {
      ...options,
      ...worker,
      onProgress: (bytesRead) => (workerProgress = bytesRead),
      onFrame(frame, read) {
        const want = expected[counts.frames++];
        const label = `${path} frame ${frame.number}`;
        const got = recordOf(frame);
        if (!want) return differ(label, got.header, 'no such frame in one thread');
        if (!isDeepStrictEqual(got.header, want.header)) differ(label, got.header, want.header);
        if (!got.data.equals(want.data))
          differ(`${label}: data`, got.data.toString('hex'), want.data.toString('hex'));
        // A record cut by a chunk boundary has a buffer of its own (it travels as an extra).
        if (options.chunkSize !== undefined && frame.data.buffer.byteLength !== options.chunkSize)
          counts.extras++;
        if (read === undefined) return;
        counts.withRead++;
        const readOk = read(readView, readQuotedView, frame);
        const bytesOk = readFrameInto(view, quotedView, frame);
        // Both false: a frame for the dissector (the worker left its slot unread, and its bytes say so too).
        if (readOk !== bytesOk) return differ(`${label}: read`, readOk, bytesOk);
        if (!readOk) return;
        const fields = [slotFieldsOf(readView), slotFieldsOf(readQuotedView)];
        const wantFields = [slotFieldsOf(view), slotFieldsOf(quotedView)];
        if (!isDeepStrictEqual(fields, wantFields)) differ(`${label}: reading`, fields, wantFields);
      },
    }),
  );
  expect(differences, path).toEqual([]);
  expect(workerResult, path).toEqual(oneThreadResult);
  expect(counts.frames, path).toBe(expected.length);
  // A file read to its end was reported read to its end (the last progress report).
  if (workerResult.value) expect(workerProgress, path).toBe(oneThreadProgress);
  return counts;
}

/** Where the synthetic capture's records end: after the file header, each record header and its captured bytes. */
export function recordEnds(bytes: Buffer, limit: number): number[] {
  const ends: number[] = [];
  for (let offset = 24; offset + 16 <= bytes.length && offset < limit;) {
    offset += 16 + bytes.readUInt32LE(offset + 8);
    ends.push(offset);
  }
  return ends;
}
