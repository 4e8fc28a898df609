/**
 * dns-nxdomain is about names a client keeps asking for, not about one typo. Each NXDOMAIN
 * transaction is counted per (service, client, type, name); a name qualifies once the same
 * client got NXDOMAIN for it in `nxdomainRepeats` separate transactions, and a service
 * qualifies whatever the names after `nxdomainBurst` NXDOMAIN answers (the random-subdomain
 * pattern, where every name is new). The per-name table is capped; names past the cap are
 * still counted in the service's window.
 */
import type { Thresholds } from './thresholds';

export interface NxdomainName {
  serviceKey: string;
  client: string;
  name: string;
  type: number;
  count: number;
  firstMicroseconds: number;
  lastMicroseconds: number;
}

export class NxdomainTracker {
  private readonly names = new Map<string, NxdomainName>();
  /** NXDOMAIN transactions whose name could not be tracked because the table was full. */
  untracked = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.names.size;
  }

  /** Count one NXDOMAIN transaction; returns the tag its evidence lines carry. */
  record(
    serviceKey: string,
    client: string,
    name: string,
    lowerName: string,
    type: number,
    startMicroseconds: number,
    endMicroseconds: number,
  ): string {
    const tag = `${serviceKey}|${client}|${type}|${lowerName}`;
    const entry = this.names.get(tag);
    if (entry) {
      entry.count++;
      if (startMicroseconds < entry.firstMicroseconds) entry.firstMicroseconds = startMicroseconds;
      if (endMicroseconds > entry.lastMicroseconds) entry.lastMicroseconds = endMicroseconds;
    } else if (this.names.size < this.limit) {
      this.names.set(tag, {
        serviceKey,
        client,
        name,
        type,
        count: 1,
        firstMicroseconds: startMicroseconds,
        lastMicroseconds: endMicroseconds,
      });
    } else {
      this.untracked++;
    }
    return tag;
  }

  /** The names of one service a client kept asking for, with their tags. */
  repeated(serviceKey: string, thresholds: Thresholds): Map<string, NxdomainName> {
    const found = new Map<string, NxdomainName>();
    for (const [tag, entry] of this.names) {
      if (entry.serviceKey === serviceKey && entry.count >= thresholds.nxdomainRepeats) found.set(tag, entry);
    }
    return found;
  }
}
