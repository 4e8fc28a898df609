/** Runs a command under GNU time and returns its wall time and peak resident memory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  seconds: number;
  peakMegabytes: number;
}

export function measure(command: string, args: string[], options: { runs?: number } = {}): Measurement {
  const folder = mkdtempSync(join(tmpdir(), 'netmortem-bench-'));
  const timeFile = join(folder, 'time.txt');
  const results: Measurement[] = [];
  try {
    for (let run = 0; run < (options.runs ?? 3); run++) {
      const result = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, command, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
        maxBuffer: 64 << 20,
      });
      if (result.status !== 0) {
        throw new Error(
          `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.toString().slice(-500)}`,
        );
      }
      const [seconds, kilobytes] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
      results.push({ seconds: seconds!, peakMegabytes: kilobytes! / 1024 });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  // The fastest run: the least disturbed by the other core's work.
  results.sort((a, b) => a.seconds - b.seconds);
  return results[0]!;
}
