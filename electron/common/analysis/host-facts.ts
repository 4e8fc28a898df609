/**
 * What a server's address did besides the failing service, for weighing causes: did the host
 * send anything at all (it is up), with which TTL (an ICMP error forged by a firewall in
 * front of it usually arrives with another hop count than the host's own packets), and did
 * it send ICMP errors itself. Tracked only for addresses the capture used as DNS servers or
 * that ICMP errors quoted as destinations.
 */
import { CappedCounter } from './capped-counter';

export class HostFacts {
  /** Packets with this address as IP source, of any kind. */
  packets = 0;
  /** Of those, packets that were not ICMP errors (DNS responses, TCP, echo replies, ...). */
  ownPackets = 0;
  /** TTL / hop limit of its non-ICMP-error packets, as received. 0 (unknown, text imports) is not counted. */
  private readonly ttlCounts = new CappedCounter<number>(16);
  /** Packets with the same TTL as the previous one, not yet in ttlCounts (a host's TTL rarely changes). */
  private lastTtl = 0;
  private lastTtlCount = 0;
  /** ICMP errors it sent. */
  icmpErrors = 0;
  firstMicroseconds = Number.POSITIVE_INFINITY;
  lastMicroseconds = Number.NEGATIVE_INFINITY;
  /** DNS queries sent to it (any port or transport). */
  queriesTo = 0;

  constructor(readonly address: string) {}

  sawPacket(microseconds: number, ttl: number, icmpError: boolean): void {
    this.packets++;
    if (microseconds < this.firstMicroseconds) this.firstMicroseconds = microseconds;
    if (microseconds > this.lastMicroseconds) this.lastMicroseconds = microseconds;
    if (icmpError) {
      this.icmpErrors++;
      return;
    }
    this.ownPackets++;
    if (ttl === this.lastTtl) {
      this.lastTtlCount++;
      return;
    }
    if (this.lastTtl > 0 && this.lastTtlCount > 0) this.ttlCounts.add(this.lastTtl, this.lastTtlCount);
    this.lastTtl = ttl;
    this.lastTtlCount = 1;
  }

  /** The TTLs its own packets arrived with, and how many of each. */
  get ownTtls(): CappedCounter<number> {
    if (this.lastTtl > 0 && this.lastTtlCount > 0) this.ttlCounts.add(this.lastTtl, this.lastTtlCount);
    this.lastTtlCount = 0;
    return this.ttlCounts;
  }
}

/** A client's resolver choice: which servers it asked, and whether any answered it. */
export class ClientFacts {
  private readonly serverCounts = new CappedCounter<string>(16);
  /** Queries to the same server as the previous one, not yet in serverCounts (a client mostly asks one server). */
  private lastServer = '';
  private lastCount = 0;
  queries = 0;

  addQuery(server: string): void {
    this.queries++;
    if (server === this.lastServer) {
      this.lastCount++;
      return;
    }
    if (this.lastCount > 0) this.serverCounts.add(this.lastServer, this.lastCount);
    this.lastServer = server;
    this.lastCount = 1;
  }

  /** The servers it asked, with their query counts. */
  get servers(): CappedCounter<string> {
    if (this.lastCount > 0) {
      this.serverCounts.add(this.lastServer, this.lastCount);
      this.lastCount = 0;
    }
    return this.serverCounts;
  }

  /** Responses of any rcode it received. */
  responses = 0;
}
