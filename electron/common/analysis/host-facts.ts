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
  readonly ownTtls = new CappedCounter<number>(16);
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
    if (ttl > 0) this.ownTtls.add(ttl);
  }
}

/** A client's resolver choice: which servers it asked, and whether any answered it. */
export class ClientFacts {
  /** The servers it asked, with their query counts. */
  readonly servers = new CappedCounter<string>(16);
  queries = 0;

  addQuery(server: string): void {
    this.queries++;
    this.servers.add(server);
  }

  /** Responses of any rcode it received. */
  responses = 0;
}
