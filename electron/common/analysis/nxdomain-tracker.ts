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

/**
 * A name's entries in the order they came. A name asked by a few clients (nearly all) is
 * searched in that list; past `clientIndexAfter` entries (one name, many clients: spoofed or a
 * big NAT) its entries are also indexed by client, so that no search grows with the clients.
 */
interface NameEntries {
  list: NxdomainName[];
  byClient: Map<string, NxdomainName[]> | undefined;
}

const clientIndexAfter = 16;

export class NxdomainTracker {
  /** By lowercase name; a client asking for several types (or services) has several entries. */
  private readonly names = new Map<string, NameEntries>();
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
    const entries = this.names.get(lowerName);
    const candidates = entries?.byClient ? entries.byClient.get(client) : entries?.list;
    if (candidates) {
      for (let index = 0; index < candidates.length; index++) {
        const entry = candidates[index]!;
        if (entry.client !== client || entry.service !== service || entry.type !== type) continue;
        entry.count++;
        if (startMicroseconds < entry.firstMicroseconds) entry.firstMicroseconds = startMicroseconds;
        if (endMicroseconds > entry.lastMicroseconds) entry.lastMicroseconds = endMicroseconds;
        return entry;
      }
    }
    if (this.entries >= this.limit) {
      this.untracked++;
      return undefined;
    }
    const entry: NxdomainName = {
      service,
      client,
      name: lowerName,
      type,
      count: 1,
      firstMicroseconds: startMicroseconds,
      lastMicroseconds: endMicroseconds,
    };
    if (entries) {
      entries.list.push(entry);
      if (entries.byClient) addByClient(entries.byClient, entry);
      else if (entries.list.length > clientIndexAfter) entries.byClient = indexByClient(entries.list);
    } else this.names.set(lowerName, { list: [entry], byClient: undefined });
    this.entries++;
    return entry;
  }

  /**
   * The names of one service a client kept asking for: by name (first seen first), then by
   * client (first seen first), each client's entries in the order they came.
   */
  repeated(service: ServiceState, thresholds: Thresholds): Set<NxdomainName> {
    const found = new Set<NxdomainName>();
    for (const entries of this.names.values()) {
      for (const list of (entries.byClient ?? indexByClient(entries.list)).values()) {
        for (const entry of list) {
          if (entry.service === service && entry.count >= thresholds.nxdomainRepeats) found.add(entry);
        }
      }
    }
    return found;
  }
}

function addByClient(byClient: Map<string, NxdomainName[]>, entry: NxdomainName): void {
  const list = byClient.get(entry.client);
  if (list) list.push(entry);
  else byClient.set(entry.client, [entry]);
}

function indexByClient(list: readonly NxdomainName[]): Map<string, NxdomainName[]> {
  const byClient = new Map<string, NxdomainName[]>();
  for (const entry of list) addByClient(byClient, entry);
  return byClient;
}
