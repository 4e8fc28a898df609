import type { Frame } from '../model/frame';

/**
 * What every capture-file parser shares: bytes are pushed in as they arrive (a file read
 * as a stream, the capture helper's stdout), frames come out through `onFrame` (or, as bare
 * records, through `onRecord`).
 */
/**
 * A record as where its bytes are: bytes[start, start + capturedLength) of the chunk pushed
 * (or of a copy, for a record cut by a chunk boundary). Only valid during the call.
 */
export type RecordSink = (
  bytes: Uint8Array,
  start: number,
  capturedLength: number,
  originalLength: number,
  seconds: number,
  nanoseconds: number,
  linkType: number,
  interfaceIndex: number,
) => void;

export type CaptureParserOptions = {
  /** Number given to the first frame (default 1), so that several files number in sequence. */
  firstFrameNumber?: number;
} & (
  | {
      /** Called once per record, in file order. `frame.data` is a view: copy it to keep it. */
      onFrame: (frame: Frame) => void;
    }
  | {
      /**
       * Instead of onFrame, for the frame worker: each record with no Frame and no view made
       * (a view per record was a tenth of the worker's time).
       */
      onRecord: RecordSink;
    }
);

/** What a parser hands its records to: onRecord, or onFrame with each record made a numbered Frame. */
export function recordSink(options: CaptureParserOptions): RecordSink {
  if ('onRecord' in options) return options.onRecord;
  const onFrame = options.onFrame;
  let number = options.firstFrameNumber ?? 1;
  return (bytes, start, capturedLength, originalLength, seconds, nanoseconds, linkType, interfaceIndex) =>
    onFrame({
      number: number++,
      seconds,
      nanoseconds,
      capturedLength,
      originalLength,
      linkType,
      interfaceIndex,
      data: bytes.subarray(start, start + capturedLength),
    });
}

export interface CaptureParseSummary {
  /** Frames emitted. */
  frames: number;
  /** Bytes pushed in total. */
  bytes: number;
  /** LINKTYPE_* values met, in order of first appearance. */
  linkTypes: number[];
  /** Things the analyst should know that did not stop the read, e.g. a truncated last record. */
  warnings: string[];
}

export interface CaptureParser {
  /** Feeds the next bytes. Throws CaptureFormatError on corrupt data; earlier frames stay emitted. */
  push(chunk: Uint8Array): void;
  /** Declares the end of the stream. A truncated last record is a warning, not an error. */
  end(): CaptureParseSummary;
  /** Absolute offset of the next byte the parser expects. */
  readonly offset: number;
}

/** libpcap's MAXIMUM_SNAPLEN: no link type we read has records larger than this. */
export const MAXIMUM_SNAPLEN = 262144;
