import type { Frame } from '../model/frame';

/**
 * What every capture-file parser shares: bytes are pushed in as they arrive (a file read
 * as a stream, the capture helper's stdout), frames come out through `onFrame`.
 */
export interface CaptureParserOptions {
  /** Called once per record, in file order. `frame.data` is a view: copy it to keep it. */
  onFrame: (frame: Frame) => void;
  /** Number given to the first frame (default 1), so that several files number in sequence. */
  firstFrameNumber?: number;
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
