/**
 * Any frame of the session, fetched from disk on demand: the opened files or the live
 * capture's rolling pcap files, numbered in sequence across them as the analysis numbers
 * them. Binary captures go through a CaptureFileIndex; a tcpdump text log is read again up
 * to the line (text logs are small, and they have no bytes to index).
 */
import { open } from 'node:fs/promises';
import { dissect } from '../../common/decode/dissect';
import type { Frame } from '../../common/model/frame';
import type { DecodedPacket } from '../../common/model/packet';
import { readCaptureFile } from '../files/read-capture';
import { CaptureFileIndex } from './frame-index/capture-file-index';

export type FramePart =
  | { kind: 'indexed'; firstFrame: number; /** null while the file may still grow */ packets: number | null; index: CaptureFileIndex }
  | { kind: 'text'; firstFrame: number; packets: number | null; path: string; date: string | undefined };

export class NoBytesError extends Error {}
const noBytes = 'a tcpdump text log holds no packet bytes: open the original capture (pcap or pcapng) to write packets';

function partOf(parts: readonly FramePart[], frame: number): FramePart | undefined {
  return parts.find((part) => frame >= part.firstFrame && (part.packets === null || frame < part.firstFrame + part.packets));
}

async function readTextPacket(path: string, date: string | undefined, frame: number): Promise<DecodedPacket | undefined> {
  const controller = new AbortController();
  let found: DecodedPacket | undefined;
  const take = (packet: DecodedPacket): void => {
    if (found || packet.frame.number !== frame) return;
    found = packet;
    controller.abort();
  };
  try {
    await readCaptureFile(path, { firstFrameNumber: 1, signal: controller.signal, onPacket: take, onFrame: (read) => take(dissect(read)), ...(date ? { date } : {}) });
  } catch (error) {
    if (!found) throw error;
  }
  return found;
}

export class SessionFrames {
  constructor(readonly parts: () => readonly FramePart[]) {}

  /** The files the frames come from, in frame order; throws NoBytesError when one is a text log. */
  binaryFiles(): string[] {
    return this.parts().map((part) => {
      if (part.kind === 'text') throw new NoBytesError(noBytes);
      return part.index.path;
    });
  }

  async packet(frame: number): Promise<DecodedPacket | undefined> {
    const part = partOf(this.parts(), frame);
    if (!part) return undefined;
    if (part.kind === 'text') return readTextPacket(part.path, part.date, frame - part.firstFrame + 1);
    const read = await part.index.frame(frame - part.firstFrame, frame);
    return read ? dissect(read) : undefined;
  }

  /** The frames with these numbers, in ascending order; throws NoBytesError for text logs. */
  async *frames(numbers: readonly number[]): AsyncGenerator<Frame> {
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    const parts = this.parts();
    let openPart: FramePart | undefined;
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      for (const number of sorted) {
        const part = partOf(parts, number);
        if (!part) continue;
        if (part.kind === 'text') throw new NoBytesError(noBytes);
        if (part !== openPart) {
          await handle?.close();
          await part.index.refresh();
          handle = await open(part.index.path, 'r');
          openPart = part;
        }
        const frame = await part.index.frame(number - part.firstFrame, number, handle);
        if (frame) yield frame;
      }
    } finally {
      await handle?.close();
    }
  }
}
