// Reading the rolling files back as one pcap stream while they are written and rotated:
// what the analysis follows in a live capture.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PcapParser } from '../../electron/common/capture/pcap-parser';
import { pcapFileHeader, writePcapRecordHeader } from '../../electron/common/capture/pcap-writer';
import { PcapRecordFramer } from '../../electron/node/capture/pcap-record-framer';
import { RollingPcap } from '../../electron/node/capture/rolling-pcap';
import { RollingTail } from '../../electron/node/capture/rolling-tail';

/** Record i: 50 + (i % 30) bytes of value i, time stamp 1_700_000_000 + i. */
function record(index: number): Uint8Array {
  const data = new Uint8Array(50 + (index % 30)).fill(index & 0xff);
  const bytes = new Uint8Array(16 + data.length);
  writePcapRecordHeader(
    bytes,
    0,
    { seconds: 1_700_000_000 + index, nanoseconds: 0, data },
    { nanosecond: true },
  );
  bytes.set(data, 16);
  return bytes;
}

describe('RollingTail', () => {
  let folder = '';
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'nm-tail-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('follows the files as they are written and rotated: every record once, in order, one header', () => {
    const rolling = new RollingPcap({ dataDirectory: folder, rotateBytes: 1024, stem: 'tail' });
    const framer = new PcapRecordFramer();
    framer.push(pcapFileHeader({ linkType: 1, nanosecond: true }));
    rolling.start(framer.header!);
    const tail = new RollingTail(() => rolling.extents());
    const seconds: number[] = [];
    const parser = new PcapParser({ onFrame: (frame) => seconds.push(frame.seconds - 1_700_000_000) });
    let written = 0;
    // Write a few records, read some back, in rounds: the reader often catches up with the writer.
    for (let round = 0; round < 40; round++) {
      for (let count = 0; count < (round % 5) + 1; count++) {
        rolling.write(record(written), 1);
        written += 1;
      }
      for (let reads = 0; reads < round % 3; reads++) {
        const chunk = tail.read(37);
        if (chunk) parser.push(chunk);
      }
    }
    rolling.close();
    // Bounded: the stream is finite and each read moves on.
    for (let chunk = tail.read(100); chunk; chunk = tail.read(100)) parser.push(chunk);
    expect(tail.behind()).toBe(0);
    expect(rolling.extents().length).toBeGreaterThan(3);
    expect(parser.end().warnings).toEqual([]);
    expect(seconds).toEqual(Array.from({ length: written }, (_, index) => index));
    tail.close();
  });

  it('reads what was just written from memory, and a backlog that fell out of memory from the files', () => {
    const memoryBytes = 600;
    // The tail asks for the extents only when read, after `rolling` exists.
    const tail: RollingTail = new RollingTail(() => rolling.extents(), { memoryBytes });
    const rolling = new RollingPcap({
      dataDirectory: folder,
      rotateBytes: 1024,
      stem: 'memory',
      onAppend: (fileIndex, offset, records) => tail.remember(fileIndex, offset, records),
    });
    const framer = new PcapRecordFramer();
    framer.push(pcapFileHeader({ linkType: 1, nanosecond: true }));
    rolling.start(framer.header!);
    const reference = new RollingTail(() => rolling.extents(), { memoryBytes: 0 });
    // Runs written from memory are the very arrays handed over; those read from a file are not.
    const handedOver = new Set<ArrayBufferLike>();
    const seconds: number[] = [];
    const parser = new PcapParser({ onFrame: (frame) => seconds.push(frame.seconds - 1_700_000_000) });
    const streamed: number[] = [];
    const expected: number[] = [];
    let fromMemory = 0;
    let fromFiles = 0;
    let written = 0;
    // Rounds of writes in runs of a few records, and reads that sometimes keep up and
    // sometimes fall more than `memoryBytes` behind; the files rotate every 1024 bytes.
    for (let round = 0; round < 60; round++) {
      const records = Array.from({ length: (round % 4) + 1 }, (_, index) => record(written + index));
      const run = new Uint8Array(records.reduce((sum, bytes) => sum + bytes.length, 0));
      let at = 0;
      for (const bytes of records) {
        run.set(bytes, at);
        at += bytes.length;
      }
      handedOver.add(run.buffer);
      rolling.write(run, records.length);
      written += records.length;
      const reads = round % 10 < 6 ? 20 : 0;
      for (let turn = 0; turn < reads; turn++) {
        const chunk = tail.read(round % 2 === 0 ? 100 : 1 << 16);
        if (!chunk) break;
        if (handedOver.has(chunk.buffer)) fromMemory += 1;
        else fromFiles += 1;
        streamed.push(...chunk);
        parser.push(chunk);
      }
    }
    rolling.close();
    for (let chunk = tail.read(100); chunk; chunk = tail.read(100)) {
      streamed.push(...chunk);
      parser.push(chunk);
    }
    for (let chunk = reference.read(1 << 16); chunk; chunk = reference.read(1 << 16)) expected.push(...chunk);
    expect(fromMemory).toBeGreaterThan(10);
    expect(fromFiles).toBeGreaterThan(5);
    expect(streamed).toEqual(expected);
    expect(parser.end().warnings).toEqual([]);
    expect(seconds).toEqual(Array.from({ length: written }, (_, index) => index));
    expect(tail.behind()).toBe(0);
    tail.close();
    reference.close();
  });

  it('says when it has read all there is, and how far behind it is', () => {
    const rolling = new RollingPcap({ dataDirectory: folder, stem: 'idle' });
    const tail = new RollingTail(() => rolling.extents());
    expect(tail.read(100)).toBeUndefined();
    const framer = new PcapRecordFramer();
    framer.push(pcapFileHeader({ linkType: 1, nanosecond: true }));
    rolling.start(framer.header!);
    rolling.write(record(0), 1);
    expect(tail.behind()).toBe(24 + record(0).length);
    expect(tail.read(1 << 20)!.length).toBe(24 + record(0).length);
    expect(tail.read(1 << 20)).toBeUndefined();
    expect(tail.behind()).toBe(0);
    rolling.close();
    tail.close();
  });
});
