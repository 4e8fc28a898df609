// The helper under valgrind's memcheck: no definite leaks and no memory errors, on a short capture
// and on each way it can end early. valgrind cannot run a binary with file capabilities, so it
// runs a plain copy.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildHelper, canCapture, finalStats, helperPath, HelperRun } from './support/helper-process';
import { parsePcap } from './support/pcap-file';
import { sendUdp, sendUntil, uniqueMarker } from './support/traffic';

const hasValgrind = spawnSync('sh', ['-c', 'command -v valgrind']).status === 0;
if (!hasValgrind)
  console.warn(
    'netmortem-capture valgrind tests skipped: valgrind is not installed (apt-get install valgrind)',
  );

describe.skipIf(!hasValgrind)('netmortem-capture under valgrind', () => {
  let folder = '';
  let copy = '';
  let runNumber = 0;
  const runs: HelperRun[] = [];

  beforeAll(() => {
    buildHelper();
    folder = mkdtempSync(join(tmpdir(), 'nm-native-valgrind-'));
    copy = join(folder, 'netmortem-capture');
    copyFileSync(helperPath, copy);
    chmodSync(copy, 0o755);
  });

  afterEach(async () => {
    for (const run of runs.splice(0)) await run.dispose();
  });

  afterAll(() => {
    if (folder !== '') rmSync(folder, { recursive: true, force: true });
  });

  function underValgrind(args: string[]): { run: HelperRun; log: string } {
    const log = join(folder, `valgrind-${++runNumber}.log`);
    const run = new HelperRun('valgrind', [
      '--leak-check=full',
      '--error-exitcode=99',
      '--errors-for-leak-kinds=definite',
      `--log-file=${log}`,
      copy,
      ...args,
    ]);
    runs.push(run);
    return { run, log };
  }

  function expectClean(logPath: string): void {
    const log = readFileSync(logPath, 'utf8');
    expect(log, log).toMatch(/ERROR SUMMARY: 0 errors/);
    expect(log, log).not.toMatch(/definitely lost: [1-9]/);
  }

  it.skipIf(!canCapture())('a -c 3 capture on lo leaks nothing', async () => {
    const marker = uniqueMarker('valgrind');
    const { run, log } = underValgrind([
      '-i',
      'lo',
      '-f',
      'udp port 53',
      '-c',
      '3',
      '--stats-interval',
      '200',
    ]);
    await run.waitForStarted();
    await sendUntil(
      () => run.hasExited,
      (round) => sendUdp('127.0.0.1', 53, `${marker}-${round}`),
      400,
    );
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(parsePcap(run.stdout).records).toHaveLength(3);
    expect(finalStats(run)).toMatchObject({ reason: 'count', captured: 3 });
    expectClean(log);
  });

  it.skipIf(!canCapture())('a capture stopped by SIGTERM leaks nothing', async () => {
    const { run, log } = underValgrind(['-i', 'lo', '-f', 'udp port 53']);
    await run.waitForStarted();
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(finalStats(run)).toMatchObject({ reason: 'signal' });
    expectClean(log);
  });

  it.each([
    [['--check-filter', '-f', 'udp port 53'], 0],
    [['--check-filter', '-f', 'udp port 99999'], 3],
    [['--list'], 0],
    [['-i', 'nm-nosuch0'], 5],
    [['-s', 'huge', '-i', 'lo'], 2],
  ])('%j exits %i and leaks nothing', async (args, status) => {
    const { run, log } = underValgrind(args);
    run.child.stdin!.end();
    expect((await run.exited).code).toBe(status);
    expectClean(log);
  });

  it.skipIf(!canCapture())('a capture with a bad filter leaks nothing', async () => {
    const { run, log } = underValgrind(['-i', 'lo', '-f', 'udp port 99999']);
    expect((await run.exited).code).toBe(3);
    expectClean(log);
  });
});
