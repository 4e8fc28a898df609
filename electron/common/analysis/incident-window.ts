/**
 * One failing server, service and kind over a window: the accumulator an incident is made
 * from. Failures are folded in as they settle and the packets themselves are dropped; only
 * counts, a capped list of names and clients, and capped evidence lines remain.
 */
import type { IncidentKind } from '../report/analysis-schema';
import { AnswerDelays } from './answer-delays';
import { CappedCounter } from './capped-counter';
import { EvidenceList } from './evidence';
import type { Transport } from './layer-view';

export interface WindowLimits {
  names: number;
  clients: number;
  evidence: number;
}

export class IncidentWindow {
  startMicroseconds = Number.POSITIVE_INFINITY;
  endMicroseconds = Number.NEGATIVE_INFINITY;
  /** Failing queries (transactions); a query known only from an ICMP quote counts too. */
  queries = 0;
  /** Attempts: the failing queries plus their retransmissions. */
  attempts = 0;
  /** ICMP/ICMPv6 errors in the window. */
  icmpErrors = 0;
  /** ICMP errors that quoted a query the capture never showed. */
  icmpWithoutQuery = 0;
  /** DNS responses in the window (SERVFAIL, REFUSED, NXDOMAIN incidents). */
  responses = 0;
  /** Of those responses, how many had recursion available clear (RFC 1035 §4.1.1 RA). */
  responsesWithoutRecursion = 0;
  /** Queries that asked for recursion (RD set). */
  recursionDesired = 0;
  /** Timeouts joined into an ICMP incident because rate limiting hid their errors. */
  joinedTimeouts = 0;
  readonly clients: CappedCounter<string>;
  readonly names: CappedCounter<string>;
  /** Who sent the ICMP errors, and with which TTL / hop limit as received. */
  readonly icmpSources = new CappedCounter<string>(16);
  readonly icmpTtls = new CappedCounter<number>(16);
  /** ICMP type × 256 + code of the errors (3/3 is 771): numbers, so the hot path formats nothing. */
  readonly icmpCodes = new CappedCounter<number>(16);
  /** Next-hop MTUs reported by fragmentation-needed / packet-too-big errors. */
  readonly mtus = new CappedCounter<number>(16);
  /** TTLs the quoted datagrams carried when the error was generated (ttl-exceeded). */
  readonly quotedTtls = new CappedCounter<number>(16);
  /** How long after its query each failing answer (ICMP error or failing rcode) came. */
  readonly answerDelays = new AnswerDelays();
  readonly evidence: EvidenceList;

  constructor(
    readonly kind: IncidentKind,
    readonly transport: Transport,
    readonly server: string,
    readonly port: number,
    readonly limits: WindowLimits,
  ) {
    this.clients = new CappedCounter<string>(limits.clients);
    this.names = new CappedCounter<string>(limits.names);
    this.evidence = new EvidenceList(limits.evidence);
  }

  /** Widen the window to include a failure that spans [start, end]. */
  cover(startMicroseconds: number, endMicroseconds: number): void {
    if (startMicroseconds < this.startMicroseconds) this.startMicroseconds = startMicroseconds;
    if (endMicroseconds > this.endMicroseconds) this.endMicroseconds = endMicroseconds;
  }

  /** Fold another window of the same server into this one (rate-limited timeouts into an ICMP incident). */
  mergeFrom(other: IncidentWindow): void {
    this.cover(other.startMicroseconds, other.endMicroseconds);
    this.queries += other.queries;
    this.attempts += other.attempts;
    this.icmpErrors += other.icmpErrors;
    this.icmpWithoutQuery += other.icmpWithoutQuery;
    this.responses += other.responses;
    this.responsesWithoutRecursion += other.responsesWithoutRecursion;
    this.recursionDesired += other.recursionDesired;
    this.clients.mergeFrom(other.clients);
    this.names.mergeFrom(other.names);
    this.icmpSources.mergeFrom(other.icmpSources);
    this.icmpTtls.mergeFrom(other.icmpTtls);
    this.icmpCodes.mergeFrom(other.icmpCodes);
    this.mtus.mergeFrom(other.mtus);
    this.quotedTtls.mergeFrom(other.quotedTtls);
    this.answerDelays.mergeFrom(other.answerDelays);
    this.evidence.mergeFrom(other.evidence);
  }

  clone(): IncidentWindow {
    const copy = new IncidentWindow(this.kind, this.transport, this.server, this.port, this.limits);
    copy.mergeFrom(this);
    copy.joinedTimeouts = this.joinedTimeouts;
    return copy;
  }
}
