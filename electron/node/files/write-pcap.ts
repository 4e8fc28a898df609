import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MAXIMUM_SNAPLEN } from '../../common/capture/capture-parser';
import { PCAP_RECORD_HEADER_LENGTH } from '../../common/capture/pcap-parser';
import {
  pcapFileHeader,
  writePcapRecordHeader,
  type PcapFileHeaderOptions,
  type PcapRecordInput,
} from '../../common/capture/pcap-writer';

/**
 * A pcap file written as a stream: "save capture as pcap", exporting a slice of frames,
 * and the live capture's rolling files. Records are batched into 1 MiB writes. An export
 * is atomic (a temporary file in the same folder, fsync, then rename), so a crash or a
 * cancel never leaves half a file under the name the analyst chose; a rolling capture
 * file is written in place (`atomic: false`) and can be `flush({ sync: true })`ed.
 */

export interface PcapFileWriterOptions extends PcapFileHeaderOptions {
  /** Default true: write to a temporary file and rename it on close. */
  atomic?: boolean;
  /** Bytes gathered before a write; default 1 MiB. */
  bufferSize?: number;
}

export interface PcapWriteResult {
  path: string;
  records: number;
  bytes: number;
}

const DEFAULT_BUFFER_SIZE = 1 << 20;

export class PcapFileWriter {
  private buffer: Uint8Array;
  private filled = 0;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private closed = false;
  private recordCount = 0;
  private byteCount = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly temporaryPath: string | undefined,
    private readonly options: PcapFileWriterOptions,
  ) {
    this.buffer = new Uint8Array(options.bufferSize ?? DEFAULT_BUFFER_SIZE);
  }

  /** Creates (or truncates) the file and writes the pcap file header. */
  static async create(path: string, options: PcapFileWriterOptions): Promise<PcapFileWriter> {
    const atomic = options.atomic ?? true;
    const temporaryPath = atomic
      ? join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
      : undefined;
    const handle = await open(temporaryPath ?? path, 'w');
    const writer = new PcapFileWriter(handle, path, temporaryPath, options);
    writer.append(pcapFileHeader(options));
    return writer;
  }

  get records(): number {
    return this.recordCount;
  }

  /** Bytes written or buffered, header included. */
  get bytes(): number {
    return this.byteCount;
  }

  /**
   * Adds one record. Bytes past the snap length are cut, as a capture would have cut them.
   * Await the promise to respect back-pressure: it settles once earlier writes are done
   * when a batch had to be written, at once otherwise.
   */
  write(record: PcapRecordInput): Promise<void> {
    this.assertOpen();
    const snaplen = this.options.snaplen ?? MAXIMUM_SNAPLEN;
    const data = record.data.length > snaplen ? record.data.subarray(0, snaplen) : record.data;
    const length = PCAP_RECORD_HEADER_LENGTH + data.length;
    let pending: Promise<void> | undefined;
    if (this.filled + length > this.buffer.length) pending = this.startWrite();
    if (length > this.buffer.length) {
      const bytes = new Uint8Array(length);
      writePcapRecordHeader(
        bytes,
        0,
        { ...record, data, originalLength: record.originalLength ?? record.data.length },
        this.options,
      );
      bytes.set(data, PCAP_RECORD_HEADER_LENGTH);
      pending = this.enqueue(bytes);
    } else {
      writePcapRecordHeader(
        this.buffer,
        this.filled,
        { ...record, data, originalLength: record.originalLength ?? record.data.length },
        this.options,
      );
      this.buffer.set(data, this.filled + PCAP_RECORD_HEADER_LENGTH);
      this.filled += length;
    }
    this.recordCount++;
    this.byteCount += length;
    return pending ?? Promise.resolve();
  }

  /** Writes what is buffered; `sync` also asks the kernel to put it on disk (fdatasync). */
  async flush(options: { sync?: boolean } = {}): Promise<void> {
    this.assertOpen();
    await this.startWrite();
    if (options.sync) await this.handle.datasync();
  }

  /** Writes the rest, syncs, closes, and for an atomic writer renames into place. */
  async close(): Promise<PcapWriteResult> {
    this.assertOpen();
    this.closed = true;
    try {
      await this.startWrite();
      await this.handle.sync();
    } catch (error) {
      await this.handle.close().catch(() => undefined);
      if (this.temporaryPath) await unlink(this.temporaryPath).catch(() => undefined);
      throw error;
    }
    await this.handle.close();
    if (this.temporaryPath) await rename(this.temporaryPath, this.path);
    return { path: this.path, records: this.recordCount, bytes: this.byteCount };
  }

  /** Gives up: closes, and removes the temporary file of an atomic writer. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    if (this.temporaryPath) await unlink(this.temporaryPath).catch(() => undefined);
  }

  private append(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.filled);
    this.filled += bytes.length;
    this.byteCount += bytes.length;
  }

  /** Hands the filled part of the buffer to the write queue and starts a fresh buffer. */
  private startWrite(): Promise<void> {
    if (this.filled > 0) {
      const bytes = this.buffer.subarray(0, this.filled);
      this.buffer = new Uint8Array(this.buffer.length);
      this.filled = 0;
      return this.enqueue(bytes);
    }
    return this.writing.then(() => this.rethrow());
  }

  /** Writes run one after the other, in order; the first failure fails every later call. */
  private enqueue(bytes: Uint8Array): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.failure !== undefined) return;
      try {
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
          offset += bytesWritten;
        }
      } catch (error) {
        this.failure = error;
      }
    });
    return this.writing.then(() => this.rethrow());
  }

  private rethrow(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`pcap writer for ${this.path} is closed`);
    this.rethrow();
  }
}

/** Writes a whole pcap file from records (an export): atomic unless asked otherwise. */
export async function writePcapFile(
  path: string,
  records: Iterable<PcapRecordInput> | AsyncIterable<PcapRecordInput>,
  options: PcapFileWriterOptions,
): Promise<PcapWriteResult> {
  const writer = await PcapFileWriter.create(path, options);
  try {
    for await (const record of records) await writer.write(record);
    return await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
