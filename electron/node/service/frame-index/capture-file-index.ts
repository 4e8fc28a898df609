/**
 * Where each frame of one pcap or pcapng file lies, so that the details pane and the pcap
 * exports fetch a frame's bytes with one read instead of keeping packets in memory. Built
 * lazily on first use and extended on each later use, so it also follows a capture file
 * that is still growing (the live capture's rolling pcap).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createCaptureParser } from '../../../common/capture/create-capture-parser';
import type { Frame } from '../../../common/model/frame';
import { GrowableFloat64, GrowableUint32 } from './growable-array';
import { PcapngRecordScanner, PcapRecordScanner, type RecordScanner } from './record-scanner';

const chunkBytes = 4 * 1024 * 1024;

export class CaptureFileIndex {
  private readonly scanner: RecordScanner;
  private readonly offsets = new GrowableFloat64();
  private readonly lengths = new GrowableUint32();
  private readonly preambles = new GrowableUint32();
  private scanned = 0;
  private stopped: string | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    readonly path: string,
    readonly format: 'pcap' | 'pcapng',
  ) {
    this.scanner = format === 'pcap' ? new PcapRecordScanner() : new PcapngRecordScanner();
  }

  /** Frames indexed so far. */
  get count(): number {
    return this.offsets.length;
  }

  /** Indexes what the file gained since the last call (one at a time). */
  refresh(): Promise<void> {
    this.refreshing ??= this.scan().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async scan(): Promise<void> {
    if (this.stopped) return;
    const handle = await open(this.path, 'r');
    try {
      const size = (await handle.stat()).size;
      let buffer = new Uint8Array(chunkBytes);
      while (this.scanned < size) {
        const { bytesRead } = await handle.read(
          buffer,
          0,
          Math.min(buffer.length, size - this.scanned),
          this.scanned,
        );
        if (bytesRead === 0) break;
        const result = this.scanner.scan(buffer.subarray(0, bytesRead), this.scanned, (record, preamble) => {
          this.offsets.push(record.offset);
          this.lengths.push(record.length);
          this.preambles.push(preamble);
        });
        this.scanned += result.consumed;
        if (result.stopped) {
          this.stopped = result.stopped;
          return;
        }
        if (result.consumed === 0) {
          // One unit bigger than the buffer, or cut at the end of a file still being written.
          if (
            result.minimumRead &&
            result.minimumRead > buffer.length &&
            this.scanned + result.minimumRead <= size
          )
            buffer = new Uint8Array(result.minimumRead);
          else return;
        }
      }
    } finally {
      await handle.close();
    }
  }

  /** The `local`-th frame of this file (0-based), numbered `number`; undefined past the end. */
  async frame(local: number, number: number, handle?: FileHandle): Promise<Frame | undefined> {
    if (local >= this.count) await this.refresh();
    const offset = this.offsets.get(local);
    const length = this.lengths.get(local);
    if (offset === undefined || length === undefined) return undefined;
    const record = new Uint8Array(length);
    const reader = handle ?? (await open(this.path, 'r'));
    try {
      await reader.read(record, 0, length, offset);
    } finally {
      if (!handle) await reader.close();
    }
    let found: Frame | undefined;
    const parser = createCaptureParser(this.format, {
      firstFrameNumber: number,
      onFrame: (frame) => {
        found = frame;
      },
    });
    parser.push(this.scanner.preamble(this.preambles.get(local) ?? 0));
    parser.push(record);
    return found;
  }
}
