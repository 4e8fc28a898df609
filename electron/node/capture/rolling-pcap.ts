/**
 * The capture's safety net: every record the helper sends is written through to a pcap
 * file in <dataDirectory>/captures/ as it arrives (writeSync hands the bytes to the kernel
 * at once, so an app crash loses nothing), whole records only, and a new file is started
 * once one reaches the rotation size. Each file is hashed as it is written.
 */
import { createHash, type Hash } from 'node:crypto';
import { close, closeSync, fdatasync, ftruncateSync, mkdirSync, open, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureError } from './capture-error';
import { pcapRecordHeaderLength, type PcapStreamHeader } from './pcap-record-framer';

export const defaultRotateBytes = 100 * 1024 * 1024;

export interface RollingFile {
  path: string;
  packets: number;
  bytes: number;
  /** Of the bytes written so far. */
  sha256: string;
}

export interface RollingPcapOptions {
  dataDirectory: string;
  rotateBytes?: number;
  /** Name stem shared by the session's files: <stem>-<part>.pcap. */
  stem: string;
  /**
   * Told of every run of records once it is written: the file's index (oldest 0), where in
   * the file it starts, and the bytes (the caller's, not a copy). The live analysis reads
   * them from memory this way instead of reading the file back (rolling-tail.ts).
   */
  onAppend?: (fileIndex: number, offset: number, records: Uint8Array) => void;
}

interface OpenFile {
  descriptor: number;
  file: RollingFile;
  hash: Hash;
}

export class RollingPcap {
  readonly folder: string;
  private readonly rotateBytes: number;
  private readonly stem: string;
  private readonly onAppend: RollingPcapOptions['onAppend'];
  private readonly closed: RollingFile[] = [];
  private current: OpenFile | undefined;
  private header: PcapStreamHeader | undefined;
  private finished = false;
  private flushing = false;

  constructor(options: RollingPcapOptions) {
    this.folder = join(options.dataDirectory, 'captures');
    this.rotateBytes = Math.max(options.rotateBytes ?? defaultRotateBytes, 1024);
    this.stem = options.stem;
    this.onAppend = options.onAppend;
  }

  /** The files so far, oldest first; the last one may still be growing (its hash is of what it holds now). */
  get files(): RollingFile[] {
    const files = this.closed.map((file) => ({ ...file }));
    if (this.current) files.push({ ...this.current.file, sha256: this.current.hash.copy().digest('hex') });
    return files;
  }

  /** Path and bytes written of each file, oldest first: cheap, for readers following the files. */
  extents(): { path: string; bytes: number }[] {
    const extents = this.closed.map((file) => ({ path: file.path, bytes: file.bytes }));
    if (this.current) extents.push({ path: this.current.file.path, bytes: this.current.file.bytes });
    return extents;
  }

  /** Opens the first file as soon as the stream header is known, so even an empty capture leaves a pcap. */
  start(header: PcapStreamHeader): void {
    this.header = header;
    if (!this.current && !this.finished) this.open();
  }

  /** Whole records, exactly as the helper sent them; a file is rotated between two records once it reaches the size. */
  write(records: Uint8Array, count: number): void {
    if (this.finished) throw new CaptureError('write-failed', 'the rolling capture file is already closed');
    let rest = records;
    let restCount = count;
    // Bounded: each turn writes at least one record.
    while (rest.length > 0) {
      if (!this.current) this.open();
      if (this.current!.file.bytes >= this.rotateBytes) {
        this.closeCurrent();
        this.open();
      }
      let current = this.current!;
      const room = this.rotateBytes - current.file.bytes;
      let part =
        rest.length <= room
          ? { bytes: rest.length, count: restCount }
          : this.recordsWithin(rest, room, current.file.packets === 0);
      if (part.count === 0) {
        // The next record does not fit: it starts the next file.
        this.closeCurrent();
        current = this.open();
        part = this.recordsWithin(rest, this.rotateBytes - current.file.bytes, true);
      }
      this.append(current, rest.subarray(0, part.bytes), part.count);
      rest = rest.subarray(part.bytes);
      restCount -= part.count;
    }
  }

  /**
   * Asks the kernel to put the data on disk (for power loss; a crash of the app alone loses
   * nothing), without blocking: a flush of a file that has grown by a few hundred MB can
   * take the disk a good part of a second, and the capture's thread must keep reading the
   * pipe meanwhile. The flush goes through a descriptor of its own (fdatasync flushes the
   * file, whichever descriptor asks), so closing or rotating the file meanwhile is safe.
   * One at a time: false when one is still running or no file is open. `done` gets the error, if any.
   */
  flushInBackground(done: (error: CaptureError | undefined) => void): boolean {
    if (!this.current || this.flushing) return false;
    const path = this.current.file.path;
    this.flushing = true;
    const finish = (error: unknown): void => {
      this.flushing = false;
      done(error ? writeError(`cannot flush ${path}`, error) : undefined);
    };
    open(path, 'r', (openError, descriptor) => {
      if (openError) return finish(openError);
      fdatasync(descriptor, (syncError) => close(descriptor, () => finish(syncError)));
    });
    return true;
  }

  /** Closes the last file. Safe to call twice and after a failure. */
  close(): RollingFile[] {
    if (!this.finished) {
      this.finished = true;
      this.closeCurrent();
    }
    return this.closed.map((file) => ({ ...file }));
  }

  private append(current: OpenFile, records: Uint8Array, count: number): void {
    try {
      writeAll(current.descriptor, records, current.file.path);
    } catch (error) {
      // A disk that filled mid-write leaves part of a record: cut it, so the file stays readable.
      try {
        ftruncateSync(current.descriptor, current.file.bytes);
      } catch {
        // The write error is the one to report.
      }
      throw error;
    }
    current.hash.update(records);
    const offset = current.file.bytes;
    current.file.bytes += records.length;
    current.file.packets += count;
    this.onAppend?.(this.closed.length, offset, records);
  }

  /**
   * The leading whole records that fit in `room` bytes. With `atLeastOne` (an empty file) the
   * first record is taken even when bigger, so a record larger than the rotation size still moves on.
   */
  private recordsWithin(
    records: Uint8Array,
    room: number,
    atLeastOne: boolean,
  ): { bytes: number; count: number } {
    const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
    const littleEndian = this.header!.littleEndian;
    let bytes = 0;
    let count = 0;
    while (bytes + pcapRecordHeaderLength <= records.length) {
      const next = bytes + pcapRecordHeaderLength + view.getUint32(bytes + 8, littleEndian);
      if (next > room && !(atLeastOne && count === 0)) break;
      bytes = next;
      count += 1;
    }
    return { bytes, count };
  }

  private open(): OpenFile {
    if (!this.header) throw new CaptureError('bad-stream', 'records arrived before the pcap header');
    // Made when the first file is, so a capture that never starts leaves no folder behind.
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw writeError(`cannot create the capture folder ${this.folder}`, error);
    }
    const part = String(this.closed.length + 1).padStart(3, '0');
    const path = join(this.folder, `${this.stem}-${part}.pcap`);
    let descriptor: number;
    try {
      descriptor = openSync(path, 'wx', 0o600);
    } catch (error) {
      throw writeError(`cannot create ${path}`, error);
    }
    const hash = createHash('sha256');
    const opened: OpenFile = { descriptor, file: { path, packets: 0, bytes: 0, sha256: '' }, hash };
    this.current = opened;
    writeAll(descriptor, this.header.bytes, path);
    hash.update(this.header.bytes);
    opened.file.bytes = this.header.bytes.length;
    return opened;
  }

  private closeCurrent(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    current.file.sha256 = current.hash.digest('hex');
    this.closed.push(current.file);
    try {
      closeSync(current.descriptor);
    } catch (error) {
      throw writeError(`cannot close ${current.file.path}`, error);
    }
  }
}

function writeAll(descriptor: number, bytes: Uint8Array, path: string): void {
  let offset = 0;
  // writeSync may write less than asked (a signal, a pipe); every iteration makes progress or throws.
  while (offset < bytes.length) {
    let written: number;
    try {
      written = writeSync(descriptor, bytes, offset, bytes.length - offset);
    } catch (error) {
      throw writeError(`cannot write ${path}`, error);
    }
    if (written <= 0) throw new CaptureError('write-failed', `cannot write ${path}: no progress`);
    offset += written;
  }
}

function writeError(what: string, error: unknown): CaptureError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CaptureError('write-failed', `${what}: ${reason}`, { cause: error });
}
