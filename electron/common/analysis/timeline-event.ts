/**
 * What the timeline, the events table and live capture stream: one event per DNS message
 * or ICMP error, in frame order. A query's outcome is known only later (its response,
 * the ICMP error quoting it, or the timeout), so outcomes arrive as `OutcomeUpdate`s.
 */

/** Every query outcome, in the order the timeline stacks them. */
export const queryOutcomes = [
  'answered', // NOERROR response
  'nxdomain',
  'servfail',
  'refused',
  'other-rcode',
  'icmp-failed', // an ICMP/ICMPv6 error quoted the query
  'unanswered', // nothing came back within the timeout
  'pending', // nothing yet, but younger than the timeout
] as const;
export type QueryOutcome = (typeof queryOutcomes)[number];

/** ICMP/ICMPv6 errors grouped the way incidents are (the contract's `icmp.byKind` keys). */
export const icmpErrorKinds = [
  'port-unreachable',
  'admin-prohibited',
  'host-unreachable',
  'network-unreachable',
  'other-unreachable',
  'ttl-exceeded',
  'fragmentation-needed',
  'parameter-problem',
  'redirect',
  'source-quench',
] as const;
export type IcmpErrorKind = (typeof icmpErrorKinds)[number];

export interface TimelineEvent {
  frame: number;
  /** Unix time in seconds, with the fraction (microsecond precision is kept). */
  time: number;
  kind: 'dns-query' | 'dns-response' | 'icmp-error';
  /** Sender and receiver of this packet. */
  source: string;
  destination: string;
  /** The DNS server's address and port the event concerns (for ICMP errors: the quoted destination). */
  server: string;
  serverPort: number;
  transport: 'UDP' | 'TCP';
  /** DNS query name and type, when known (quoted or own). */
  name?: string;
  queryType?: string;
  dnsId?: number;
  /** dns-query: the outcome as known now. */
  outcome?: QueryOutcome;
  /** dns-response: the rcode name (NOERROR, NXDOMAIN, ...). */
  rcode?: string;
  /** icmp-error: its kind, and the raw type and code. */
  icmpKind?: IcmpErrorKind;
  icmpType?: number;
  icmpCode?: number;
  /** dns-response and icmp-error: the query frame they answer, when matched. */
  queryFrame?: number;
  /** The tcpdump -n style line of the packet. */
  line: string;
}

/**
 * What counts events without keeping them (the report's timeline buckets): the Analyzer
 * calls it where it would emit an event or an outcome update, with the time of the query
 * concerned. Times are Unix seconds with the fraction, as TimelineEvent.time.
 */
export interface TimelineCounter {
  countQuery(time: number, outcome: QueryOutcome): void;
  countResponse(time: number): void;
  countIcmpError(time: number, kind: IcmpErrorKind): void;
  /** A query counted at `time` changed outcome. */
  moveQuery(time: number, from: QueryOutcome, to: QueryOutcome): void;
}

export interface OutcomeUpdate {
  /** The query's frame number. */
  frame: number;
  outcome: QueryOutcome;
  /** The frame that settled it (response or ICMP error); absent for timeouts. */
  settledBy?: number;
}
