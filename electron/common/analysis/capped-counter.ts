/**
 * Counts per value with a cap on distinct values kept, so that a flood of random names or
 * spoofed addresses cannot grow memory. `distinctOverflow` says how many values were not kept.
 */
export class CappedCounter<T> {
  readonly counts = new Map<T, number>();
  /** Additions whose value was not kept because the cap was reached. */
  overflow = 0;

  constructor(private readonly limit: number) {}

  add(value: T, amount = 1): void {
    const count = this.counts.get(value);
    if (count !== undefined) this.counts.set(value, count + amount);
    else if (this.counts.size < this.limit) this.counts.set(value, amount);
    else this.overflow += amount;
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
    this.overflow += other.overflow;
  }

  clone(): CappedCounter<T> {
    const copy = new CappedCounter<T>(this.limit);
    for (const [value, count] of this.counts) copy.counts.set(value, count);
    copy.overflow = this.overflow;
    return copy;
  }
}
