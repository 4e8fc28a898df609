/**
 * Builds the frame worker's bundle (electron/node/files/frame-worker.ts) from the sources into
 * a temporary folder before any test runs, and points NETMORTEM_FRAME_WORKER at it: the tests
 * then read big captures through the same worker the CLI and the app run, built from the code
 * under test rather than from whatever dist/ holds.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function setup(): Promise<() => void> {
  const folder = mkdtempSync(join(tmpdir(), 'netmortem-frame-worker-'));
  const outfile = join(folder, 'frame-worker.cjs');
  await build({
    entryPoints: [new URL('../electron/node/files/frame-worker.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  process.env.NETMORTEM_FRAME_WORKER = outfile;
  return () => rmSync(folder, { recursive: true, force: true });
}
