import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PcapParser } from '../../electron/common/capture/pcap-parser';
import { pcapFile } from '../../electron/common/capture/pcap-writer';
import type { Frame } from '../../electron/common/model/frame';
import { readCaptureFile } from '../../electron/node/files/read-capture';
import { PcapFileWriter, writePcapFile } from '../../electron/node/files/write-pcap';
import { collect } from './fixtures/collect';
import { scenarioRecords } from './fixtures/scenario-packets';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'netmortem-writer-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function framesOf(path: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  await readCaptureFile(path, { onFrame: (frame) => frames.push({ ...frame, data: frame.data.slice() }) });
  return frames;
}

describe('pcap writing', () => {
  it('round-trips frames through the in-memory writer, micro- and nanosecond', () => {
    for (const nanosecond of [false, true]) {
      const records = [
        ...scenarioRecords,
        { seconds: 1795613090, nanoseconds: 123_456_789, data: Uint8Array.of(0x45) },
      ];
      const { frames } = collect(
        (options) => new PcapParser(options),
        [pcapFile({ linkType: 101, nanosecond }, records)],
      );
      expect(frames.map((frame) => [frame.seconds, frame.nanoseconds, [...frame.data]])).toEqual(
        // Microseconds are truncated, never rounded.
        records.map((record) => [
          record.seconds,
          nanosecond ? record.nanoseconds : Math.floor(record.nanoseconds / 1000) * 1000,
          [...record.data],
        ]),
      );
    }
  });

  it('round-trips through the streaming file writer: what is read back equals what was written', async () => {
    const path = join(folder, 'saved.pcap');
    const original = await framesOf(await writeFixture());
    const result = await writePcapFile(path, original, { linkType: 101, nanosecond: true });
    expect(result).toEqual({ path, records: 4, bytes: 24 + 4 * 16 + 67 + 95 + 77 + 125 });
    expect(await framesOf(path)).toEqual(original);
  });

  it('batches many records, and writes records larger than its buffer', async () => {
    const path = join(folder, 'many.pcap');
    const writer = await PcapFileWriter.create(path, { linkType: 1, bufferSize: 4096, atomic: false });
    const big = new Uint8Array(10_000).map((_, index) => index & 0xff);
    for (let index = 0; index < 1000; index++) {
      await writer.write({
        seconds: index,
        nanoseconds: 0,
        data: index === 500 ? big : Uint8Array.of(index & 0xff, 1, 2),
      });
    }
    await writer.flush({ sync: true });
    await writer.close();
    const frames = await framesOf(path);
    expect(frames).toHaveLength(1000);
    expect(Buffer.compare(frames[500]!.data, big)).toBe(0);
    expect([...frames[999]!.data]).toEqual([999 & 0xff, 1, 2]);
    expect(frames.every((frame, index) => frame.seconds === index)).toBe(true);
  });

  it('cuts records at the snap length and keeps their original length', async () => {
    const path = join(folder, 'snapped.pcap');
    await writePcapFile(path, [{ seconds: 1, nanoseconds: 0, data: new Uint8Array(100) }], {
      linkType: 1,
      snaplen: 64,
    });
    const [frame] = await framesOf(path);
    expect([frame!.capturedLength, frame!.originalLength]).toEqual([64, 100]);
  });

  it('writes an export atomically: nothing under the name until close, nothing left on abort', async () => {
    const path = join(folder, 'export.pcap');
    await writeFile(path, 'the previous export');
    const writer = await PcapFileWriter.create(path, { linkType: 101 });
    await writer.write(scenarioRecords[0]!);
    await writer.flush();
    expect(await readFile(path, 'utf8')).toBe('the previous export');
    await writer.abort();
    expect(await readdir(folder)).toEqual(['export.pcap']);
    expect(await readFile(path, 'utf8')).toBe('the previous export');

    const second = await PcapFileWriter.create(path, { linkType: 101 });
    await second.write(scenarioRecords[0]!);
    await second.close();
    expect(await readdir(folder)).toEqual(['export.pcap']);
    expect(await framesOf(path)).toHaveLength(1);
  });

  it('leaves no temporary file when the records fail mid-way', async () => {
    const path = join(folder, 'failed.pcap');
    async function* records() {
      yield scenarioRecords[0]!;
      throw new Error('capture stopped');
    }
    await expect(writePcapFile(path, records(), { linkType: 101 })).rejects.toThrow('capture stopped');
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses writes after close', async () => {
    const writer = await PcapFileWriter.create(join(folder, 'closed.pcap'), { linkType: 1 });
    await writer.close();
    expect(() => writer.write(scenarioRecords[0]!)).toThrow(/is closed/);
  });
});

async function writeFixture(): Promise<string> {
  const path = join(folder, 'fixture.pcap');
  await writeFile(path, pcapFile({ linkType: 101, nanosecond: true }, scenarioRecords));
  return path;
}
