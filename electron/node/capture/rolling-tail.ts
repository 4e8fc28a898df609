/**
 * Reads the rolling pcap files back as they grow, in order, as one pcap stream: the first
 * file whole, the later ones without their repeated 24-byte header. The analysis follows
 * the capture this way, so a slow analysis never holds the capture back (the files, not
 * memory, are the queue) and nothing it has not read yet can be lost.
 *
 * Reading back what was just written costs a system call, a fresh buffer and a copy per
 * read, for bytes the writer held a moment ago: so the writer hands the tail each run of
 * records it wrote (`remember`), and while the reader keeps up it reads them from memory.
 * That memory is bounded; what falls out of it (a backlog) is read from the files.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CaptureError } from './capture-error';
import { pcapHeaderLength } from './pcap-record-framer';

export interface FileExtent {
  path: string;
  /** Bytes written so far; only whole records. */
  bytes: number;
}

export interface RollingTailOptions {
  /** The most bytes of written records held in memory for the reader; the rest is read from the files. */
  memoryBytes?: number;
}

/** A run of records as written: which file, where in it, the bytes. */
interface Written {
  fileIndex: number;
  offset: number;
  bytes: Uint8Array;
}

const defaultMemoryBytes = 16 * 1024 * 1024;
/** Bounds the runs held too: each may keep a whole pipe read's buffer alive, however few bytes it holds. */
const maximumWrittenRuns = 2048;

export class RollingTail {
  private fileIndex = 0;
  private offset = 0;
  private descriptor: number | undefined;
  private readonly memoryBytes: number;
  /** Runs not read yet, oldest first, from `writtenHead` on. */
  private written: (Written | undefined)[] = [];
  private writtenHead = 0;
  private writtenBytes = 0;

  /** `extents` gives the files and their sizes now, oldest first. */
  constructor(
    private readonly extents: () => FileExtent[],
    options: RollingTailOptions = {},
  ) {
    this.memoryBytes = options.memoryBytes ?? defaultMemoryBytes;
  }

  /**
   * Records just written to file `fileIndex` at `offset` (they must not change afterwards):
   * read from here rather than from the file. The oldest runs are forgotten beyond the bound.
   */
  remember(fileIndex: number, offset: number, bytes: Uint8Array): void {
    if (bytes.length === 0 || bytes.length > this.memoryBytes) return;
    this.written.push({ fileIndex, offset, bytes });
    this.writtenBytes += bytes.length;
    // Bounded: each turn forgets one run.
    while (
      this.writtenBytes > this.memoryBytes ||
      this.written.length - this.writtenHead > maximumWrittenRuns
    )
      this.forgetOldest();
  }

  /** Bytes written but not read yet. */
  behind(): number {
    let bytes = 0;
    for (const [index, extent] of this.extents().entries()) {
      if (index < this.fileIndex) continue;
      const start = index === this.fileIndex ? this.offset : index === 0 ? 0 : pcapHeaderLength;
      bytes += Math.max(0, extent.bytes - start);
    }
    return bytes;
  }

  /** The next bytes, at most `limit` of them, or undefined when everything written has been read. */
  read(limit: number): Uint8Array | undefined {
    const extents = this.extents();
    // Bounded: each turn either reads or moves to a later file.
    for (let turns = extents.length + 1; turns > 0; turns -= 1) {
      const extent = extents[this.fileIndex];
      if (!extent) return undefined;
      if (this.fileIndex > 0 && this.offset === 0) this.offset = pcapHeaderLength;
      const available = extent.bytes - this.offset;
      if (available > 0)
        return (
          this.readMemory(limit) ?? this.readFrom(extent.path, Math.min(available, limit, this.untilMemory()))
        );
      // A file is finished once a later one exists: move on to it.
      if (this.fileIndex + 1 >= extents.length) return undefined;
      this.closeDescriptor();
      this.fileIndex += 1;
      this.offset = 0;
    }
    return undefined;
  }

  close(): void {
    this.closeDescriptor();
    this.written = [];
    this.writtenHead = 0;
    this.writtenBytes = 0;
  }

  /** The next bytes from memory, when the run holding them is still there. */
  private readMemory(limit: number): Uint8Array | undefined {
    // Bounded: each turn forgets one run.
    while (this.writtenHead < this.written.length) {
      const run = this.written[this.writtenHead]!;
      const end = run.offset + run.bytes.length;
      // Already read (from the file, after it fell out of memory or before it was remembered).
      if (run.fileIndex < this.fileIndex || (run.fileIndex === this.fileIndex && end <= this.offset)) {
        this.forgetOldest();
        continue;
      }
      if (run.fileIndex !== this.fileIndex || run.offset > this.offset) return undefined;
      const start = this.offset - run.offset;
      const length = Math.min(run.bytes.length - start, limit);
      this.offset += length;
      if (start + length === run.bytes.length) this.forgetOldest();
      return run.bytes.subarray(start, start + length);
    }
    return undefined;
  }

  /** Bytes from here to the next run held in memory in this file (it follows a backlog read from the file). */
  private untilMemory(): number {
    const run = this.written[this.writtenHead];
    return run && run.fileIndex === this.fileIndex ? run.offset - this.offset : Number.POSITIVE_INFINITY;
  }

  private forgetOldest(): void {
    const run = this.written[this.writtenHead];
    if (!run) return;
    this.written[this.writtenHead] = undefined;
    this.writtenHead += 1;
    this.writtenBytes -= run.bytes.length;
    // Compact now and then, so the array does not grow with the capture.
    if (this.writtenHead >= 1024 && this.writtenHead * 2 >= this.written.length) {
      this.written = this.written.slice(this.writtenHead);
      this.writtenHead = 0;
    }
  }

  private readFrom(path: string, length: number): Uint8Array {
    try {
      this.descriptor ??= openSync(path, 'r');
      // A fresh buffer each time: frames handed to the analysis are views into it.
      const buffer = Buffer.allocUnsafe(length);
      let filled = 0;
      // Bounded by `length`: every read makes progress or the file is shorter than written.
      while (filled < length) {
        const read = readSync(this.descriptor, buffer, filled, length - filled, this.offset + filled);
        if (read <= 0)
          throw new Error(
            `the file ends at byte ${this.offset + filled}, before the ${this.offset + length} written`,
          );
        filled += read;
      }
      this.offset += length;
      return buffer;
    } catch (error) {
      throw new CaptureError(
        'write-failed',
        `cannot read the capture back from ${path}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private closeDescriptor(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
  }
}
