/**
 * dns-nxdomain is about names a client keeps asking for, not about one typo. Each NXDOMAIN
 * transaction is counted per (service, client, type, name); a name qualifies once the same
 * client got NXDOMAIN for it in `nxdomainRepeats` separate transactions, and a service
 * qualifies whatever the names after `nxdomainBurst` NXDOMAIN answers (the random-subdomain
 * pattern, where every name is new). The per-name table is capped; names past the cap are
 * still counted in the service's window.
 */
import type { ServiceState } from './service-state';
import type { Thresholds } from './thresholds';

export interface NxdomainName {
  service: ServiceState;
  client: string;
  name: string;
  type: number;
  count: number;
  firstMicroseconds: number;
  lastMicroseconds: number;
}

/** An entry with the link to the next of the same client and name (another type or service). */
interface TrackedName extends NxdomainName {
  next: TrackedName | undefined;
}

export class NxdomainTracker {
  /**
   * By lowercase name, then client: the client's first entry, its others (a client asking for
   * several types, or services) chained after it. No array per client: most have one entry.
   */
  private readonly names = new Map<string, Map<string, TrackedName>>();
  private entries = 0;
  /** NXDOMAIN transactions whose name could not be tracked because the table was full. */
  untracked = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries;
  }

  /** Count one NXDOMAIN transaction; returns its entry (the tag of its evidence lines), or undefined past the cap. */
  record(
    service: ServiceState,
    client: string,
    lowerName: string,
    type: number,
    startMicroseconds: number,
    endMicroseconds: number,
  ): NxdomainName | undefined {
    let byClient = this.names.get(lowerName);
    const first = byClient?.get(client);
    let last: TrackedName | undefined;
    for (let entry = first; entry; entry = entry.next) {
      last = entry;
      if (entry.service !== service || entry.type !== type) continue;
      entry.count++;
      if (startMicroseconds < entry.firstMicroseconds) entry.firstMicroseconds = startMicroseconds;
      if (endMicroseconds > entry.lastMicroseconds) entry.lastMicroseconds = endMicroseconds;
      return entry;
    }
    if (this.entries >= this.limit) {
      this.untracked++;
      return undefined;
    }
    const entry: TrackedName = {
      service,
      client,
      name: lowerName,
      type,
      count: 1,
      firstMicroseconds: startMicroseconds,
      lastMicroseconds: endMicroseconds,
      next: undefined,
    };
    if (last) last.next = entry;
    else {
      if (!byClient) this.names.set(lowerName, (byClient = new Map()));
      byClient.set(client, entry);
    }
    this.entries++;
    return entry;
  }

  /** The names of one service a client kept asking for. */
  repeated(service: ServiceState, thresholds: Thresholds): Set<NxdomainName> {
    const found = new Set<NxdomainName>();
    for (const byClient of this.names.values()) {
      for (const first of byClient.values()) {
        for (let entry: TrackedName | undefined = first; entry; entry = entry.next) {
          if (entry.service === service && entry.count >= thresholds.nxdomainRepeats) found.add(entry);
        }
      }
    }
    return found;
  }
}
