/** The capture-wide DNS and ICMP counts of the contract's `dns` and `icmp` sections. */
import { dnsRcodeName } from '../decode/dns-names';
import type { IcmpErrorKind } from './timeline-event';

export class DnsCounters {
  /** Distinct queries (a retransmission counts once here). */
  queries = 0;
  retransmissions = 0;
  /** Every DNS response seen, matched or not. */
  responses = 0;
  /** Queries with neither response nor ICMP error within the timeout (re-settled late answers leave). */
  unanswered = 0;
  failedWithIcmp = 0;
  /**
   * Responses that matched no open query: the capture started after the query, or a second
   * response to a query already answered (answered queries are not kept).
   */
  unsolicited = 0;
  /** Responses or ICMP errors for a query already counted as unanswered. */
  lateAnswers = 0;
  /** ICMP errors quoting a DNS query the capture never showed. */
  icmpWithoutQuery = 0;
  /** Responses per rcode: 12 bits with EDNS (RFC 6891 §6.1.3), counted by index, with no Map lookup per response. */
  private readonly rcodes = new Float64Array(4096);
  icmpErrors = 0;
  readonly icmpByKind = new Map<IcmpErrorKind, number>();

  rcode(rcode: number): void {
    this.rcodes[rcode & 0xfff]!++;
  }

  icmp(kind: IcmpErrorKind): void {
    this.icmpErrors++;
    this.icmpByKind.set(kind, (this.icmpByKind.get(kind) ?? 0) + 1);
  }

  /** Every rcode seen, by its registry name (NOERROR, NXDOMAIN, ...), in numeric order. */
  rcodeNames(): Record<string, number> {
    const names: Record<string, number> = {};
    this.rcodes.forEach((count, rcode) => {
      if (count > 0) names[dnsRcodeName(rcode)] = count;
    });
    return names;
  }

  icmpKinds(): Record<string, number> {
    const kinds: Record<string, number> = {};
    for (const [kind, count] of this.icmpByKind) kinds[kind] = count;
    return kinds;
  }
}
