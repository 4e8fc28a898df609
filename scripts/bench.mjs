// `npm run bench`: every benchmark, one after another. Each prints its own table.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const tsx = `${root}node_modules/.bin/tsx`;
const benches = ['bench/run.ts', 'bench/live-capture.ts', 'bench/renderer.ts'];
let failed = false;
for (const bench of benches) {
  if (!existsSync(`${root}${bench}`)) continue;
  const result = spawnSync(tsx, [`${root}${bench}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
