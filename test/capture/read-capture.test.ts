import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pcapFile, pcapFileHeader, pcapRecord } from '../../electron/common/capture/pcap-writer';
import type { Frame } from '../../electron/common/model/frame';
import type { DecodedPacket } from '../../electron/common/model/packet';
import { CaptureFileError, readCaptureFile, readCaptureFiles } from '../../electron/node/files/read-capture';
import { repoRoot } from './fixtures/corpus';
import { concatenate, hex } from './fixtures/hex';
import { pcapngFixture } from './fixtures/pcapng-fixture';
import { scenarioRecords } from './fixtures/scenario-packets';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'netmortem-read-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function file(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, bytes);
  return path;
}

const fixturePcap = pcapFile({ linkType: 101 }, scenarioRecords);

describe('reading a capture file as a stream', () => {
  it('reads a pcap, hashing it and describing it', async () => {
    const path = await file('scenario.pcap', fixturePcap);
    const frames: Frame[] = [];
    const info = await readCaptureFile(path, { onFrame: (frame) => frames.push(frame) });
    expect(info).toEqual({
      path,
      sha256: createHash('sha256').update(fixturePcap).digest('hex'),
      format: 'pcap',
      linkTypes: ['RAW'],
      packets: 4,
      firstFrame: 1,
      unreadable: 0,
      warnings: [],
      bytes: fixturePcap.length,
      start: 1795613072.192571,
      end: 1795613081.5,
    });
    expect(frames.map((frame) => frame.number)).toEqual([1, 2, 3, 4]);
  });

  it('detects by content: pcapng named .pcap, text named .bin', async () => {
    const pcapng = await readCaptureFile(await file('really-pcapng.pcap', pcapngFixture));
    expect(pcapng).toMatchObject({ format: 'pcapng', linkTypes: ['RAW', 'IPV4', 'IPV6'], packets: 5 });
    const text = await readCaptureFile(
      await file(
        'log.bin',
        '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A? yummyrecipesforme.com. (24)\n',
      ),
    );
    expect(text).toMatchObject({ format: 'tcpdump-text', linkTypes: ['RAW'], packets: 1 });
  });

  it('gives the same frames whatever the read size', async () => {
    const path = await file('fixture.pcapng', pcapngFixture);
    const runs: string[] = [];
    for (const chunkSize of [1, 7, 64, 1 << 20]) {
      const frames: string[] = [];
      await readCaptureFile(path, {
        chunkSize,
        onFrame: (frame) =>
          frames.push(
            `${frame.number} ${frame.seconds}.${frame.nanoseconds} ${Buffer.from(frame.data).toString('hex')}`,
          ),
      });
      runs.push(frames.join('\n'));
    }
    expect(new Set(runs).size).toBe(1);
    expect(runs[0]!.split('\n')).toHaveLength(5);
  });

  it('reports progress up to the file size', async () => {
    const path = await file('progress.pcap', fixturePcap);
    const progress: number[] = [];
    await readCaptureFile(path, {
      chunkSize: 64,
      onProgress: (bytesRead, totalBytes) => {
        expect(totalBytes).toBe(fixturePcap.length);
        progress.push(bytesRead);
      },
    });
    expect(progress.length).toBeGreaterThan(fixturePcap.length / 64);
    expect(progress.every((value, index) => index === 0 || value >= progress[index - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(fixturePcap.length);
  });

  it('reads a text log, passing decoded packets and the date', async () => {
    const path = join(repoRoot, '../shared/scenario/seed-tcpdump-log.txt');
    const packets: DecodedPacket[] = [];
    const info = await readCaptureFile(path, {
      date: '2026-11-25',
      firstFrameNumber: 5,
      onPacket: (packet) => packets.push(packet),
    });
    expect(info).toMatchObject({
      format: 'tcpdump-text',
      packets: 6,
      firstFrame: 5,
      unreadable: 0,
      warnings: [],
    });
    expect(info.start).toBeCloseTo(Date.UTC(2026, 10, 25, 13, 24, 32) / 1000 + 0.192571, 6);
    expect(packets.map((packet) => packet.frame.number)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('reports unreadable text lines in the file info', async () => {
    const path = await file(
      'log.txt',
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 1+ A? x. (17)\nnot tcpdump\n',
    );
    const info = await readCaptureFile(path, { date: '2026-11-25' });
    expect(info.unreadable).toBe(1);
    expect(info.unreadableLines).toEqual([
      {
        line: 2,
        text: 'not tcpdump',
        reason: 'not a tcpdump packet line: it does not start with a time stamp',
      },
    ]);
    expect(info.warnings).toEqual([
      'line 2: cannot read (not a tcpdump packet line: it does not start with a time stamp): not tcpdump',
    ]);
  });

  it('reads a file shorter than the detection window', async () => {
    const info = await readCaptureFile(await file('header-only.pcap', pcapFileHeader({ linkType: 1 })));
    expect(info).toMatchObject({ format: 'pcap', packets: 0, linkTypes: ['EN10MB'] });
    expect(info.start).toBeUndefined();
  });

  it('keeps every frame before a truncated last record, with a warning', async () => {
    const path = await file('cut.pcap', fixturePcap.subarray(0, fixturePcap.length - 5));
    const info = await readCaptureFile(path);
    expect(info.packets).toBe(3);
    expect(info.warnings).toEqual([
      `truncated last record at byte ${fixturePcap.length - 125 - 16}: header says 125 bytes, 120 present`,
    ]);
  });
});

describe('reading a capture file: one clear line when it cannot be read', () => {
  it('names the file and byte 0 for an unknown format', async () => {
    const path = await file('notes.txt', 'shopping list\n');
    const error = await readCaptureFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CaptureFileError);
    expect((error as Error).message).toBe(
      `${path}: unknown format at byte 0: not a pcap, pcapng or tcpdump text file (first bytes 73 68 6f 70; a text log needs tcpdump lines that start with a time stamp)`,
    );
  });

  it('names the file and the offset of corrupt data, and keeps what was read before', async () => {
    const bytes = concatenate(
      fixturePcap,
      hex`00 00 00 00  00 00 00 00  00 00 10 00  00 00 10 00   # caplen 1048576`,
    );
    const path = await file('corrupt.pcap', bytes);
    let frames = 0;
    const error = (await readCaptureFile(path, { chunkSize: 100, onFrame: () => frames++ }).catch(
      (caught: unknown) => caught,
    )) as CaptureFileError;
    expect(error).toBeInstanceOf(CaptureFileError);
    expect(error.message).toBe(
      `${path}: corrupt pcap file: bogus pcap record: captured length 1048576 is larger than the 262144-byte maximum at byte ${fixturePcap.length + 8}`,
    );
    expect(error.message).not.toContain('\n');
    expect(error.offset).toBe(fixturePcap.length + 8);
    expect(error.partial?.packets).toBe(4);
    expect(frames).toBe(4);
  });

  it('names a missing file and a directory', async () => {
    await expect(readCaptureFile(join(folder, 'missing.pcap'))).rejects.toThrow(
      `${join(folder, 'missing.pcap')}: cannot read: no such file`,
    );
    await expect(readCaptureFile(folder)).rejects.toThrow(`${folder}: is a directory, not a capture file`);
  });

  it('lets an error of the frame callback through unchanged', async () => {
    const path = await file('scenario.pcap', fixturePcap);
    const failure = new Error('dissector failed');
    await expect(
      readCaptureFile(path, {
        onFrame: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
  });
});

describe('reading a capture file: cancel', () => {
  it('stops when the signal aborts, mid-file', async () => {
    const records = Array.from({ length: 2000 }, (_, index) =>
      pcapRecord({ seconds: index, nanoseconds: 0, data: new Uint8Array(100) }),
    );
    const path = await file('long.pcap', concatenate(pcapFileHeader({ linkType: 1 }), ...records));
    const controller = new AbortController();
    let frames = 0;
    const reading = readCaptureFile(path, {
      chunkSize: 4096,
      signal: controller.signal,
      onFrame: () => {
        if (++frames === 10) controller.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(frames).toBeLessThan(2000);
  });

  it('does not start when the signal is already aborted', async () => {
    const path = await file('scenario.pcap', fixturePcap);
    await expect(readCaptureFile(path, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('reading several capture files', () => {
  it('numbers frames in sequence across files and reports progress over all of them', async () => {
    const first = await file('first.pcap', fixturePcap);
    const second = await file('second.pcapng', pcapngFixture);
    const numbers: number[] = [];
    let lastProgress = 0;
    const infos = await readCaptureFiles([first, second], {
      onFrame: (frame) => numbers.push(frame.number),
      onProgress: (bytesRead, totalBytes) => {
        expect(totalBytes).toBe(fixturePcap.length + pcapngFixture.length);
        lastProgress = bytesRead;
      },
    });
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(infos.map((info) => [info.firstFrame, info.packets])).toEqual([
      [1, 4],
      [5, 5],
    ]);
    expect(lastProgress).toBe(fixturePcap.length + pcapngFixture.length);
  });
});
