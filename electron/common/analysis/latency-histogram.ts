/**
 * Response latency (query to response) in bounded memory: logarithmic buckets, 16 per
 * doubling (about 4% wide), so medians and percentiles are exact to a few percent whatever
 * the number of responses. Retransmitted queries are left out (Karn's rule, RFC 6298 §3:
 * which copy a response answers is ambiguous).
 */
const bucketsPerDoubling = 16;

export interface LatencySummary {
  responses: number;
  medianMilliseconds: number;
  p95Milliseconds: number;
  maxMilliseconds: number;
}

/** Buckets counted in an array: every latency below 2^64 µs. */
const arrayBuckets = 64 * bucketsPerDoubling;

export class LatencyHistogram {
  /** Counts by bucket (a response per query: no Map lookups), and the rest (NaN) in a Map. */
  private readonly counts = new Float64Array(arrayBuckets);
  private readonly otherBuckets = new Map<number, number>();
  private count = 0;
  private maximum = 0;

  record(microseconds: number): void {
    const value = Math.max(1, microseconds);
    const bucket = Math.floor(Math.log2(value) * bucketsPerDoubling);
    if (bucket >= 0 && bucket < arrayBuckets) this.counts[bucket]!++;
    else this.otherBuckets.set(bucket, (this.otherBuckets.get(bucket) ?? 0) + 1);
    this.count++;
    if (value > this.maximum) this.maximum = value;
  }

  /** Every bucket counted, with its count, lowest first (as the Map the counts once were sorted). */
  private buckets(): [bucket: number, count: number][] {
    const buckets: [number, number][] = [];
    for (let bucket = 0; bucket < arrayBuckets; bucket++) {
      const count = this.counts[bucket]!;
      if (count > 0) buckets.push([bucket, count]);
    }
    buckets.push(...this.otherBuckets);
    return buckets.sort((a, b) => a[0] - b[0]);
  }

  summary(): LatencySummary | undefined {
    if (this.count === 0) return undefined;
    return {
      responses: this.count,
      medianMilliseconds: this.quantile(0.5),
      p95Milliseconds: this.quantile(0.95),
      maxMilliseconds: round(this.maximum / 1000),
    };
  }

  private quantile(fraction: number): number {
    const rank = Math.ceil(fraction * this.count);
    let seen = 0;
    for (const [bucket, count] of this.buckets()) {
      seen += count;
      // The bucket's geometric middle, never above the largest value seen.
      if (seen >= rank)
        return round(Math.min(2 ** ((bucket + 0.5) / bucketsPerDoubling), this.maximum) / 1000);
    }
    return round(this.maximum / 1000);
  }
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 1000) / 1000;
}
