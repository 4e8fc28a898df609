// `netmortem print` over every capture of the shared corpus (tcpdump's and Zeek's test
// captures, fuzzed ones included), through the built CLI: each run exits 0, or exits 1 with
// one line naming the file for a link type the printer does not decode. Never a crash, never
// a stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusRoot, repoRoot } from './support/corpus';

function captures(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) found.push(...captures(full));
    else if (/\.(pcap|pcapng)$/.test(entry)) found.push(full);
  }
  return found.sort();
}

const files = captures(corpusRoot);
const cli = path.join(repoRoot, 'bin/netmortem.js');

/**
 * Runs the CLI over the files, all in one run; when a file is refused for its link type the
 * run stops there, and the next run starts after it. Returns the refused files.
 */
function printAll(flags: string[]): string[] {
  const refused: string[] = [];
  let remaining = files;
  while (remaining.length > 0) {
    const run = spawnSync(process.execPath, [cli, 'print', ...flags, ...remaining], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    expect(run.stderr, 'no stack trace').not.toMatch(
      /\n\s+at |TypeError|RangeError|ReferenceError|Maximum call stack/,
    );
    const errorLines = run.stderr.split('\n').filter((line) => line !== '');
    // Warnings (a truncated last record, a time stamp carried over) name their file.
    for (const line of errorLines)
      expect(
        remaining.some((file) => line.startsWith(`netmortem: ${file}: `)),
        line,
      ).toBe(true);
    if (run.status === 0) break;
    expect(run.status).toBe(1);
    const last = errorLines[errorLines.length - 1] ?? '';
    const match = /^netmortem: (.+): unsupported link type \d+ \(\S+\) at byte offset \d+$/.exec(last);
    expect(match, `the run ended with: ${last}`).not.toBeNull();
    const index = remaining.indexOf(match![1]!);
    expect(index).toBeGreaterThanOrEqual(0);
    refused.push(remaining[index]!);
    remaining = remaining.slice(index + 1);
  }
  return refused;
}

describe('netmortem print over every corpus capture', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs'), 'cli'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  });

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it.each([[[]], [['-vvv', '-e', '-#']], [['-q', '-tttt', '--nano']]])(
    'prints every capture with options %j',
    (flags: string[]) => {
      const refused = printAll(flags);
      console.log(
        `refused for their link type (${refused.length}):\n  ${refused.map((file) => path.relative(corpusRoot, file)).join('\n  ')}`,
      );
      expect(refused.length).toBeLessThan(files.length / 4);
    },
  );
});
