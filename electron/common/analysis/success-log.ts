/**
 * When a server answered, kept as runs: successes closer together than the resolution are
 * one run [first, last]. Incidents ask "was there a success between these two failures?"
 * even when a failure is known only later (a timeout is declared seconds after its query),
 * so successes must be remembered, not just counted. A healthy server is one run; each
 * outage adds one. The number of runs is capped (the oldest merge away).
 */
export class SuccessLog {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Successes recorded, exactly. */
  count = 0;

  constructor(
    private readonly resolutionMicroseconds: number,
    private readonly limit: number,
  ) {}

  get runs(): number {
    return this.starts.length;
  }

  record(microseconds: number): void {
    this.count++;
    const last = this.ends.length - 1;
    if (last >= 0 && microseconds >= this.starts[last]!) {
      if (microseconds - this.ends[last]! <= this.resolutionMicroseconds) {
        if (microseconds > this.ends[last]!) this.ends[last] = microseconds;
        return;
      }
    } else if (last >= 0) {
      this.recordOutOfOrder(microseconds);
      return;
    }
    this.starts.push(microseconds);
    this.ends.push(microseconds);
    if (this.starts.length > this.limit) {
      // Merge the two oldest runs: old history loses detail, recent history stays exact.
      this.ends[0] = this.ends[1]!;
      this.starts.splice(1, 1);
      this.ends.splice(1, 1);
    }
  }

  /** Was there a success strictly after `after` and strictly before `before`? */
  between(after: number, before: number): boolean {
    if (before <= after) return false;
    const index = this.firstEndingAfter(after);
    return index < this.starts.length && this.starts[index]! < before;
  }

  /** The earliest known success after `after`, or undefined. */
  firstAfter(after: number): number | undefined {
    const index = this.firstEndingAfter(after);
    if (index >= this.starts.length) return undefined;
    const start = this.starts[index]!;
    return start > after ? start : this.ends[index]!;
  }

  /** The latest success at or before `time`, or undefined. */
  lastBefore(time: number): number | undefined {
    for (let index = this.starts.length - 1; index >= 0; index--) {
      if (this.starts[index]! <= time) return Math.min(this.ends[index]!, time);
    }
    return undefined;
  }

  /** Index of the first run whose end is after `time` (binary search: runs are sorted and disjoint). */
  private firstEndingAfter(time: number): number {
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ends[middle]! > time) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private recordOutOfOrder(microseconds: number): void {
    const index = this.firstEndingAfter(microseconds - this.resolutionMicroseconds - 1);
    if (index < this.starts.length && this.starts[index]! - this.resolutionMicroseconds <= microseconds) {
      if (microseconds < this.starts[index]!) this.starts[index] = microseconds;
      if (microseconds > this.ends[index]!) this.ends[index] = microseconds;
      return;
    }
    this.starts.splice(index, 0, microseconds);
    this.ends.splice(index, 0, microseconds);
  }
}
