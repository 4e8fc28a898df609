/** Writes a suite's own counts to test-results/reliability/<name>.json for scripts/reliability-table.mjs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');

export interface Figure {
  /** Table order. */
  order: number;
  item: string;
  tried: string;
  inputs: number;
  held: string;
  command: string;
}

export function recordFigure(name: string, figure: Figure): void {
  const folder = join(repoRoot, 'test-results/reliability');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.json`), `${JSON.stringify(figure, null, 2)}\n`);
}

/** mulberry32: a small seeded PRNG, so every run tries the same inputs. */
export function seededRandom(seed: number): (limit: number) => number {
  let state = seed >>> 0;
  return (limit) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * limit);
  };
}
