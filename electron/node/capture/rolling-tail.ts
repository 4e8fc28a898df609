/**
 * Reads the rolling pcap files back as they grow, in order, as one pcap stream: the first
 * file whole, the later ones without their repeated 24-byte header. The analysis follows
 * the capture this way, so a slow analysis never holds the capture back (the files, not
 * memory, are the queue) and nothing it has not read yet can be lost.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CaptureError } from './capture-error';
import { pcapHeaderLength } from './pcap-record-framer';

export interface FileExtent {
  path: string;
  /** Bytes written so far; only whole records. */
  bytes: number;
}

export class RollingTail {
  private fileIndex = 0;
  private offset = 0;
  private descriptor: number | undefined;

  /** `extents` gives the files and their sizes now, oldest first. */
  constructor(private readonly extents: () => FileExtent[]) {}

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
      if (available > 0) return this.readFrom(extent.path, Math.min(available, limit));
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
