/** Finds the built renderer (dist/renderer) from wherever the CLI runs: the bundle, bin/, or a checkout. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function findRendererRoot(): string {
  const script = process.argv[1] ? dirname(resolve(process.argv[1])) : process.cwd();
  const candidates = [
    join(script, 'renderer'),
    join(script, '..', 'dist', 'renderer'),
    join(process.cwd(), 'dist', 'renderer'),
  ];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'index.html')));
  if (!found)
    throw new Error(`the renderer is not built (looked in ${candidates.join(', ')}): run \`npm run build\``);
  return found;
}
