/**
 * A small tmpfs the test mounts and removes, to make a disk full or read-only for real.
 * Needs root (the project's machines and CI run as root); `mountTmpfs` returns undefined with
 * the reason when mounting is not allowed, so the caller can skip with that reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Mount {
  path: string;
  remove(): void;
}

export function mountTmpfs(options: string): Mount | { skipped: string } {
  const path = mkdtempSync(join(tmpdir(), 'netmortem-mount-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(path);
    return { skipped: `cannot mount a tmpfs (${(error as Error).message.split('\n')[0]})` };
  }
  return {
    path,
    remove() {
      execFileSync('umount', [path]);
      rmdirSync(path);
    },
  };
}
