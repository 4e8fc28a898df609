// The real capture helper for the session tests: built as setup builds it, and an
// unprivileged copy (no file capabilities) run through setpriv for the permission cases.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '..', '..', '..');
export const helperPath = join(repositoryRoot, 'native', 'build', 'netmortem-capture');

export function buildHelper(): void {
  execFileSync('make', ['-C', join(repositoryRoot, 'native'), '--no-print-directory', '-s'], { stdio: 'inherit' });
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Root can open capture sockets; the live tests need it (CI runs them as root). */
export const isRoot = process.getuid?.() === 0;

/** setpriv arguments that run a command as nobody, with no capabilities at all. */
export const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all'];

/** A copy of the helper in a folder nobody can reach: a copy carries no file capabilities. */
export function unprivilegedCopy(): { path: string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'nm-session-helper-'));
  chmodSync(folder, 0o755);
  const path = join(folder, 'netmortem-capture');
  copyFileSync(helperPath, path);
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Whether a process id is still alive (signal 0 probes without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
