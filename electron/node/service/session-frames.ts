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
  | {
      kind: 'indexed';
      firstFrame: number;
      /** null while the file may still grow */ packets: number | null;
      index: CaptureFileIndex;
    }
  | { kind: 'text'; firstFrame: number; packets: number | null; path: string; date: string | undefined };

export class NoBytesError extends Error {}
const noBytes =
  'a tcpdump text log holds no packet bytes: open the original capture (pcap or pcapng) to write packets';

function partOf(parts: readonly FramePart[], frame: number): FramePart | undefined {
  return parts.find(
    (part) => frame >= part.firstFrame && (part.packets === null || frame < part.firstFrame + part.packets),
  );
}

/** The packets of one text log (its first packet numbered `firstFrame`) with these frame numbers, in one pass. */
async function readTextPackets(
  path: string,
  date: string | undefined,
  firstFrame: number,
  wanted: ReadonlySet<number>,
): Promise<DecodedPacket[]> {
  const controller = new AbortController();
  const found: DecodedPacket[] = [];
  const last = Math.max(...wanted);
  const take = (packet: DecodedPacket): void => {
    if (controller.signal.aborted) return;
    if (wanted.has(packet.frame.number)) found.push(packet);
    if (packet.frame.number >= last) controller.abort();
  };
  try {
    await readCaptureFile(path, {
      firstFrameNumber: firstFrame,
      signal: controller.signal,
      onPacket: take,
      onFrame: (read) => take(dissect(read)),
      ...(date ? { date } : {}),
    });
  } catch (error) {
    if (!controller.signal.aborted) throw error;
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
    // Numbered in the session, as the events table numbers it; its origin still names its own file's line.
    if (part.kind === 'text')
      return (await readTextPackets(part.path, part.date, part.firstFrame, new Set([frame])))[0];
    const read = await part.index.frame(frame - part.firstFrame, frame);
    return read ? dissect(read) : undefined;
  }

  /**
   * The decoded packets with these numbers, in ascending order, from binary captures and text
   * logs alike (a text log is read once per call, up to the last frame asked); frames the
   * session does not hold are skipped.
   */
  async *packets(numbers: readonly number[]): AsyncGenerator<DecodedPacket> {
    const parts = this.parts();
    // Runs of frames in one part each, in frame order.
    const runs: { part: FramePart; numbers: number[] }[] = [];
    for (const number of [...new Set(numbers)].sort((a, b) => a - b)) {
      const part = partOf(parts, number);
      if (!part) continue;
      const last = runs[runs.length - 1];
      if (last?.part === part) last.numbers.push(number);
      else runs.push({ part, numbers: [number] });
    }
    for (const { part, numbers: run } of runs) {
      if (part.kind === 'text')
        yield* await readTextPackets(part.path, part.date, part.firstFrame, new Set(run));
      else for await (const frame of this.frames(run)) yield dissect(frame);
    }
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
