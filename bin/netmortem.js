#!/usr/bin/env node
// The `netmortem` command. The CLI itself is bundled by `npm run build` into dist/cli.mjs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  console.error('netmortem: not built yet. Run `npm run setup` (or `npm run build`) first.');
  process.exit(1);
}
await import(bundle);
