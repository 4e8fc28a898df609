import { createReadStream } from 'node:fs';
import { open as openFile, stat } from 'node:fs/promises';
import type { FrameReader } from '../../common/analysis/frame-reader';
import { CaptureFormatError } from '../../common/capture/capture-format-error';
import { createCaptureParser } from '../../common/capture/create-capture-parser';
import { detectCaptureFormat, DETECTION_LENGTH } from '../../common/capture/detect-format';
import { dayStartSeconds } from '../../common/capture/tcpdump-text';
import { TcpdumpTextReader, type UnreadableLine } from '../../common/capture/tcpdump-text-reader';
import { linkTypeName, type CaptureFormat, type Frame } from '../../common/model/frame';
import type { DecodedPacket } from '../../common/model/packet';
import { createFileHasher, type FileHasher } from './file-hasher';
import { FrameWorkerUnavailable, readWithFrameWorker, type FrameWorkerSummary } from './frame-worker-reader';
import { frameWorkerMinimumBytes, frameWorkerPath, readChunkSize } from './frame-worker-start';

/**
 * Reads a capture file as a stream (1 MiB chunks, never the whole file in memory), hashing
 * it on the way for the report, choosing the reader by the first bytes: pcap and pcapng
 * frames go to `onFrame` (the caller dissects them), tcpdump text packets, already
 * decoded, go to `onPacket`. A big pcap or pcapng file is read, parsed, hashed and pre-read
 * on another thread by the frame worker (frame-worker.ts), with the same frames, numbers,
 * warnings and errors as the one-thread read.
 */

export interface ReadCaptureOptions {
  /** Number of the first frame (default 1). */
  firstFrameNumber?: number;
  /** Date of a text log's undated lines, `YYYY-MM-DD`. */
  date?: string;
  /** Cancels the read; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Each frame of a pcap or pcapng file, only valid during the call: keep a copy of what you
   * keep (the frame worker's reader reuses one ChunkFrame), and copy
   * `frame.data` (a view) to keep the bytes beyond the file's chunk. `read`,
   * when given, is what the frame worker read of the frame: Analyzer.addFrame takes it.
   */
  onFrame?: (frame: Frame, read?: FrameReader) => void;
  /** Each packet of a tcpdump text log. */
  onPacket?: (packet: DecodedPacket) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Read size; default 1 MiB. */
  chunkSize?: number;
  /**
   * pcap and pcapng files of at least this many bytes are read by the frame worker on another
   * thread (default 96 MiB; Infinity: never). Only with `onFrame`, and only for regular files.
   */
  frameWorkerBytes?: number;
}

export interface CaptureFileInfo {
  path: string;
  sha256: string;
  format: CaptureFormat;
  /** libpcap names (EN10MB, LINUX_SLL, ...); RAW for text logs. */
  linkTypes: string[];
  packets: number;
  /** Number given to the file's first packet. */
  firstFrame: number;
  /** Text logs: lines that could not be read (each also in `warnings`, up to 20). */
  unreadable: number;
  unreadableLines?: UnreadableLine[];
  warnings: string[];
  bytes: number;
  /** Earliest and latest packet time, Unix seconds with the fraction. */
  start?: number;
  end?: number;
}

/** One line naming the file and the byte offset; `partial` holds what was read before it. */
export class CaptureFileError extends Error {
  readonly path: string;
  readonly offset: number | undefined;
  readonly partial: CaptureFileInfo | undefined;

  constructor(message: string, path: string, offset?: number, partial?: CaptureFileInfo) {
    super(message);
    this.name = 'CaptureFileError';
    this.path = path;
    this.offset = offset;
    this.partial = partial;
  }
}

/** The first bytes of a file, enough to tell its format. */
async function readHead(path: string): Promise<Uint8Array> {
  const handle = await openFile(path, 'r');
  try {
    const head = new Uint8Array(DETECTION_LENGTH);
    const { bytesRead } = await handle.read(head, 0, DETECTION_LENGTH, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

interface Reader {
  push(chunk: Uint8Array): void;
  finish(): {
    linkTypes: number[];
    warnings: string[];
    unreadable: number;
    unreadableLines?: UnreadableLine[];
  };
}

export async function readCaptureFile(
  path: string,
  options: ReadCaptureOptions = {},
): Promise<CaptureFileInfo> {
  options.signal?.throwIfAborted();
  if (options.date !== undefined) dayStartSeconds(options.date);
  const firstFrame = options.firstFrameNumber ?? 1;
  let totalBytes: number;
  let regularFile: boolean;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new CaptureFileError(`${path}: is a directory, not a capture file`, path);
    totalBytes = stats.size;
    regularFile = stats.isFile();
  } catch (error) {
    throw fileSystemError(path, error);
  }

  // The file hasher serves the one-thread read; the frame worker hashes the chunks it reads itself.
  let hash: FileHasher | undefined;
  let workerSha256: string | undefined;
  let packets = 0;
  let start: number | undefined;
  let end: number | undefined;
  const seen = (seconds: number, nanoseconds: number): void => {
    packets++;
    const time = seconds + nanoseconds / 1e9;
    if (start === undefined || time < start) start = time;
    if (end === undefined || time > end) end = time;
  };
  let format: CaptureFormat | undefined;
  let reader: Reader | undefined;
  const head: Uint8Array[] = [];
  let headLength = 0;
  let bytesRead = 0;

  const partial = (warnings: string[] = []): CaptureFileInfo => ({
    path,
    sha256: '',
    format: format ?? 'pcap',
    linkTypes: [],
    packets,
    firstFrame,
    unreadable: 0,
    warnings,
    bytes: bytesRead,
    ...(start !== undefined ? { start, end } : {}),
  });

  const open = (): Reader => {
    const bytes = concatenate(head, Math.min(headLength, DETECTION_LENGTH));
    const detected = detectCaptureFormat(bytes);
    if (detected.format === 'unknown') {
      throw new CaptureFileError(`${path}: unknown format at byte 0: ${detected.reason}`, path, 0);
    }
    format = detected.format;
    if (detected.format === 'tcpdump-text') {
      const text = new TcpdumpTextReader({
        firstFrameNumber: firstFrame,
        ...(options.date !== undefined ? { date: options.date } : {}),
        onPacket(packet) {
          seen(packet.frame.seconds, packet.frame.nanoseconds);
          options.onPacket?.(packet);
        },
      });
      return {
        push: (chunk) => text.push(chunk),
        finish() {
          const summary = text.end();
          return {
            linkTypes: summary.packets > 0 ? [101] : [],
            warnings: summary.warnings,
            unreadable: summary.unreadable,
            unreadableLines: summary.unreadableLines,
          };
        },
      };
    }
    const binary = createCaptureParser(detected.format, {
      firstFrameNumber: firstFrame,
      onFrame(frame) {
        seen(frame.seconds, frame.nanoseconds);
        options.onFrame?.(frame);
      },
    });
    return {
      push: (chunk) => binary.push(chunk),
      finish() {
        const summary = binary.end();
        return { linkTypes: summary.linkTypes, warnings: summary.warnings, unreadable: 0 };
      },
    };
  };

  let stream: ReturnType<typeof createReadStream> | undefined;
  const readStream = async (): Promise<ReturnType<Reader['finish']>> => {
    hash = createFileHasher(path, totalBytes, regularFile);
    stream = createReadStream(path, {
      highWaterMark: options.chunkSize ?? readChunkSize,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytesRead += chunk.length;
      if (reader) {
        reader.push(chunk);
      } else {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength >= DETECTION_LENGTH) {
          reader = open();
          for (const piece of head.splice(0)) reader.push(piece);
        }
      }
      options.onProgress?.(bytesRead, totalBytes);
    }
    if (!reader) {
      reader = open();
      for (const piece of head.splice(0)) reader.push(piece);
    }
    return reader.finish();
  };

  // A big pcap or pcapng file is read and parsed by the frame worker on another core while
  // this thread analyses (frame-worker.ts); the frames and the errors are the same.
  const readThroughWorker = async (workerPath: string): Promise<ReturnType<Reader['finish']> | undefined> => {
    const detected = detectCaptureFormat(await readHead(path));
    if (detected.format !== 'pcap' && detected.format !== 'pcapng') return undefined;
    format = detected.format;
    let summary: FrameWorkerSummary;
    try {
      summary = await readWithFrameWorker({
        path,
        format: detected.format,
        workerPath,
        firstFrameNumber: firstFrame,
        chunkSize: options.chunkSize ?? readChunkSize,
        ...(options.signal ? { signal: options.signal } : {}),
        onChunk(chunk, frames, earliest, latest) {
          bytesRead += chunk.length;
          if (frames > 0) {
            packets += frames;
            if (start === undefined || earliest < start) start = earliest;
            if (end === undefined || latest > end) end = latest;
          }
          options.onProgress?.(bytesRead, totalBytes);
        },
        onFrame: options.onFrame!,
      });
    } catch (error) {
      // Nothing was handed on yet: the one-thread read does the whole file instead.
      if (error instanceof FrameWorkerUnavailable) return undefined;
      throw error;
    }
    workerSha256 = summary.sha256;
    return { linkTypes: summary.linkTypes, warnings: summary.warnings, unreadable: 0 };
  };

  try {
    const workerPath =
      regularFile && options.onFrame && totalBytes >= (options.frameWorkerBytes ?? frameWorkerMinimumBytes)
        ? frameWorkerPath()
        : undefined;
    const summary =
      (workerPath !== undefined ? await readThroughWorker(workerPath) : undefined) ?? (await readStream());
    options.onProgress?.(bytesRead, totalBytes);
    const info: CaptureFileInfo = {
      path,
      sha256: workerSha256 ?? (await hash!.digest()),
      format: format!,
      linkTypes: summary.linkTypes.map(linkTypeName),
      packets,
      firstFrame,
      unreadable: summary.unreadable,
      warnings: summary.warnings,
      bytes: bytesRead,
    };
    if (summary.unreadableLines) info.unreadableLines = summary.unreadableLines;
    if (start !== undefined && end !== undefined) {
      info.start = start;
      info.end = end;
    }
    return info;
  } catch (error) {
    stream?.destroy();
    hash?.dispose();
    if (error instanceof CaptureFileError) throw error;
    if (error instanceof CaptureFormatError) {
      const what = format === 'pcapng' ? 'corrupt pcapng file' : 'corrupt pcap file';
      throw new CaptureFileError(`${path}: ${what}: ${error.message}`, path, error.offset, partial());
    }
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    if (isSystemError(error)) throw fileSystemError(path, error);
    // A callback's own error (the dissector, the analyser): theirs to explain.
    throw error;
  }
}

/** Reads several files in turn, numbering their frames as one sequence. */
export async function readCaptureFiles(
  paths: readonly string[],
  options: ReadCaptureOptions = {},
): Promise<CaptureFileInfo[]> {
  const sizes: number[] = [];
  for (const path of paths) {
    try {
      sizes.push((await stat(path)).size);
    } catch (error) {
      throw fileSystemError(path, error);
    }
  }
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const infos: CaptureFileInfo[] = [];
  let nextFrame = options.firstFrameNumber ?? 1;
  let doneBytes = 0;
  for (const [index, path] of paths.entries()) {
    const before = doneBytes;
    const info = await readCaptureFile(path, {
      ...options,
      firstFrameNumber: nextFrame,
      ...(options.onProgress
        ? { onProgress: (bytesRead: number) => options.onProgress!(before + bytesRead, totalBytes) }
        : {}),
    });
    infos.push(info);
    nextFrame += info.packets;
    doneBytes += sizes[index]!;
  }
  return infos;
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function fileSystemError(path: string, error: unknown): Error {
  if (error instanceof CaptureFileError) return error;
  if (!isSystemError(error)) return error instanceof Error ? error : new Error(String(error));
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'is a directory, not a capture file',
    EMFILE: 'too many open files',
  };
  const reason = reasons[error.code ?? ''] ?? error.message;
  return new CaptureFileError(`${path}: cannot read: ${reason}`, path);
}

function concatenate(chunks: Uint8Array[], limit: number): Uint8Array {
  const bytes = new Uint8Array(limit);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= limit) break;
    const take = Math.min(chunk.length, limit - offset);
    bytes.set(chunk.subarray(0, take), offset);
    offset += take;
  }
  return bytes;
}
