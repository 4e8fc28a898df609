/**
 * The setup the frame worker's test files share: a temporary folder with a 60,000-packet
 * synthetic capture (about 16 MB), the check that the worker under test is the one built from
 * the sources, and, after every test, the check that no worker thread is left running.
 * Each test file still mocks node:worker_threads itself (vi.mock is hoisted per file).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { writeSyntheticCapture } from '../../../bench/synthetic-capture';
import { workersLeft } from './tracked-workers';

export interface WorkerFixture {
  folder: string;
  /** The synthetic capture's path and bytes. */
  synthetic: string;
  syntheticBytes: Buffer;
}

export function useWorkerFixture(): WorkerFixture {
  const fixture: WorkerFixture = { folder: '', synthetic: '', syntheticBytes: Buffer.alloc(0) };
  beforeAll(async () => {
    // The worker must be the one built from the sources (test/global-setup.ts), or nothing here tests it.
    expect(process.env.NETMORTEM_FRAME_WORKER).toBeTruthy();
    fixture.folder = await mkdtemp(join(tmpdir(), 'netmortem-frame-worker-test-'));
    fixture.synthetic = join(fixture.folder, 'synthetic.pcap');
    writeSyntheticCapture(fixture.synthetic, { packets: 60_000, seed: 11 });
    fixture.syntheticBytes = readFileSync(fixture.synthetic);
  });
  afterAll(async () => {
    await rm(fixture.folder, { recursive: true, force: true });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    expect(await workersLeft(), 'worker threads still running after the test').toBe(0);
  });
  return fixture;
}
