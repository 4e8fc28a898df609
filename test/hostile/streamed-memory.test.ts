// A large capture streamed through the analyze pipeline (read, dissect, Analyzer, timeline)
// keeps its heap flat: the heap after a forced GC at the end of the first quarter and at the
// end of the read differ by less than a fixed size. A size assertion, no timing.
// CI streams 200 000 packets; NETMORTEM_HOSTILE_FULL=1 streams 10 000 000 (about 4 GB of disk).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticCapture } from '../../bench/synthetic-capture';
import { analyzeFiles } from '../../electron/node/analysis/analyze-files';
import { recordFigure } from './support/figures';

const full = process.env.NETMORTEM_HOSTILE_FULL === '1';
const packets = full ? 10_000_000 : 200_000;
/** Heap growth allowed between the first quarter and the end: 80 bytes a packet over 150 000 packets would already exceed it. */
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

describe('streamed capture', () => {
  it(`${packets} packets stream with a flat heap`, async () => {
    const path = join(folder, 'synthetic.pcap');
    writeSyntheticCapture(path, { packets, seed: 11 });
    const bytes = statSync(path).size;
    const samples: { packets: number; heap: number }[] = [];
    let nextQuarter = 1;
    const result = await analyzeFiles([path], {
      onProgress: (progress) => {
        if (progress.packets >= (packets * nextQuarter) / 4) {
          samples.push({ packets: progress.packets, heap: heapAfterGc() });
          nextQuarter++;
        }
      },
    });
    expect(result.analysis.capture.packets).toBe(packets);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    const first = samples[0]!;
    const growth = Math.max(...samples.map((sample) => sample.heap)) - first.heap;
    expect(growth).toBeLessThan(allowedGrowth);
    const megabytes = (value: number): string => (value / 1024 / 1024).toFixed(1);
    recordFigure(full ? 'streamed-full' : 'streamed', {
      order: 5,
      item: `A ${packets.toLocaleString('en')}-packet pcap (${megabytes(bytes)} MiB, bench/synthetic-capture.ts) streamed through analyzeFiles`,
      tried: `${full ? '' : 'CI size; NETMORTEM_HOSTILE_FULL=1 streams 10,000,000. '}heap after forced GC sampled at each quarter (${samples.map((sample) => `${sample.packets}: ${megabytes(sample.heap)} MiB`).join(', ')})`,
      inputs: packets,
      held: `heap grew ${megabytes(growth)} MiB from the first quarter to the end (bound ${megabytes(allowedGrowth)} MiB)`,
      command: full
        ? 'NETMORTEM_HOSTILE_FULL=1 npx vitest run test/hostile/streamed-memory.test.ts'
        : 'npx vitest run test/hostile/streamed-memory.test.ts',
    });
  }, 600_000);
});
