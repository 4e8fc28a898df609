// The frame worker (electron/node/files/frame-worker.ts) must hand on the same frames, and fail,
// warn and cancel as the one-thread read does: each case reads the same file both ways
// (frameWorkerBytes 0 and Infinity) and compares frame by frame, the worker's reading of each
// frame included. A cancelled or failed read must leave no worker thread behind.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pcapFile } from '../../electron/common/capture/pcap-writer';
import { CaptureFileError, readCaptureFile } from '../../electron/node/files/read-capture';
import { corpusRoot } from './fixtures/corpus';
import { concatenate, hex } from './fixtures/hex';
import { pcapngFixture } from './fixtures/pcapng-fixture';
import {
  compareFrames,
  corpusBinaryCaptures,
  modes,
  recordEnds,
  settle,
  worker,
} from './support/frame-worker-compare';
import { frameWorkersSince, workersLeft, workerThreads } from './support/tracked-workers';
import { useWorkerFixture } from './support/worker-fixture';

vi.mock('node:worker_threads', async (importOriginal) => {
  const { trackWorkers } = await import('./support/tracked-workers');
  return trackWorkers(await importOriginal<typeof import('node:worker_threads')>());
});

const fixture = useWorkerFixture();

describe('frame worker: the same frames as one thread', () => {
  it('for a multi-interface pcapng file, in small reads that cut its blocks', async () => {
    const path = join(corpusRoot, 'zeek/Traces/pcapng-multi-interface.pcapng');
    for (const chunkSize of [64, 4096]) {
      const before = workerThreads.started.length;
      const counts = await compareFrames(path, { chunkSize });
      expect(frameWorkersSince(before)).toBe(1);
      expect(counts.frames).toBeGreaterThan(5);
      if (chunkSize === 64) expect(counts.extras).toBeGreaterThan(0);
    }
  });

  it('for every corpus pcap and pcapng file, in 512-byte reads', async () => {
    const paths = corpusBinaryCaptures();
    const before = workerThreads.started.length;
    const totals = { frames: 0, withRead: 0, extras: 0 };
    for (const path of paths) {
      const counts = await compareFrames(path, { chunkSize: 512 });
      totals.frames += counts.frames;
      totals.withRead += counts.withRead;
      totals.extras += counts.extras;
    }
    console.log(
      `frame worker: ${totals.frames} corpus frames alike in 512-byte reads, ${totals.withRead} with the worker's reading, ${totals.extras} cut by a read`,
    );
    expect(frameWorkersSince(before)).toBe(paths.length);
    expect(totals.frames).toBeGreaterThan(2000);
    expect(totals.withRead).toBeGreaterThan(totals.frames / 2);
    expect(totals.extras).toBeGreaterThan(100);
  }, 120_000);

  it('for the synthetic capture, in 4 KiB reads that cut its records', async () => {
    const before = workerThreads.started.length;
    const counts = await compareFrames(fixture.synthetic, { chunkSize: 4096 });
    expect(frameWorkersSince(before)).toBe(1);
    expect(counts.frames).toBe(60_000);
    expect(counts.withRead).toBeGreaterThan(59_000);
    expect(counts.extras).toBeGreaterThan(1000);
  }, 120_000);
});

describe('frame worker: the same errors as one thread', () => {
  it('warns alike about a record cut short at the end of the file', async () => {
    const ends = recordEnds(fixture.syntheticBytes, 300_000);
    const cut = ends.at(-1)! + 16 + 10; // the next record's header and 10 of its bytes
    const path = join(fixture.folder, 'cut.pcap');
    await writeFile(path, fixture.syntheticBytes.subarray(0, cut));
    const counts = await compareFrames(path, { chunkSize: 4096 });
    expect(counts.frames).toBe(ends.length);
    const info = await readCaptureFile(path, worker);
    expect(info.packets).toBe(ends.length);
    expect(info.warnings).toHaveLength(1);
    expect(info.warnings[0]).toMatch(
      /^truncated last record at byte \d+: header says \d+ bytes, 10 present$/,
    );
  });

  it('fails alike on a corrupt record length, after delivering every frame before it', async () => {
    const ends = recordEnds(fixture.syntheticBytes, 300_000);
    const good = ends.at(-1)!;
    const path = join(fixture.folder, 'corrupt.pcap');
    await writeFile(
      path,
      concatenate(
        fixture.syntheticBytes.subarray(0, good),
        hex`00 00 00 00  00 00 00 00  00 00 10 00  00 00 10 00   # caplen 1048576, len 1048576`,
        fixture.syntheticBytes.subarray(good, good + 5000), // more records that must not be read
      ),
    );
    for (const chunkSize of [100, 4096, 1 << 20]) {
      const counts = await compareFrames(path, { chunkSize });
      expect(counts.frames).toBe(ends.length);
      const error = (await readCaptureFile(path, { ...worker, chunkSize, onFrame: () => {} }).catch(
        (caught: unknown) => caught,
      )) as CaptureFileError;
      expect(error).toBeInstanceOf(CaptureFileError);
      expect(error.message).toBe(
        `${path}: corrupt pcap file: bogus pcap record: captured length 1048576 is larger than the 262144-byte maximum at byte ${good + 8}`,
      );
      expect(error.offset).toBe(good + 8);
      expect(error.partial?.packets).toBe(ends.length);
    }
  });

  it('fails alike on a corrupt pcapng block length, and warns alike about a cut block', async () => {
    const corrupt = join(fixture.folder, 'corrupt.pcapng');
    await writeFile(
      corrupt,
      concatenate(
        pcapngFixture,
        hex`06 00 00 00  f0 ff ff 7f   # enhanced packet block, total length 2147483632
            00 00 00 00  00 00 00 00   # interface 0, then the time stamp's first half`,
      ),
    );
    const cut = join(fixture.folder, 'cut.pcapng');
    await writeFile(cut, pcapngFixture.subarray(0, pcapngFixture.length - 6));
    for (const chunkSize of [16, 4096]) {
      expect((await compareFrames(corrupt, { chunkSize })).frames).toBe(5);
      expect((await compareFrames(cut, { chunkSize })).frames).toBeGreaterThan(3);
    }
    const error = await readCaptureFile(corrupt, { ...worker, onFrame: () => {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CaptureFileError);
    expect((error as CaptureFileError).message).toMatch(/corrupt pcapng file: bogus pcapng block length/);
    expect((error as CaptureFileError).partial?.packets).toBe(5);
    expect((await readCaptureFile(cut, worker)).warnings).toHaveLength(1);
  });

  it('names a missing file alike', async () => {
    const path = join(fixture.folder, 'missing.pcap');
    const results = [];
    for (const [, bytes] of modes)
      results.push(await settle(readCaptureFile(path, { ...bytes, onFrame: () => {} })));
    expect(results[0]).toEqual(results[1]);
    expect(results[0]?.error?.message).toBe(`${path}: cannot read: no such file`);
  });

  it("lets the frame callback's own error through, and stops the worker", async () => {
    const failure = new Error('analysis failed');
    let frames = 0;
    const reading = readCaptureFile(fixture.synthetic, {
      ...worker,
      chunkSize: 4096,
      onFrame: () => {
        if (++frames === 100) throw failure;
      },
    });
    await expect(reading).rejects.toBe(failure);
    expect(frames).toBe(100);
  });
});

describe('frame worker: the same frames at the edges', () => {
  it('gives the same frames for lengths and times at the edges of their fields', async () => {
    const data = fixture.syntheticBytes.subarray(24 + 16, recordEnds(fixture.syntheticBytes, 25)[0]);
    const path = join(fixture.folder, 'edges.pcap');
    await writeFile(
      path,
      pcapFile({ linkType: 1, nanosecond: true }, [
        // On the wire 2^32 - 1 bytes (the length field's largest), of which the first few were captured.
        { seconds: 0xffffffff, nanoseconds: 999_999_999, data, originalLength: 0xffffffff },
        { seconds: 0, nanoseconds: 0, data, originalLength: 0x80000000 },
        { seconds: 0x80000000, nanoseconds: 1, data },
      ]),
    );
    const counts = await compareFrames(path, { chunkSize: 4096 });
    expect(counts.frames).toBe(3);
  });

  it('gives the same frames for records longer than the snapshot length, cut by reads or not', async () => {
    const ends = recordEnds(fixture.syntheticBytes, 20_000);
    const records = ends.slice(0, -1).map((start, index) => ({
      seconds: index,
      nanoseconds: 0,
      data: fixture.syntheticBytes.subarray(start + 16, ends[index + 1]),
    }));
    expect(records.some((record) => record.data.length > 200)).toBe(true);
    const path = join(fixture.folder, 'snapshot.pcap');
    // libpcap keeps the first snaplen bytes of a longer record and skips the rest.
    await writeFile(path, pcapFile({ linkType: 1, snaplen: 200 }, records));
    for (const chunkSize of [100, 4096]) {
      const counts = await compareFrames(path, { chunkSize });
      expect(counts.frames).toBe(records.length);
      expect(counts.withRead).toBeGreaterThan(0);
    }
  });
});

describe('frame worker: cancel', () => {
  it('rejects when the signal aborts mid-read, and the worker thread ends', async () => {
    const before = workerThreads.started.length;
    const controller = new AbortController();
    let frames = 0;
    const reading = readCaptureFile(fixture.synthetic, {
      ...worker,
      chunkSize: 4096,
      signal: controller.signal,
      onFrame: () => {
        if (++frames === 1000) controller.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(frameWorkersSince(before)).toBe(1);
    expect(frames).toBeGreaterThanOrEqual(1000);
    expect(frames).toBeLessThan(60_000);
    expect(await workersLeft()).toBe(0);
  });

  it('rejects when the signal aborts as the first chunk arrives, and the worker thread ends', async () => {
    const before = workerThreads.started.length;
    const controller = new AbortController();
    let frames = 0;
    const reading = readCaptureFile(fixture.synthetic, {
      ...worker,
      chunkSize: 1 << 16,
      signal: controller.signal,
      // The worker has sent its first batch: it is reading ahead when the signal aborts.
      onProgress: () => controller.abort(),
      onFrame: () => frames++,
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(frameWorkersSince(before)).toBe(1);
    // At most the first chunk's frames (a 64 KiB chunk holds fewer than 1000 records).
    expect(frames).toBeLessThan(1000);
    expect(await workersLeft()).toBe(0);
  });
});
