// Ten million packets streamed through the analyze pipeline (read, dissect, Analyzer, timeline)
// keep the heap flat: the heap after a forced GC at the end of the first quarter and at each
// later quarter differ by less than a fixed size. A size assertion, no timing.
// The capture (about 2.5 GB) never touches the disk: a child process generates it
// (bench/synthetic-capture.ts) into a FIFO, and analyzeFiles reads the FIFO as it would a file.
// NETMORTEM_STREAMED_PACKETS sets another count (for a quick local run).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../electron/node/analysis/analyze-files';
import { recordFigure, repoRoot } from './support/figures';

const packets = Number(process.env.NETMORTEM_STREAMED_PACKETS ?? 10_000_000);
/** Heap growth allowed between the first quarter and any later one: 80 bytes a packet over 150 000 packets would already exceed it. */
const allowedGrowth = 12 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const folder = mkdtempSync(join(tmpdir(), 'netmortem-streamed-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

const mebibytes = (value: number): string => (value / 1024 / 1024).toFixed(1);

describe('streamed capture', () => {
  it(`${packets.toLocaleString('en')} packets stream through analyzeFiles from a FIFO with a flat heap`, async () => {
    const fifo = join(folder, 'synthetic.pcap');
    execFileSync('mkfifo', [fifo]);
    const generator = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'bench/synthetic-capture.ts'), fifo, String(packets), '11'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let generatorOutput = '';
    generator.stdout.on('data', (chunk: Buffer) => (generatorOutput += chunk.toString()));
    generator.stderr.on('data', (chunk: Buffer) => (generatorOutput += chunk.toString()));
    const generatorExit = new Promise<number | null>((resolve) =>
      generator.once('exit', (code) => resolve(code)),
    );

    const started = performance.now();
    const samples: { packets: number; heap: number; rss: number }[] = [];
    let bytes = 0;
    let nextQuarter = 1;
    try {
      const result = await analyzeFiles([fifo], {
        onProgress: (progress) => {
          bytes = progress.bytesRead;
          if (progress.packets >= (packets * nextQuarter) / 4) {
            samples.push({ packets: progress.packets, heap: heapAfterGc(), rss: process.memoryUsage().rss });
            nextQuarter++;
          }
        },
      });
      expect(result.analysis.capture.packets).toBe(packets);
    } finally {
      // The generator closes the FIFO, then prints its counts and exits: the read can end first.
      // Give it a bounded while to exit by itself; kill it only if the read failed or it hangs.
      const settled = await Promise.race([
        generatorExit.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
      ]);
      if (!settled && generator.exitCode === null) generator.kill();
    }
    const seconds = (performance.now() - started) / 1000;
    expect(await generatorExit, generatorOutput).toBe(0);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    const first = samples[0]!;
    const growth = Math.max(...samples.map((sample) => sample.heap)) - first.heap;
    const rssGrowth = Math.max(...samples.map((sample) => sample.rss)) - first.rss;
    expect(growth).toBeLessThan(allowedGrowth);
    console.log(
      `streamed ${packets} packets (${mebibytes(bytes)} MiB) in ${seconds.toFixed(0)} s; heap ${samples.map((sample) => mebibytes(sample.heap)).join(' / ')} MiB; rss ${samples.map((sample) => mebibytes(sample.rss)).join(' / ')} MiB`,
    );

    recordFigure('streamed', {
      order: 5,
      item: `A ${packets.toLocaleString('en')}-packet pcap (${(bytes / 1024 ** 3).toFixed(2)} GiB, bench/synthetic-capture.ts) streamed through analyzeFiles from a FIFO, never written to disk`,
      tried: `a child process generates the capture into a FIFO; heap after forced GC and RSS sampled at each quarter (${samples.map((sample) => `${sample.packets.toLocaleString('en')}: heap ${mebibytes(sample.heap)} MiB, RSS ${mebibytes(sample.rss)} MiB`).join('; ')}); wall time ${seconds.toFixed(0)} s on this machine`,
      inputs: packets,
      held: `every packet analysed; heap grew ${mebibytes(growth)} MiB from the first quarter to the largest later sample (bound ${mebibytes(allowedGrowth)} MiB); RSS grew ${mebibytes(rssGrowth)} MiB`,
      command: 'npx vitest run test/hostile/streamed-memory.test.ts',
    });
  }, 900_000);
});
