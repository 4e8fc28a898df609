/** Finds capture helpers this test process started (others' captures on the machine do not count). */
import { readFileSync, readdirSync } from 'node:fs';

/** netmortem-capture processes descended from this test process (others' captures on the machine do not count). */
export function ourHelpers(): number[] {
  const parents = new Map<number, number>();
  const helpers: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('netmortem-capture'))
        helpers.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const descends = (pid: number): boolean => {
    for (let at = pid, hops = 0; at > 1 && hops < 64; hops++) {
      if (at === process.pid) return true;
      at = parents.get(at) ?? 0;
    }
    return false;
  };
  return helpers.filter(descends);
}
