/**
 * Counts per value with a cap on distinct values kept, so that a flood of random names or
 * spoofed addresses cannot grow memory. `overflow` says how many additions were not kept.
 *
 * Most counters see long runs of one value (the TTL of a host, the router sending every ICMP
 * error, a client's one resolver): the current run is counted in two fields and enters the Map
 * only when another value comes or the counts are read, so a run costs no Map lookup. Values
 * still enter the Map in the order they were first seen, runs ending in the order they began.
 */
export class CappedCounter<T> {
  private readonly kept = new Map<T, number>();
  private overflowed = 0;
  /** The value of the current run and its additions not yet in `kept` (0: no run). */
  private runValue: T | undefined;
  private runCount = 0;

  constructor(private readonly limit: number) {}

  add(value: T, amount = 1): void {
    if (this.runCount > 0) {
      if (value === this.runValue) {
        this.runCount += amount;
        return;
      }
      this.endRun();
    }
    this.runValue = value;
    this.runCount = amount;
  }

  /** The counts by value, in first-seen order (the current run included). */
  get counts(): ReadonlyMap<T, number> {
    this.endRunIfAny();
    return this.kept;
  }

  /** Additions whose value was not kept because the cap was reached. */
  get overflow(): number {
    this.endRunIfAny();
    return this.overflowed;
  }

  get size(): number {
    return this.counts.size;
  }

  /** Values by count, highest first (ties in first-seen order). */
  ranked(): T[] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
  }

  /** The most frequent value, or undefined. */
  top(): T | undefined {
    let best: T | undefined;
    let bestCount = -1;
    for (const [value, count] of this.counts) {
      if (count > bestCount) {
        best = value;
        bestCount = count;
      }
    }
    return best;
  }

  mergeFrom(other: CappedCounter<T>): void {
    for (const [value, count] of other.counts) this.add(value, count);
    this.endRunIfAny();
    this.overflowed += other.overflow;
  }

  clone(): CappedCounter<T> {
    const copy = new CappedCounter<T>(this.limit);
    copy.mergeFrom(this);
    return copy;
  }

  private endRunIfAny(): void {
    if (this.runCount > 0) this.endRun();
  }

  /** The current run into `kept` (or into `overflowed` past the cap). */
  private endRun(): void {
    const value = this.runValue as T;
    const amount = this.runCount;
    this.runValue = undefined;
    this.runCount = 0;
    const count = this.kept.get(value);
    if (count !== undefined) this.kept.set(value, count + amount);
    else if (this.kept.size < this.limit) this.kept.set(value, amount);
    else this.overflowed += amount;
  }
}
