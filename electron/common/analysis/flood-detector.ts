/**
 * dns-query-flood: queries per second, per service, against the capture's normal rate.
 *
 * Every query lands in a one-second bucket. The capture-wide count of each second goes into
 * a histogram (bounded by the number of distinct rates, not by the capture's length), from
 * which the median rate is read, seconds without any query included. A service's second is
 * kept as "heavy" when it reaches the absolute floor; at the end, heavy seconds at or above
 * max(floor, factor × median) are flood seconds, and flood seconds close together are one
 * flood. Clients and names are sampled only in busy buckets, so quiet traffic costs one
 * Map lookup per query.
 */
import { CappedCounter } from './capped-counter';
import { EvidenceList } from './evidence';
import type { Thresholds } from './thresholds';

export interface FloodSecond {
  second: number;
  count: number;
  firstMicroseconds: number;
  lastMicroseconds: number;
  clients: CappedCounter<string>;
  names: CappedCounter<string>;
}

export interface FloodWindow<Service> {
  service: Service;
  startMicroseconds: number;
  endMicroseconds: number;
  queries: number;
  seconds: number;
  peakQueriesPerSecond: number;
  medianQueriesPerSecond: number;
  limitQueriesPerSecond: number;
  clients: CappedCounter<string>;
  names: CappedCounter<string>;
  evidence: EvidenceList;
}

class Bucket {
  count = 0;
  firstMicroseconds = 0;
  lastMicroseconds = 0;
  clients: CappedCounter<string> | undefined = undefined;
  names: CappedCounter<string> | undefined = undefined;
}

/** Distinct clients and names counted per busy second and service. */
const trackedPerSecond = 64;
/**
 * Queries of a busy second whose client and name are counted: a sample from the start of the
 * second, enough to name who floods and with what, at a bounded cost per second.
 */
const sampledPerSecond = 256;

/** Counts per service; `Service` is any object standing for one (the analyzer's ServiceState). */
export class FloodDetector<Service> {
  private currentSecond = Number.NaN;
  private currentTotal = 0;
  private readonly buckets = new Map<Service, Bucket>();
  /** Seconds per capture-wide query rate: rate → number of seconds. */
  private readonly histogram = new Map<number, number>();
  /** The most queries (all services) any closed second had. */
  private busiest = 0;
  private firstSecond = Number.NaN;
  private lastSecond = Number.NaN;
  private readonly heavy = new Map<Service, FloodSecond[]>();
  private readonly evidence = new Map<Service, EvidenceList>();
  private readonly trackFrom: number;

  constructor(
    private readonly thresholds: Thresholds,
    private readonly evidenceLimit: number,
  ) {
    // Below a tenth of the floor a second cannot become a flood: do not count its clients.
    this.trackFrom = Math.max(1, Math.floor(thresholds.floodMinimumQueriesPerSecond / 10));
  }

  /** Heavy seconds kept (bounded by the capture's length in flood seconds). */
  get heavySeconds(): number {
    let total = 0;
    for (const list of this.heavy.values()) total += list.length;
    return total;
  }

  /**
   * Count one query. Returns true when the query belongs to a second already at the flood
   * floor and its service's flood evidence has room: the caller then formats its line.
   */
  query(service: Service, microseconds: number, client: string, lowerName: string): boolean {
    const second = Math.floor(microseconds / 1_000_000);
    if (second !== this.currentSecond) {
      if (Number.isNaN(this.currentSecond) || second > this.currentSecond) {
        this.flush();
        this.currentSecond = second;
        if (Number.isNaN(this.firstSecond)) this.firstSecond = second;
        this.lastSecond = second;
      }
      // An older time (out-of-order interfaces) counts in the current second: close enough for a rate.
    }
    this.currentTotal++;
    let bucket = this.buckets.get(service);
    if (!bucket) {
      bucket = new Bucket();
      bucket.firstMicroseconds = microseconds;
      this.buckets.set(service, bucket);
    }
    bucket.count++;
    bucket.lastMicroseconds = microseconds;
    if (bucket.count >= this.trackFrom && bucket.count < this.trackFrom + sampledPerSecond) {
      (bucket.clients ??= new CappedCounter<string>(trackedPerSecond)).add(client);
      (bucket.names ??= new CappedCounter<string>(trackedPerSecond)).add(lowerName);
    }
    if (bucket.count < this.thresholds.floodMinimumQueriesPerSecond) return false;
    const list = this.evidenceFor(service);
    if (list.full) {
      list.omitted++;
      return false;
    }
    return true;
  }

  evidenceFor(service: Service): EvidenceList {
    let list = this.evidence.get(service);
    if (!list) {
      list = new EvidenceList(this.evidenceLimit);
      this.evidence.set(service, list);
    }
    return list;
  }

  /** The floods so far, with the rates they were judged by; the current second is included without being closed. */
  floods(): { windows: FloodWindow<Service>[]; median: number; limit: number; busiest: number } {
    const histogram = new Map(this.histogram);
    if (this.currentTotal > 0) histogram.set(this.currentTotal, (histogram.get(this.currentTotal) ?? 0) + 1);
    const median = this.medianRate(histogram);
    const limit = Math.max(this.thresholds.floodMinimumQueriesPerSecond, this.thresholds.floodFactor * median);
    const services = new Map<Service, FloodSecond[]>();
    for (const [service, list] of this.heavy) services.set(service, [...list]);
    for (const [service, bucket] of this.buckets) {
      const second = this.heavySecond(bucket, this.currentSecond);
      if (second) (services.get(service) ?? services.set(service, []).get(service)!).push(second);
    }
    const windows: FloodWindow<Service>[] = [];
    const gap = this.thresholds.floodMergeGapSeconds;
    for (const [service, seconds] of services) {
      let window: FloodWindow<Service> | undefined;
      let lastSecond = Number.NEGATIVE_INFINITY;
      for (const second of seconds) {
        if (second.count < limit) continue;
        if (!window || second.second - lastSecond > gap) {
          window = {
            service,
            startMicroseconds: second.firstMicroseconds,
            endMicroseconds: second.lastMicroseconds,
            queries: 0,
            seconds: 0,
            peakQueriesPerSecond: 0,
            medianQueriesPerSecond: median,
            limitQueriesPerSecond: limit,
            clients: new CappedCounter<string>(trackedPerSecond),
            names: new CappedCounter<string>(trackedPerSecond),
            evidence: this.evidence.get(service)?.clone() ?? new EvidenceList(this.evidenceLimit),
          };
          windows.push(window);
        }
        window.endMicroseconds = second.lastMicroseconds;
        window.queries += second.count;
        window.seconds++;
        window.peakQueriesPerSecond = Math.max(window.peakQueriesPerSecond, second.count);
        window.clients.mergeFrom(second.clients);
        window.names.mergeFrom(second.names);
        lastSecond = second.second;
      }
    }
    // Evidence lines were gathered per service, from its first busy second on: give each flood its own.
    for (const window of windows) {
      const inside = window.evidence.entries.filter(
        (entry) => entry.microseconds >= window.startMicroseconds && entry.microseconds <= window.endMicroseconds,
      );
      window.evidence.omitted = Math.max(0, window.queries - inside.length);
      window.evidence.entries.length = 0;
      window.evidence.entries.push(...inside);
    }
    return { windows, median, limit, busiest: Math.max(this.busiest, this.currentTotal) };
  }

  /** The capture's median queries per second, counting seconds without queries. */
  private medianRate(histogram: Map<number, number>): number {
    if (Number.isNaN(this.firstSecond)) return 0;
    const span = this.lastSecond - this.firstSecond + 1;
    let counted = 0;
    for (const seconds of histogram.values()) counted += seconds;
    const zeros = Math.max(0, span - counted);
    const middle = Math.floor((span - 1) / 2);
    if (middle < zeros) return 0;
    let position = zeros;
    for (const rate of [...histogram.keys()].sort((a, b) => a - b)) {
      position += histogram.get(rate)!;
      if (middle < position) return rate;
    }
    return 0;
  }

  private heavySecond(bucket: Bucket, second: number): FloodSecond | undefined {
    if (bucket.count < this.thresholds.floodMinimumQueriesPerSecond) return undefined;
    return {
      second,
      count: bucket.count,
      firstMicroseconds: bucket.firstMicroseconds,
      lastMicroseconds: bucket.lastMicroseconds,
      clients: bucket.clients ?? new CappedCounter<string>(trackedPerSecond),
      names: bucket.names ?? new CappedCounter<string>(trackedPerSecond),
    };
  }

  private flush(): void {
    if (this.currentTotal > this.busiest) this.busiest = this.currentTotal;
    if (this.currentTotal > 0) this.histogram.set(this.currentTotal, (this.histogram.get(this.currentTotal) ?? 0) + 1);
    for (const [service, bucket] of this.buckets) {
      const second = this.heavySecond(bucket, this.currentSecond);
      if (second) (this.heavy.get(service) ?? this.heavy.set(service, []).get(service)!).push(second);
    }
    this.buckets.clear();
    this.currentTotal = 0;
  }
}
