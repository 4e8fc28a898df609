/**
 * What the analysis knows, shared by the DNS and ICMP handlers and read by incident
 * assembly: the transaction table, counters, services, hosts and clients, floods and
 * NXDOMAIN names, and the queue of events for the UI. Every table here is bounded
 * (docs/analysis.md, "Memory bounds").
 */
import type { DecodedPacket } from '../model/packet';
import { changedSettings, type AnalysisOptions } from './analysis-options';
import { DnsCounters } from './dns-counters';
import { recordEvidence, recordTransaction } from './failure-recording';
import { AddressTable } from './address-table';
import { FloodDetector } from './flood-detector';
import { ClientFacts, HostFacts } from './host-facts';
import type { DnsFacts, LayerView, Transport } from './layer-view';
import { LatencyHistogram } from './latency-histogram';
import { NxdomainTracker } from './nxdomain-tracker';
import { PacketLines } from './packet-line';
import { reachesThreshold } from './qualification';
import { ServiceState, type ServiceLimits } from './service-state';
import { microsecondsPerSecond, secondsToMicroseconds } from './time-format';
import { dnsEvent } from './timeline-events';
import type { IcmpErrorKind, OutcomeUpdate, QueryOutcome, TimelineEvent } from './timeline-event';
import { QueryKey, serviceKeyOf, type Transaction } from './transaction';
import { TransactionTable } from './transactions';

export class AnalysisState {
  readonly counters = new DnsCounters();
  readonly latency = new LatencyHistogram();
  readonly table: TransactionTable;
  /** Services by key (transport|address|port), and the same by server address, found without building a key. */
  readonly services = new Map<string, ServiceState>();
  private readonly servicesByAddress = new AddressTable<ServiceState[]>();
  readonly hosts = new AddressTable<HostFacts>();
  readonly clients = new AddressTable<ClientFacts>();
  readonly flood: FloodDetector<ServiceState>;
  readonly nxdomain: NxdomainTracker;
  /** Services and hosts with a path incident (ttl-exceeded, fragmentation-needed): any packet back from them is a success. */
  readonly pathServices = new Map<string, ServiceState>();
  readonly pathHosts = new Set<string>();
  /** The one reusable exact key of the message being handled. */
  readonly key = new QueryKey();
  /** This analysis's evidence and event lines. */
  readonly lines = new PacketLines();
  clientsUntracked = 0;
  events: TimelineEvent[] = [];
  updates: OutcomeUpdate[] = [];
  private readonly serviceLimits: ServiceLimits;

  constructor(readonly options: AnalysisOptions) {
    const { limits, thresholds, evidenceLimit } = options;
    this.table = new TransactionTable(options, {
      settled: (transaction, previous) => this.settled(transaction, previous),
      timedOut: (transaction) => this.timedOut(transaction),
    });
    this.flood = new FloodDetector(thresholds, evidenceLimit);
    this.nxdomain = new NxdomainTracker(limits.nxdomainNames);
    this.serviceLimits = {
      names: limits.namesPerIncident,
      clients: limits.clientsPerIncident,
      evidence: evidenceLimit,
      windowsPerKind: limits.windowsPerKind,
      successRuns: limits.successRuns,
      successResolutionMicroseconds: secondsToMicroseconds(thresholds.successResolutionSeconds),
      qualifies: (window) => reachesThreshold(window, thresholds),
    };
  }

  /**
   * `serverKey`, here and below: the address's IPv4 key when the view has one
   * (LayerView.ipv4Keys), which finds the address's entry without a Map lookup (address-table.ts).
   */
  findService(
    transport: Transport,
    server: string,
    port: number,
    serverKey?: number,
  ): ServiceState | undefined {
    const list = this.servicesByAddress.get(server, serverKey);
    if (!list) return undefined;
    for (let index = 0; index < list.length; index++) {
      const service = list[index]!;
      if (service.port === port && service.transport === transport) return service;
    }
    return undefined;
  }

  service(transport: Transport, server: string, port: number, serverKey?: number): ServiceState {
    let service = this.findService(transport, server, port, serverKey);
    if (!service) {
      const key = serviceKeyOf(transport, server, port);
      service = new ServiceState(key, transport, server, port, this.serviceLimits);
      this.services.set(key, service);
      const list = this.servicesByAddress.get(server);
      if (list) list.push(service);
      else this.servicesByAddress.set(server, [service]);
    }
    return service;
  }

  /** The facts of an address the analysis needs (a DNS server, a quoted destination): always kept. */
  host(address: string, ipv4Key?: number): HostFacts {
    let host = this.hosts.get(address, ipv4Key);
    if (!host) {
      host = new HostFacts(address);
      this.hosts.set(address, host);
    }
    return host;
  }

  /**
   * The facts of a packet's source, kept for every sender while there are few (so that a
   * server's packets before its first query count too), and past `limits.hosts` only for
   * addresses already known.
   */
  sender(address: string, ipv4Key?: number): HostFacts | undefined {
    const host = this.hosts.get(address, ipv4Key);
    if (host || this.hosts.size >= this.options.limits.hosts) return host;
    return this.host(address);
  }

  clientFacts(address: string, ipv4Key?: number): ClientFacts | undefined {
    let facts = this.clients.get(address, ipv4Key);
    if (!facts) {
      if (this.clients.size >= this.options.limits.clients) {
        this.clientsUntracked++;
        return undefined;
      }
      facts = new ClientFacts();
      this.clients.set(address, facts);
    }
    return facts;
  }

  private settled(transaction: Transaction, previous: 'pending' | 'unanswered'): void {
    const counters = this.counters;
    if (previous === 'unanswered') counters.unanswered--;
    const outcome = transaction.outcome as QueryOutcome;
    if (outcome === 'unanswered') counters.unanswered++;
    else if (outcome === 'icmp-failed') counters.failedWithIcmp++;
    else if (outcome === 'answered') transaction.service.answered++;
    const timeline = this.options.timeline;
    if (timeline) {
      timeline.moveQuery(transaction.firstMicroseconds / microsecondsPerSecond, previous, outcome);
      const resends = transaction.resendMicroseconds;
      if (resends)
        for (const time of resends) timeline.moveQuery(time / microsecondsPerSecond, previous, outcome);
    }
    if (!this.options.events) return;
    const settledBy = transaction.settledBy;
    const update: OutcomeUpdate =
      settledBy > 0
        ? { frame: transaction.firstFrame, outcome, settledBy }
        : { frame: transaction.firstFrame, outcome };
    this.updates.push(update);
    for (const frame of transaction.resendFrames ?? []) this.updates.push({ ...update, frame });
  }

  /**
   * A DNS message is a timeline event: counted, and built when events are on. It takes
   * dnsEvent's arguments rather than a closure (as icmpEvent does) because it runs for every
   * DNS message, where a closure a message would be garbage for nothing when events are off.
   */
  dnsEvent(
    packet: DecodedPacket,
    view: LayerView,
    dns: DnsFacts,
    transport: Transport,
    microseconds: number,
    queryFrame: number | undefined,
  ): void {
    const timeline = this.options.timeline;
    if (timeline) {
      const time = microseconds / microsecondsPerSecond;
      if (dns.response) timeline.countResponse(time);
      else timeline.countQuery(time, 'pending');
    }
    if (this.options.events)
      this.events.push(
        dnsEvent(
          packet,
          view,
          dns,
          transport,
          microseconds,
          queryFrame,
          this.options.eventLines ? this.lines : undefined,
        ),
      );
  }

  /**
   * An ICMP error is a timeline event: counted, and built (by `build`) when events are on. The
   * caller passes `build` only when they are (`options.events`): no closure per error otherwise.
   */
  icmpEvent(
    kind: IcmpErrorKind,
    microseconds: number,
    build: ((lines: PacketLines | undefined) => TimelineEvent) | undefined,
  ): void {
    this.options.timeline?.countIcmpError(microseconds / microsecondsPerSecond, kind);
    if (build) this.events.push(build(this.options.eventLines ? this.lines : undefined));
  }

  /** A timeout became final (no late answer came): it joins its service's timeout window. */
  private timedOut(transaction: Transaction): void {
    const window = transaction.service.windowFor(
      'dns-timeout',
      transaction.firstMicroseconds,
      transaction.lastMicroseconds,
    );
    recordTransaction(window, transaction);
    recordEvidence(this.lines, window.evidence, transaction, undefined, transaction.lastMicroseconds);
  }

  /** What the analysis itself had to cut short, for `capture.warnings`. */
  warnings(): string[] {
    const warnings: string[] = [];
    const limits = this.options.limits;
    if (this.table.evicted > 0) {
      warnings.push(
        `${this.table.evicted} queries were counted as unanswered before their timeout because more than ${limits.openQueries} were waiting at once`,
      );
    }
    if (this.nxdomain.untracked > 0) {
      warnings.push(
        `${this.nxdomain.untracked} NXDOMAIN answers were counted but their names not tracked (more than ${limits.nxdomainNames} names)`,
      );
    }
    if (this.clientsUntracked > 0) {
      warnings.push(
        `queries from more than ${limits.clients} clients: the resolver choice of the others was not tracked`,
      );
    }
    // Incidents found (or not) under other rules than docs/analysis.md's defaults: the reader must know.
    const changed = changedSettings(this.options);
    if (changed.length > 0)
      warnings.push(`analysed with settings other than the defaults: ${changed.join(', ')}`);
    return warnings;
  }
}
