/**
 * Counts timeline events per time bucket: DNS queries by outcome, responses, ICMP errors
 * by kind. Pure and streaming, for the report's chart and for the app's Recharts timeline
 * alike: a million events fold into at most `maxBuckets` buckets, and a query's outcome can
 * change after it was counted (its response, ICMP error or timeout arrives later as an
 * OutcomeUpdate).
 *
 * Bucket widths come from a ladder in which each width is a whole multiple of the one
 * before, so widening merges buckets exactly; `regroupBuckets` then picks a round display
 * width (1, 2, 5, 10, 15, 30 s, 1, 2, 5 min, ...) for a chart of about N bars.
 */
import { icmpErrorKinds, queryOutcomes } from '../analysis/timeline-event';
import type {
  IcmpErrorKind,
  OutcomeUpdate,
  QueryOutcome,
  TimelineCounter,
  TimelineEvent,
} from '../analysis/timeline-event';

export { icmpErrorKinds, queryOutcomes };

export interface TimelineBucket {
  /** Unix seconds, inclusive. */
  start: number;
  /** Unix seconds, exclusive. */
  end: number;
  queries: Record<QueryOutcome, number>;
  responses: number;
  icmpErrors: Record<IcmpErrorKind, number>;
}

/** Each width a whole multiple of the previous one (seconds). */
const storageWidths = [0.001, 0.01, 0.1, 1, 10, 60, 600, 3600, 21_600, 86_400, 604_800];
/** The same widths in whole milliseconds: bucket keys are computed in integers. */
const storageMilliseconds = [
  1, 10, 100, 1000, 10_000, 60_000, 600_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000,
];

/**
 * The storage key of a time at a ladder width: whole microseconds (exact in a double for any
 * Unix time), divided by the width in microseconds. Integer arithmetic makes a time's key at a
 * wider width exactly its key at a narrower one divided by their ratio, so buckets merged on
 * widening hold the same times as new keys would give, and a query's count and its later
 * outcome move land in the same bucket whichever width was in use for each.
 */
function ladderKey(time: number, widthIndex: number): number {
  return Math.floor(Math.round(time * 1_000_000) / (1000 * storageMilliseconds[widthIndex]!));
}

/** Round widths for display (seconds). */
const displayWidths = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
  3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600, 2_419_200,
];

/** Outcomes that can still change: a late response may settle a query we gave up on. */
const openOutcomes = new Set<QueryOutcome>(['pending', 'unanswered']);

export function emptyBucket(start: number, end: number): TimelineBucket {
  const queries = {} as Record<QueryOutcome, number>;
  for (const outcome of queryOutcomes) queries[outcome] = 0;
  const icmpErrors = {} as Record<IcmpErrorKind, number>;
  for (const kind of icmpErrorKinds) icmpErrors[kind] = 0;
  return { start, end, queries, responses: 0, icmpErrors };
}

function addInto(target: TimelineBucket, source: TimelineBucket): void {
  for (const outcome of queryOutcomes) target.queries[outcome] += source.queries[outcome];
  for (const kind of icmpErrorKinds) target.icmpErrors[kind] += source.icmpErrors[kind];
  target.responses += source.responses;
}

function isMultiple(width: number, base: number): boolean {
  const ratio = width / base;
  return ratio >= 1 - 1e-9 && Math.abs(ratio - Math.round(ratio)) < 1e-6;
}

function keyOf(time: number, width: number): number {
  // The small epsilon keeps 13:24:30.000 in its own bucket despite binary fractions.
  return Math.floor(time / width + 1e-9);
}

/**
 * Fed either with events and updates (addEvent, applyUpdate: the app, which has them) or
 * straight by the Analyzer as a TimelineCounter (the report, which needs only the counts).
 */
export class TimelineBuckets implements TimelineCounter {
  private widthIndex = 0;
  private readonly counts = new Map<number, TimelineBucket>();
  private firstKey = Infinity;
  private lastKey = -Infinity;
  /** Queries whose outcome may still change: frame → time and outcome counted. */
  private readonly open = new Map<number, { time: number; outcome: QueryOutcome }>();
  /** The bucket counted into last: events come in time order, so most land in it again. */
  private recentKey = Number.NaN;
  private recentBucket: TimelineBucket | undefined;

  constructor(private readonly maxBuckets = 2000) {
    if (maxBuckets < 2) throw new Error('maxBuckets must be at least 2');
  }

  /** The current bucket width in seconds. */
  get width(): number {
    return storageWidths[this.widthIndex]!;
  }

  addEvent(event: TimelineEvent): void {
    if (event.kind === 'dns-query') {
      const outcome = event.outcome ?? 'pending';
      this.countQuery(event.time, outcome);
      if (openOutcomes.has(outcome)) this.open.set(event.frame, { time: event.time, outcome });
    } else if (event.kind === 'dns-response') {
      this.countResponse(event.time);
    } else if (event.icmpKind) {
      this.countIcmpError(event.time, event.icmpKind);
    }
  }

  /** Moves a counted query to its new outcome. Updates for queries no longer open are ignored. */
  applyUpdate(update: OutcomeUpdate): void {
    const query = this.open.get(update.frame);
    if (!query) return;
    this.moveQuery(query.time, query.outcome, update.outcome);
    if (openOutcomes.has(update.outcome)) query.outcome = update.outcome;
    else this.open.delete(update.frame);
  }

  countQuery(time: number, outcome: QueryOutcome): void {
    this.bucketAt(time).queries[outcome] += 1;
    this.widenIfNeeded();
  }

  countResponse(time: number): void {
    this.bucketAt(time).responses += 1;
    this.widenIfNeeded();
  }

  countIcmpError(time: number, kind: IcmpErrorKind): void {
    this.bucketAt(time).icmpErrors[kind] += 1;
    this.widenIfNeeded();
  }

  moveQuery(time: number, from: QueryOutcome, to: QueryOutcome): void {
    if (from === to) return;
    const bucket = this.bucketAt(time);
    bucket.queries[from] -= 1;
    bucket.queries[to] += 1;
  }

  /** The buckets in time order, empty ones between included. */
  buckets(): TimelineBucket[] {
    const width = this.width;
    const result: TimelineBucket[] = [];
    for (let key = this.firstKey; key <= this.lastKey; key += 1) {
      result.push(this.counts.get(key) ?? emptyBucket(key * width, (key + 1) * width));
    }
    return result;
  }

  private bucketAt(time: number): TimelineBucket {
    return this.bucketOfKey(ladderKey(time, this.widthIndex));
  }

  private bucketOfKey(key: number): TimelineBucket {
    if (key === this.recentKey) return this.recentBucket!;
    let bucket = this.counts.get(key);
    if (!bucket) {
      bucket = emptyBucket(key * this.width, (key + 1) * this.width);
      this.counts.set(key, bucket);
      if (key < this.firstKey) this.firstKey = key;
      if (key > this.lastKey) this.lastKey = key;
    }
    this.recentKey = key;
    this.recentBucket = bucket;
    return bucket;
  }

  /** Widens until the span fits in maxBuckets, merging exactly (each width divides the next). */
  private widenIfNeeded(): void {
    while (this.lastKey - this.firstKey + 1 > this.maxBuckets && this.widthIndex < storageWidths.length - 1) {
      const old = [...this.counts.entries()];
      const ratio = storageMilliseconds[this.widthIndex + 1]! / storageMilliseconds[this.widthIndex]!;
      this.widthIndex += 1;
      this.counts.clear();
      this.recentKey = Number.NaN;
      this.recentBucket = undefined;
      this.firstKey = Infinity;
      this.lastKey = -Infinity;
      for (const [key, bucket] of old) addInto(this.bucketOfKey(Math.floor(key / ratio)), bucket);
    }
  }
}

/** Buckets for a whole list of events and updates (the report's and tests' one-shot use). */
export function bucketEvents(
  events: readonly TimelineEvent[],
  updates: readonly OutcomeUpdate[] = [],
  maxBuckets = 2000,
): TimelineBucket[] {
  const timeline = new TimelineBuckets(maxBuckets);
  for (const event of events) timeline.addEvent(event);
  for (const update of updates) timeline.applyUpdate(update);
  return timeline.buckets();
}

/** The round display width that gives at most about `targetCount` buckets over the span. */
export function displayWidth(span: number, baseWidth: number, targetCount: number): number {
  const wanted = Math.max(baseWidth, span / Math.max(1, targetCount));
  for (const width of displayWidths)
    if (width >= wanted - 1e-12 && isMultiple(width, baseWidth)) return width;
  return Math.ceil(wanted / baseWidth) * baseWidth;
}

/**
 * Merges buckets of one width into round, wider buckets: about `targetCount` of them over
 * [start, end) (by default the buckets' own span), empty ones included.
 */
export function regroupBuckets(
  buckets: readonly TimelineBucket[],
  targetCount: number,
  range?: { start: number; end: number },
): TimelineBucket[] {
  const first = buckets[0];
  if (!first) return [];
  const baseWidth = first.end - first.start;
  const start = range?.start ?? first.start;
  const end = range?.end ?? buckets[buckets.length - 1]!.end;
  const width = displayWidth(end - start, baseWidth, targetCount);
  const firstKey = keyOf(start, width);
  const lastKey = Math.max(firstKey, keyOf(end - baseWidth / 2, width));
  const result: TimelineBucket[] = [];
  for (let key = firstKey; key <= lastKey; key += 1) result.push(emptyBucket(key * width, (key + 1) * width));
  for (const bucket of buckets) {
    const target = result[keyOf((bucket.start + bucket.end) / 2, width) - firstKey];
    if (target) addInto(target, bucket);
  }
  return result;
}

/** Total queries of a bucket, every outcome. */
export function queryTotal(bucket: TimelineBucket): number {
  let total = 0;
  for (const outcome of queryOutcomes) total += bucket.queries[outcome];
  return total;
}

/** Total ICMP errors of a bucket, every kind. */
export function icmpTotal(bucket: TimelineBucket): number {
  let total = 0;
  for (const kind of icmpErrorKinds) total += bucket.icmpErrors[kind];
  return total;
}
