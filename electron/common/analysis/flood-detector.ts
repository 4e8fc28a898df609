/**
 * dns-query-flood: queries per second, per service, against the capture's normal rate.
 *
 * Every query lands in a one-second bucket. The capture-wide count of each second goes into
 * a histogram (bounded by the number of distinct rates, not by the capture's length), from
 * which the median rate is read, seconds without any query included. A service's second at
 * or above the absolute floor is remembered as four numbers; at the end, those at or above
 * max(floor, factor × median) are flood seconds, and flood seconds close together are one
 * flood.
 *
 * Who flooded and with what (clients, names, evidence lines) is sampled only in seconds that
 * already look like a flood against the median so far, so steady busy traffic costs at most one Map
 * lookup per query and nothing more.
 */
import { CappedCounter } from './capped-counter';
import { EvidenceList, type EvidenceEntry } from './evidence';
import type { Thresholds } from './thresholds';

export interface FloodWindow<Service> {
  service: Service;
  startMicroseconds: number;
  endMicroseconds: number;
  queries: number;
  seconds: number;
  peakQueriesPerSecond: number;
  medianQueriesPerSecond: number;
  limitQueriesPerSecond: number;
  /** Sampled: empty when the flood did not stand out while the capture was read (see above). */
  clients: CappedCounter<string>;
  names: CappedCounter<string>;
  evidence: EvidenceList;
}

/** Who and what a flood-looking second carried: its first queries. */
interface SecondSample {
  clients: CappedCounter<string>;
  names: CappedCounter<string>;
  evidence: EvidenceEntry[];
  taken: number;
}

class Bucket {
  count = 0;
  firstMicroseconds = 0;
  lastMicroseconds = 0;
  sample: SecondSample | undefined = undefined;
}

/** Distinct clients and names counted per sampled second. */
const trackedPerSecond = 64;
/** Queries of a sampled second whose client and name are counted. */
const sampledPerSecond = 256;
/** Sampled seconds kept per service (a flood's first ten minutes say who floods). */
const sampledSecondsPerService = 600;
/** Seconds at or above the floor remembered in all; past this, only flood-looking ones. */
const heavySecondsKept = 100_000;

export class FloodDetector<Service> {
  private currentSecond = Number.NaN;
  private currentTotal = 0;
  private readonly buckets = new Map<Service, Bucket>();
  /** The bucket of the last query's service, while it is in `buckets`. */
  private lastService: Service | undefined = undefined;
  private lastBucket: Bucket | undefined = undefined;
  /** Seconds per capture-wide query rate: rate → number of seconds. */
  private readonly histogram = new Map<number, number>();
  /** The most queries (all services) any closed second had. */
  private busiest = 0;
  private firstSecond = Number.NaN;
  private lastSecond = Number.NaN;
  /** Per service, seconds at or above the floor: flat [second, count, first µs, last µs, ...]. */
  private readonly heavy = new Map<Service, number[]>();
  private heavyCount = 0;
  private readonly samples = new Map<Service, Map<number, SecondSample>>();
  /** max(floor, factor × median so far): a second at this rate looks like a flood while reading. */
  private runningLimit: number;

  constructor(
    private readonly thresholds: Thresholds,
    private readonly evidenceLimit: number,
  ) {
    this.runningLimit = thresholds.floodMinimumQueriesPerSecond;
  }

  /** Heavy seconds remembered (bounded). */
  get heavySeconds(): number {
    return this.heavyCount;
  }

  /**
   * Count one query. Returns the list its evidence line goes into when the query belongs to a
   * flood-looking second whose sample still has room (the caller then formats the line).
   */
  query(
    service: Service,
    microseconds: number,
    client: string,
    lowerName: string,
  ): EvidenceEntry[] | undefined {
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
    // Queries mostly go to the service the last one went to: its bucket needs no lookup.
    let bucket = service === this.lastService ? this.lastBucket : this.buckets.get(service);
    if (!bucket) {
      bucket = new Bucket();
      bucket.firstMicroseconds = microseconds;
      this.buckets.set(service, bucket);
    }
    this.lastService = service;
    this.lastBucket = bucket;
    bucket.count++;
    bucket.lastMicroseconds = microseconds;
    if (bucket.count < this.runningLimit) return undefined;
    const sample = bucket.sample ?? (bucket.sample = this.newSample(service, second));
    if (!sample || sample.taken >= sampledPerSecond) return undefined;
    sample.taken++;
    sample.clients.add(client);
    sample.names.add(lowerName);
    return sample.evidence.length < this.evidenceLimit ? sample.evidence : undefined;
  }

  /** The floods so far, with the rates they were judged by; the current second is included without being closed. */
  floods(): { windows: FloodWindow<Service>[]; median: number; limit: number; busiest: number } {
    const histogram = new Map(this.histogram);
    if (this.currentTotal > 0) histogram.set(this.currentTotal, (histogram.get(this.currentTotal) ?? 0) + 1);
    const median = this.medianRate(histogram);
    const limit = Math.max(
      this.thresholds.floodMinimumQueriesPerSecond,
      this.thresholds.floodFactor * median,
    );
    const services = new Map<Service, number[]>();
    for (const [service, seconds] of this.heavy) services.set(service, seconds.slice());
    for (const [service, bucket] of this.buckets) {
      if (bucket.count < this.thresholds.floodMinimumQueriesPerSecond) continue;
      const list = services.get(service) ?? services.set(service, []).get(service)!;
      list.push(this.currentSecond, bucket.count, bucket.firstMicroseconds, bucket.lastMicroseconds);
    }
    const windows: FloodWindow<Service>[] = [];
    const gap = this.thresholds.floodMergeGapSeconds;
    for (const [service, seconds] of services) {
      let window: FloodWindow<Service> | undefined;
      let lastSecond = Number.NEGATIVE_INFINITY;
      for (let index = 0; index < seconds.length; index += 4) {
        const second = seconds[index]!;
        const count = seconds[index + 1]!;
        if (count < limit) continue;
        if (!window || second - lastSecond > gap) {
          window = {
            service,
            startMicroseconds: seconds[index + 2]!,
            endMicroseconds: seconds[index + 3]!,
            queries: 0,
            seconds: 0,
            peakQueriesPerSecond: 0,
            medianQueriesPerSecond: median,
            limitQueriesPerSecond: limit,
            clients: new CappedCounter<string>(trackedPerSecond),
            names: new CappedCounter<string>(trackedPerSecond),
            evidence: new EvidenceList(this.evidenceLimit),
          };
          windows.push(window);
        }
        window.endMicroseconds = seconds[index + 3]!;
        window.queries += count;
        window.seconds++;
        window.peakQueriesPerSecond = Math.max(window.peakQueriesPerSecond, count);
        const sample = this.sampleOf(service, second);
        if (sample) {
          window.clients.mergeFrom(sample.clients);
          window.names.mergeFrom(sample.names);
          for (const entry of sample.evidence) window.evidence.push(entry);
        }
        lastSecond = second;
      }
    }
    for (const window of windows)
      window.evidence.omitted = Math.max(0, window.queries - window.evidence.entries.length);
    return { windows, median, limit, busiest: Math.max(this.busiest, this.currentTotal) };
  }

  private sampleOf(service: Service, second: number): SecondSample | undefined {
    if (second === this.currentSecond) return this.buckets.get(service)?.sample;
    return this.samples.get(service)?.get(second);
  }

  private newSample(service: Service, second: number): SecondSample | undefined {
    let perService = this.samples.get(service);
    if (!perService) this.samples.set(service, (perService = new Map()));
    if (perService.size >= sampledSecondsPerService) return undefined;
    const sample: SecondSample = {
      clients: new CappedCounter<string>(trackedPerSecond),
      names: new CappedCounter<string>(trackedPerSecond),
      evidence: [],
      taken: 0,
    };
    perService.set(second, sample);
    return sample;
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

  private flush(): void {
    if (this.currentTotal === 0) return;
    if (this.currentTotal > this.busiest) this.busiest = this.currentTotal;
    this.histogram.set(this.currentTotal, (this.histogram.get(this.currentTotal) ?? 0) + 1);
    const floor = this.thresholds.floodMinimumQueriesPerSecond;
    for (const [service, bucket] of this.buckets) {
      if (bucket.count < floor) continue;
      if (this.heavyCount >= heavySecondsKept && bucket.count < this.runningLimit) continue;
      const list = this.heavy.get(service) ?? this.heavy.set(service, []).get(service)!;
      list.push(this.currentSecond, bucket.count, bucket.firstMicroseconds, bucket.lastMicroseconds);
      this.heavyCount++;
    }
    this.buckets.clear();
    this.lastService = undefined;
    this.lastBucket = undefined;
    this.currentTotal = 0;
    // The histogram's distinct rates are few; the median so far decides what looks like a flood next.
    this.runningLimit = Math.max(floor, this.thresholds.floodFactor * this.medianRate(this.histogram));
  }
}
