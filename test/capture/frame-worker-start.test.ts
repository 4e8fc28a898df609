// A frame worker started early (the CLI starts one for a big capture before it has loaded its
// commands) holds its events until a reader claims it: the analysis must be the one a worker
// started by the reader gives, whether the early worker is still reading or long finished,
// and a worker nothing claims must neither linger nor keep the process alive.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { analyzeFiles } from '../../electron/node/analysis/analyze-files';
import {
  claimFrameWorker,
  frameWorkerPath,
  prestartFrameWorker,
  readChunkSize,
  stopEarlyFrameWorkers,
} from '../../electron/node/files/frame-worker-start';
import { batchesAhead } from '../../electron/node/files/frame-worker-messages';
import { repoRoot } from './fixtures/corpus';
import { oneThread, worker } from './support/frame-worker-compare';
import { frameWorkersSince, workersLeft, workerThreads } from './support/tracked-workers';
import { useWorkerFixture } from './support/worker-fixture';

vi.mock('node:worker_threads', async (importOriginal) => {
  const { trackWorkers } = await import('./support/tracked-workers');
  return trackWorkers(await importOriginal<typeof import('node:worker_threads')>());
});

const fixture = useWorkerFixture();
const scenarioLog = join(repoRoot, '../shared/scenario/seed-tcpdump-log.txt');

describe('frame worker started early', () => {
  it('is claimed by the read, which gives the analysis of a worker started by the read', async () => {
    const expected = await analyzeFiles([fixture.synthetic], oneThread);
    const before = workerThreads.started.length;
    prestartFrameWorker([fixture.synthetic], 0);
    expect(frameWorkersSince(before)).toBe(1);
    const result = await analyzeFiles([fixture.synthetic], worker);
    // The read took the early worker rather than starting its own.
    expect(frameWorkersSince(before)).toBe(1);
    expect(result).toEqual(expected);
  });

  it('hands on every event it held, when it finished before anyone listened', async () => {
    const small = join(fixture.folder, 'small.pcap');
    await writeFile(small, fixture.syntheticBytes.subarray(0, 3 * readChunkSize + 12_345));
    const expected = await analyzeFiles([small], oneThread);
    const before = workerThreads.started.length;
    prestartFrameWorker([small], 0);
    // Its thread ends by itself after the last batch: every batch, the end and the exit are held.
    expect(await workersLeft()).toBe(0);
    const result = await analyzeFiles([small], worker);
    expect(frameWorkersSince(before)).toBe(1);
    expect(result).toEqual(expected);
    expect(result.analysis.capture.packets).toBeGreaterThan(10_000);
  });

  it('starts only for a regular pcap or pcapng file of the size given', async () => {
    const folder = join(fixture.folder, 'a-folder');
    await mkdir(folder, { recursive: true });
    const before = workerThreads.started.length;
    const notCaptures = [join(fixture.folder, 'missing.pcap'), folder, scenarioLog];
    prestartFrameWorker(notCaptures, 0);
    prestartFrameWorker([fixture.synthetic], fixture.syntheticBytes.length + 1);
    expect(frameWorkersSince(before)).toBe(0);
    // Only the first capture of the list gets one.
    prestartFrameWorker([...notCaptures, fixture.synthetic, fixture.synthetic], 0);
    expect(frameWorkersSince(before)).toBe(1);
    stopEarlyFrameWorkers();
  });

  it('is stopped when claimed for another reading, or when nothing claimed it', async () => {
    const workerPath = frameWorkerPath()!;
    prestartFrameWorker([fixture.synthetic], 0);
    expect(claimFrameWorker(fixture.synthetic, 'pcapng', readChunkSize, workerPath)).toBeUndefined();
    expect(claimFrameWorker(fixture.synthetic, 'pcap', readChunkSize, workerPath)).toBeUndefined();
    prestartFrameWorker([fixture.synthetic], 0);
    stopEarlyFrameWorkers();
    expect(claimFrameWorker(fixture.synthetic, 'pcap', readChunkSize, workerPath)).toBeUndefined();
    // afterEach: no worker thread is left.
  });

  it('takes NETMORTEM_FRAME_WORKER relative to the current folder', async () => {
    const built = process.env.NETMORTEM_FRAME_WORKER!;
    try {
      process.env.NETMORTEM_FRAME_WORKER = relative(process.cwd(), built);
      expect(isAbsolute(process.env.NETMORTEM_FRAME_WORKER)).toBe(false);
      expect(frameWorkerPath()).toBe(resolve(built));
      const before = workerThreads.started.length;
      const result = await analyzeFiles([fixture.synthetic], worker);
      expect(workerThreads.started.slice(before)).toEqual([resolve(built)]);
      expect(result).toEqual(await analyzeFiles([fixture.synthetic], oneThread));
    } finally {
      process.env.NETMORTEM_FRAME_WORKER = built;
    }
  });

  it('does not keep a process alive that never claims it', async () => {
    const script = join(fixture.folder, 'unclaimed.ts');
    const source = resolve('electron/node/files/frame-worker-start.ts');
    // A file bigger than batchesAhead chunks (the synthetic capture's records twice over): the
    // worker ends up waiting for room, forever.
    const big = join(fixture.folder, 'unclaimed.pcap');
    const records = fixture.syntheticBytes.subarray(24);
    await writeFile(big, Buffer.concat([fixture.syntheticBytes.subarray(0, 24), records, records]));
    expect(24 + 2 * records.length).toBeGreaterThan((batchesAhead + 1) * readChunkSize);
    return writeFile(
      script,
      `import { prestartFrameWorker } from ${JSON.stringify(source)};\nprestartFrameWorker([${JSON.stringify(big)}], 0);\nconsole.log('started');\n`,
    ).then(() => {
      const output = execFileSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        env: { ...process.env },
        // A hang fails the test instead of the suite's whole run.
        timeout: 60_000,
      });
      expect(output.trim()).toBe('started');
    });
  });
});
