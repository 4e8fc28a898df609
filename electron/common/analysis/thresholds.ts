/**
 * When failures become an incident, and how bad it is. Every number here is documented in
 * docs/analysis.md; callers override any of them through `AnalysisOptions.thresholds`.
 */

export interface Thresholds {
  /**
   * ICMP/ICMPv6 errors that make a DNS unreachable incident (port, admin-prohibited, host,
   * network). One is enough: the error is an explicit statement from the network (RFC 792,
   * RFC 4443), not a guess from silence.
   */
  icmpMinimumErrors: number;
  /**
   * Unanswered attempts (queries plus their retransmissions) that make a dns-timeout
   * incident. A single lost datagram is UDP's normal weather (RFC 1035 §4.2.1 leaves
   * retransmission to the client), two unanswered attempts in a row are not.
   */
  timeoutMinimumAttempts: number;
  /** SERVFAIL responses that make a dns-servfail incident (resolvers return one-off SERVFAILs for broken zones). */
  servfailMinimumResponses: number;
  /** REFUSED responses that make a dns-refused incident: a refusal is an explicit policy answer. */
  refusedMinimumResponses: number;
  /**
   * dns-nxdomain: a name qualifies when one client got NXDOMAIN for the same name and type
   * in at least this many separate transactions (retransmissions do not count). A browser's
   * single lookup of a typo (one A and one AAAA query) does not qualify.
   */
  nxdomainRepeats: number;
  /** dns-nxdomain: this many NXDOMAIN answers from one server qualify whatever the names (random-subdomain pattern). */
  nxdomainBurst: number;
  /** dns-query-flood: a second is a flood second when a server's queries reach this many times the capture's median rate... */
  floodFactor: number;
  /** ...and at least this many queries in that second (absolute floor, so a quiet capture never "floods"). */
  floodMinimumQueriesPerSecond: number;
  /** Flood seconds this close together (in seconds) are one flood incident. */
  floodMergeGapSeconds: number;
  /** ICMP time exceeded errors (in transit, v4 code 0 / v6 code 0) that make a ttl-exceeded incident. */
  ttlExceededMinimumErrors: number;
  /** ICMP fragmentation-needed / ICMPv6 packet-too-big errors that make a fragmentation-needed incident. */
  fragmentationNeededMinimumErrors: number;
  /**
   * Timeouts this close (seconds) to an ICMP unreachable incident of the same server, with no
   * success in between, join that incident: routers and hosts rate-limit ICMP errors
   * (RFC 1812 §4.3.2.8, RFC 4443 §2.4(f), Linux icmp_ratelimit), so the silent queries of an
   * outage are the same outage.
   */
  rateLimitJoinSeconds: number;
  /**
   * Success runs: successes closer together than this (seconds) are one run. Incidents split
   * on a success run between failures; the resolution bounds memory for busy servers.
   */
  successResolutionSeconds: number;
  /** Severity: an incident with at least this many failing queries (or errors) is high rather than medium. */
  highMinimumFailures: number;
  /** UDP destination ports of classic traceroute probes (Van Jacobson's 33434 + hops): their time-exceeded errors are the tool working, not an incident. */
  tracerouteFirstPort: number;
  tracerouteLastPort: number;
}

export const defaultThresholds: Readonly<Thresholds> = Object.freeze({
  icmpMinimumErrors: 1,
  timeoutMinimumAttempts: 2,
  servfailMinimumResponses: 2,
  refusedMinimumResponses: 1,
  nxdomainRepeats: 2,
  nxdomainBurst: 50,
  floodFactor: 10,
  floodMinimumQueriesPerSecond: 100,
  floodMergeGapSeconds: 2,
  ttlExceededMinimumErrors: 1,
  fragmentationNeededMinimumErrors: 1,
  rateLimitJoinSeconds: 10,
  successResolutionSeconds: 1,
  highMinimumFailures: 3,
  tracerouteFirstPort: 33434,
  tracerouteLastPort: 33534,
});
