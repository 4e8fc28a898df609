// The real capture helper for the session tests: built as setup builds it, and an
// unprivileged copy (no file capabilities) run through setpriv for the permission cases.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '..', '..', '..');
export const helperPath = join(repositoryRoot, 'native', 'build', 'netmortem-capture');

export function buildHelper(): void {
  execFileSync('make', ['-C', join(repositoryRoot, 'native'), '--no-print-directory', '-s'], {
    stdio: 'inherit',
  });
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Root can open capture sockets; the live tests need it (CI runs them as root). */
export const isRoot = process.getuid?.() === 0;

/** setpriv arguments that run a command as nobody, with no capabilities at all. */
export const asNobody = [
  'setpriv',
  '--reuid=65534',
  '--regid=65534',
  '--clear-groups',
  '--inh-caps=-all',
  '--bounding-set=-all',
];

/** A copy of the helper in a folder nobody can reach: a copy carries no file capabilities. */
export function unprivilegedCopy(): { path: string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'nm-session-helper-'));
  chmodSync(folder, 0o755);
  const path = join(folder, 'netmortem-capture');
  copyFileSync(helperPath, path);
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Whether a process runs: it exists and is not a zombie waiting to be reaped. */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The process ids of a process's children (every thread's), from /proc. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) children.push(...text.split(/\s+/).map(Number));
  }
  return children;
}

/** Waits for a process to end: at most 400 checks 25 ms apart. Returns whether it did. */
export async function waitUntilGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 400 && processAlive(pid); attempt++)
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  return !processAlive(pid);
}
