/**
 * The renderer's times with a 1M-event capture (issue 5): load to first paint of the timeline,
 * brush change to re-render, table scroll frame time. The measurement itself is the Playwright
 * spec test/e2e/renderer-performance.test.ts, which runs only when asked, as here.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const result = spawnSync(
  join(root, 'node_modules/.bin/vitest'),
  ['run', 'test/e2e/renderer-performance.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NETMORTEM_RENDERER_BENCH: '1' },
  },
);
process.exit(result.status ?? 1);
