/** What the end-to-end tests need built: the CLI and the renderer, and the capture helper when it can be. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..');

export function buildApp(...extra: string[]): void {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'cli', 'renderer', ...extra], {
    stdio: 'inherit',
    cwd: root,
  });
}

/** Builds the native capture helper; returns why not when it cannot be built here. */
export function buildHelper(): string | undefined {
  try {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'native'], { stdio: 'pipe', cwd: root });
  } catch (error) {
    const output =
      error instanceof Error && 'stderr' in error
        ? String((error as { stderr: unknown }).stderr)
            .trim()
            .split('\n')
            .pop()
        : String(error);
    return `the capture helper could not be built: ${output}`;
  }
  return existsSync(join(root, 'native/build/netmortem-capture'))
    ? undefined
    : 'the capture helper was not produced by the native build';
}
