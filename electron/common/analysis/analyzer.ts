/**
 * The analysis engine's one entry point. Packets go in one at a time (from a file or a live
 * capture); the Analyzer matches DNS queries to responses and to the ICMP errors that quote
 * them, folds every settled query into counters and incident windows, and can at any time
 * write the contract document (result) or hand the UI what changed (drain).
 *
 * The hot path (add) reads each packet's layers once into a reused view, builds one exact
 * key and one address-pair key per DNS message, and formats text only for failures whose
 * incident still has room for evidence (or for every event when `events` is on).
 * See docs/analysis.md for the model, the matching rules and the thresholds.
 */
import type { DnsLayer, IcmpLayer } from '../model/layers';
import type { DecodedPacket } from '../model/packet';
import type { Analysis, CaptureFileFacts, IncidentKind } from '../report/analysis-schema';
import { toolName, version } from '../version';
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from './analysis-options';
import { DnsCounters } from './dns-counters';
import { recordEvidence, recordTransaction } from './failure-recording';
import { FloodDetector } from './flood-detector';
import { ClientFacts, HostFacts } from './host-facts';
import { classifyIcmp, type IcmpClassification } from './icmp-kind';
import { linkIcmpError } from './icmp-link';
import { assembleIncidents } from './incident-assembly';
import { LatencyHistogram } from './latency-histogram';
import { LayerView, type Transport } from './layer-view';
import { NxdomainTracker } from './nxdomain-tracker';
import { packetLine } from './packet-line';
import { reachesThreshold } from './qualification';
import { ServiceState, type ServiceLimits } from './service-state';
import { isoOfMicroseconds, secondsToMicroseconds } from './time-format';
import { dnsEvent, icmpEvent } from './timeline-events';
import type { OutcomeUpdate, QueryOutcome, TimelineEvent } from './timeline-event';
import { QueryKey, serviceKeyOf, Transaction, type SettledOutcome } from './transaction';
import { TransactionTable } from './transactions';

export type { AnalysisOptions, AnalysisOptionsInput } from './analysis-options';

/** What the analysis cannot know from packets: where they came from. */
export interface CaptureFacts {
  files: CaptureFileFacts[];
  /** Live captures: the interface and the capture filter. */
  interface?: string | null;
  filter?: string | null;
  /** Live captures: packets the kernel dropped. */
  dropped?: number | null;
  /** Reading problems (unreadable text lines, a truncated last record, an assumed date). */
  warnings?: string[];
}

/** mDNS (RFC 6762) and LLMNR (RFC 4795) are multicast by design: unsolicited answers and silence are normal there. */
function isLinkLocalNamePort(port: number): boolean {
  return port === 5353 || port === 5355;
}

function outcomeOfRcode(rcode: number): SettledOutcome {
  switch (rcode) {
    case 0:
      return 'answered';
    case 2:
      return 'servfail';
    case 3:
      return 'nxdomain';
    case 5:
      return 'refused';
    default:
      return 'other-rcode';
  }
}

const unreachableKinds: Record<NonNullable<IcmpClassification['unreachable']>, IncidentKind> = {
  port: 'dns-port-unreachable',
  admin: 'dns-admin-prohibited',
  host: 'dns-host-unreachable',
  network: 'dns-network-unreachable',
};

export class Analyzer {
  readonly options: AnalysisOptions;
  /** @internal the state incident assembly reads; not part of the API. */
  readonly counters = new DnsCounters();
  readonly latency = new LatencyHistogram();
  readonly table: TransactionTable;
  readonly services = new Map<string, ServiceState>();
  /** The same services by server address (usually one per address): found without building a key string. */
  private readonly servicesByAddress = new Map<string, ServiceState[]>();
  readonly hosts = new Map<string, HostFacts>();
  readonly clients = new Map<string, ClientFacts>();
  readonly flood: FloodDetector<ServiceState>;
  readonly nxdomain: NxdomainTracker;
  clientsUntracked = 0;
  packets = 0;
  firstMicroseconds = Number.POSITIVE_INFINITY;
  lastMicroseconds = Number.NEGATIVE_INFINITY;

  private readonly view = new LayerView();
  private readonly key = new QueryKey();
  private readonly quotedView = new LayerView();
  private readonly serviceLimits: ServiceLimits;
  /** Services and hosts with a path incident (ttl-exceeded, fragmentation-needed): any packet back from them is a success. */
  private readonly pathServices = new Map<string, ServiceState>();
  private readonly pathHosts = new Set<string>();
  private now = Number.NEGATIVE_INFINITY;
  private events: TimelineEvent[] = [];
  private updates: OutcomeUpdate[] = [];

  constructor(options?: AnalysisOptionsInput) {
    this.options = resolveAnalysisOptions(options);
    const { limits, thresholds, evidenceLimit } = this.options;
    this.table = new TransactionTable(this.options, {
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

  add(packet: DecodedPacket): void {
    this.packets++;
    const frame = packet.frame;
    const microseconds = frame.seconds * 1_000_000 + Math.floor(frame.nanoseconds / 1000);
    if (microseconds < this.firstMicroseconds) this.firstMicroseconds = microseconds;
    if (microseconds > this.lastMicroseconds) this.lastMicroseconds = microseconds;
    if (microseconds > this.now) {
      this.now = microseconds;
      this.table.expire(microseconds);
    }
    const view = this.view.read(packet.layers);
    if (view.ipVersion === 0) return;
    const icmp = view.icmp;
    const classification = icmp ? classifyIcmp(icmp.kind, icmp.type, icmp.code) : undefined;
    const host = this.hosts.get(view.source);
    if (host) host.sawPacket(microseconds, view.ttl, classification !== undefined);
    if (this.pathHosts.size > 0 && view.transport && !classification && this.pathHosts.has(view.source)) {
      this.pathServices.get(serviceKeyOf(view.transport, view.source, view.sourcePort))?.reachable.record(microseconds);
    }
    if (view.dns && view.transport) this.dnsMessage(packet, view, view.dns, view.transport, microseconds);
    else if (icmp && classification) this.icmpError(packet, view, icmp, classification, microseconds);
  }

  /** Since the last call: new TimelineEvents (frame order) and outcome updates. Empty unless `events` is on. */
  drain(): { events: TimelineEvent[]; updates: OutcomeUpdate[] } {
    const drained = { events: this.events, updates: this.updates };
    this.events = [];
    this.updates = [];
    return drained;
  }

  /** Live capture: time moves on though no packet arrives, so waiting queries can time out. */
  advanceTo(seconds: number): void {
    const microseconds = secondsToMicroseconds(seconds);
    if (microseconds > this.now) {
      this.now = microseconds;
      this.table.expire(microseconds);
    }
  }

  /** The contract document. Can be called repeatedly (live); it does not end the analysis. */
  result(facts: CaptureFacts): Analysis {
    const counters = this.counters;
    const latency = this.latency.summary();
    const warnings = [...(facts.warnings ?? []), ...this.analysisWarnings()];
    return {
      tool: { name: toolName, version },
      capture: {
        files: facts.files,
        packets: this.packets,
        start: this.packets > 0 ? isoOfMicroseconds(this.firstMicroseconds) : null,
        end: this.packets > 0 ? isoOfMicroseconds(this.lastMicroseconds) : null,
        interface: facts.interface ?? null,
        filter: facts.filter ?? null,
        dropped: facts.dropped ?? null,
        warnings,
      },
      dns: {
        queries: counters.queries,
        retransmissions: counters.retransmissions,
        responses: counters.responses,
        unanswered: counters.unanswered,
        pending: this.table.openCount,
        failedWithIcmp: counters.failedWithIcmp,
        rcodes: counters.rcodeNames(),
        unsolicited: counters.unsolicited,
        lateAnswers: counters.lateAnswers,
        ...(latency ? { latency } : {}),
      },
      icmp: { errors: counters.icmpErrors, byKind: counters.icmpKinds() },
      incidents: assembleIncidents(this),
    };
  }

  /** Sizes of the bounded tables, for tests and diagnostics. */
  tableSizes(): Record<string, number> {
    return {
      ...this.table.sizes(),
      services: this.services.size,
      hosts: this.hosts.size,
      clients: this.clients.size,
      nxdomainNames: this.nxdomain.size,
      floodHeavySeconds: this.flood.heavySeconds,
      evicted: this.table.evicted,
    };
  }

  // ---- DNS ------------------------------------------------------------------------------

  private dnsMessage(packet: DecodedPacket, view: LayerView, dns: DnsLayer, transport: Transport, microseconds: number): void {
    if (isLinkLocalNamePort(view.sourcePort) || isLinkLocalNamePort(view.destinationPort)) return;
    const question = dns.questions[0];
    const lowerName = question ? question.name.toLowerCase() : '';
    const type = question ? question.type : 0;
    const questionClass = question ? question.class : 0;
    if (dns.response) this.response(packet, view, dns, transport, microseconds, lowerName, type, questionClass);
    else this.query(packet, view, dns, transport, microseconds, lowerName, type, questionClass);
  }

  private query(
    packet: DecodedPacket,
    view: LayerView,
    dns: DnsLayer,
    transport: Transport,
    microseconds: number,
    lowerName: string,
    type: number,
    questionClass: number,
  ): void {
    const client = view.source;
    const server = view.destination;
    const key = this.key.set(transport, client, view.sourcePort, server, view.destinationPort, dns.id, lowerName, type, questionClass);
    const frame = packet.frame.number;
    const open = this.table.findOpen(key);
    if (open) {
      this.table.retransmitted(open, frame, microseconds, view.ipId, this.options.limits.retransmissionsPerQuery);
      this.counters.retransmissions++;
      if (this.options.events) this.events.push(dnsEvent(packet, view, dns, transport, microseconds, undefined, this.options.eventLines));
      return;
    }
    const service = this.service(transport, server, view.destinationPort);
    service.queries++;
    this.host(server).queriesTo++;
    const clientFacts = this.clientFacts(client);
    if (clientFacts) clientFacts.addQuery(server);
    this.counters.queries++;
    const transaction = new Transaction(
      key.hash,
      service,
      transport,
      client,
      view.sourcePort,
      server,
      view.destinationPort,
      dns.id,
      lowerName,
      type,
      questionClass,
      frame,
      microseconds,
      view.ipId,
      packet,
    );
    transaction.recursionDesired = dns.recursionDesired;
    this.table.add(transaction);
    const floodEvidence = this.flood.query(service, microseconds, client, lowerName);
    if (floodEvidence) floodEvidence.push({ frame, microseconds, line: packetLine(packet) });
    if (this.options.events) this.events.push(dnsEvent(packet, view, dns, transport, microseconds, undefined, this.options.eventLines));
  }

  private response(
    packet: DecodedPacket,
    view: LayerView,
    dns: DnsLayer,
    transport: Transport,
    microseconds: number,
    lowerName: string,
    type: number,
    questionClass: number,
  ): void {
    const server = view.source;
    const client = view.destination;
    const rcode = dns.rcode;
    this.counters.responses++;
    this.counters.rcode(rcode);
    const service = this.service(transport, server, view.sourcePort);
    service.responses++;
    service.reachable.record(microseconds);
    if (rcode === 0 || rcode === 3) service.resolved.record(microseconds);
    if (rcode !== 5) service.accepted.record(microseconds);
    const clientFacts = this.clients.get(client);
    if (clientFacts) clientFacts.responses++;

    const key = this.key.set(transport, client, view.destinationPort, server, view.sourcePort, dns.id, lowerName, type, questionClass);
    let transaction = this.table.findOpen(key);
    if (!transaction && dns.questions.length === 0) {
      // RFC 1035 lets error responses (FORMERR, some NOTIMP) drop the question: match on the flow and id.
      const candidate = this.table.findByPair(client, server, {
        transport,
        clientPort: view.destinationPort,
        serverPort: view.sourcePort,
        dnsId: dns.id,
        ipId: 0,
      });
      if (candidate && candidate.outcome === 'pending') transaction = candidate;
    }
    const outcome = outcomeOfRcode(rcode);
    if (transaction) {
      this.table.settle(transaction, outcome, packet.frame.number, microseconds);
      if (transaction.retransmissions === 0) this.latency.record(microseconds - transaction.firstMicroseconds);
      this.rcodeFailure(transaction, packet, dns, outcome, microseconds);
      transaction.drop();
    } else {
      const recent = this.table.findRecent(key);
      if (recent && recent.outcome === 'unanswered' && !recent.released) {
        this.counters.lateAnswers++;
        this.table.resettle(recent, outcome, packet.frame.number, microseconds);
        this.rcodeFailure(recent, packet, dns, outcome, microseconds);
        recent.drop();
        transaction = recent;
      } else if (recent) {
        // A response to a query that already failed with an ICMP error: a duplicate, by now unsolicited.
        this.counters.unsolicited++;
        transaction = recent;
      } else {
        this.counters.unsolicited++;
      }
    }
    if (this.options.events) this.events.push(dnsEvent(packet, view, dns, transport, microseconds, transaction?.firstFrame, this.options.eventLines));
  }

  /** SERVFAIL, REFUSED and NXDOMAIN go to their incident windows; other rcodes are only counted. */
  private rcodeFailure(transaction: Transaction, packet: DecodedPacket, dns: DnsLayer, outcome: SettledOutcome, microseconds: number): void {
    let kind: IncidentKind;
    if (outcome === 'servfail') kind = 'dns-servfail';
    else if (outcome === 'refused') kind = 'dns-refused';
    else if (outcome === 'nxdomain') kind = 'dns-nxdomain';
    else return;
    const service = transaction.service;
    const window = service.windowFor(kind, transaction.firstMicroseconds, microseconds);
    recordTransaction(window, transaction);
    window.responses++;
    if (!dns.recursionAvailable) window.responsesWithoutRecursion++;
    const tag =
      kind === 'dns-nxdomain'
        ? this.nxdomain.record(
            service.key,
            transaction.client,
            transaction.name,
            transaction.name,
            transaction.type,
            transaction.firstMicroseconds,
            microseconds,
          )
        : undefined;
    recordEvidence(window.evidence, transaction, packet, microseconds, tag);
  }

  // ---- ICMP -----------------------------------------------------------------------------

  private icmpError(
    packet: DecodedPacket,
    view: LayerView,
    icmp: IcmpLayer,
    classification: IcmpClassification,
    microseconds: number,
  ): void {
    this.counters.icmp(classification.kind);
    const quoted = packet.quoted ? this.quotedView.read(packet.quoted) : undefined;
    if (!quoted || quoted.ipVersion === 0 || !quoted.destination) return;
    const server = quoted.destination;
    // Text imports may leave the quoted source unknown: the error goes back to whoever sent the datagram.
    const client = quoted.source && quoted.source !== '0.0.0.0' && quoted.source !== '::' ? quoted.source : view.destination;
    const transport = quoted.transport;
    let serverPort = quoted.destinationPort;
    // A quote cut before the ports can still be tied to a query by the IP identification.
    const maybeDns =
      transport !== undefined &&
      !isLinkLocalNamePort(serverPort) &&
      (quoted.dns
        ? !quoted.dns.response
        : !quoted.hasPorts || serverPort === 53 || (this.findService(transport, server, serverPort)?.queries ?? 0) > 0);
    // Errors that mean the datagram was discarded settle the query; redirect and source quench do not.
    const discards =
      classification.unreachable !== undefined ||
      classification.inTransit === true ||
      classification.kind === 'fragmentation-needed' ||
      classification.kind === 'parameter-problem';
    const transaction = maybeDns ? linkIcmpError(this.table, this.key, quoted, transport, client, server, serverPort) : undefined;
    if (!quoted.hasPorts && transaction) serverPort = transaction.serverPort;
    const dnsQuery = maybeDns && (quoted.hasPorts || transaction !== undefined);
    let newlyFailed = false;
    if (transaction && discards) {
      if (transaction.outcome === 'pending') {
        this.table.settle(transaction, 'icmp-failed', packet.frame.number, microseconds);
        newlyFailed = true;
      } else if (transaction.outcome === 'unanswered' && !transaction.released) {
        this.counters.lateAnswers++;
        this.table.resettle(transaction, 'icmp-failed', packet.frame.number, microseconds);
        newlyFailed = true;
      }
    }
    if (dnsQuery && discards && !transaction) this.counters.icmpWithoutQuery++;
    this.host(server);
    const name = transaction?.name ?? quoted.dns?.questions[0]?.name.toLowerCase();

    if (dnsQuery && classification.unreachable) {
      const kind = unreachableKinds[classification.unreachable];
      this.failureFromIcmp(kind, this.service(transport!, server, serverPort), transaction, newlyFailed, packet, view, icmp, quoted, client, name, microseconds);
    } else if (transport && (classification.inTransit || classification.kind === 'fragmentation-needed')) {
      const thresholds = this.options.thresholds;
      const traceroute =
        classification.inTransit &&
        transport === 'UDP' &&
        serverPort >= thresholds.tracerouteFirstPort &&
        serverPort <= thresholds.tracerouteLastPort;
      if (!traceroute) {
        const kind: IncidentKind = classification.inTransit ? 'ttl-exceeded' : 'fragmentation-needed';
        const service = this.service(transport, server, serverPort);
        this.pathServices.set(service.key, service);
        this.pathHosts.add(server);
        this.failureFromIcmp(kind, service, transaction, newlyFailed, packet, view, icmp, quoted, client, name, microseconds);
      }
    }
    // Its evidence is written: a settled query needs its copy no more.
    if (transaction && transaction.outcome !== 'unanswered' && transaction.outcome !== 'pending') transaction.drop();
    if (this.options.events && transport) {
      this.events.push(icmpEvent(packet, view, icmp, classification, quoted, transport, serverPort, microseconds, transaction?.firstFrame, name, this.options.eventLines));
    }
  }

  private failureFromIcmp(
    kind: IncidentKind,
    service: ServiceState,
    transaction: Transaction | undefined,
    newlyFailed: boolean,
    packet: DecodedPacket,
    view: LayerView,
    icmp: IcmpLayer,
    quoted: LayerView,
    client: string,
    name: string | undefined,
    microseconds: number,
  ): void {
    const start = transaction && newlyFailed ? transaction.firstMicroseconds : microseconds;
    const window = service.windowFor(kind, start, microseconds);
    window.icmpErrors++;
    window.icmpSources.add(view.source);
    if (view.ttl > 0) window.icmpTtls.add(view.ttl);
    window.icmpCodes.add(icmp.type * 256 + icmp.code);
    if (icmp.mtu !== undefined && icmp.mtu > 0) window.mtus.add(icmp.mtu);
    if (quoted.ttl > 0) window.quotedTtls.add(quoted.ttl);
    if (transaction && newlyFailed) {
      recordTransaction(window, transaction);
      recordEvidence(window.evidence, transaction, packet, microseconds);
      return;
    }
    if (!transaction && kind.startsWith('dns-')) {
      // A query we never saw, known from its quote: still a failed query of this service.
      window.queries++;
      window.attempts++;
      window.icmpWithoutQuery++;
      if (name !== undefined) window.names.add(name);
    }
    window.clients.add(client);
    recordEvidence(window.evidence, undefined, packet, microseconds);
  }

  // ---- transaction outcomes -------------------------------------------------------------

  private settled(transaction: Transaction, previous: 'pending' | 'unanswered'): void {
    const counters = this.counters;
    if (previous === 'unanswered') counters.unanswered--;
    const outcome = transaction.outcome as QueryOutcome;
    if (outcome === 'unanswered') counters.unanswered++;
    else if (outcome === 'icmp-failed') counters.failedWithIcmp++;
    else if (outcome === 'answered') transaction.service.answered++;
    if (!this.options.events) return;
    const settledBy = transaction.settledBy;
    const update: OutcomeUpdate = settledBy > 0 ? { frame: transaction.firstFrame, outcome, settledBy } : { frame: transaction.firstFrame, outcome };
    this.updates.push(update);
    for (const frame of transaction.resendFrames ?? []) this.updates.push({ ...update, frame });
  }

  /** A timeout became final (no late answer came): it joins its service's timeout window. */
  private timedOut(transaction: Transaction): void {
    const window = transaction.service.windowFor('dns-timeout', transaction.firstMicroseconds, transaction.lastMicroseconds);
    recordTransaction(window, transaction);
    recordEvidence(window.evidence, transaction, undefined, transaction.lastMicroseconds);
  }

  // ---- state ----------------------------------------------------------------------------

  private findService(transport: Transport, server: string, port: number): ServiceState | undefined {
    const list = this.servicesByAddress.get(server);
    if (!list) return undefined;
    for (let index = 0; index < list.length; index++) {
      const service = list[index]!;
      if (service.port === port && service.transport === transport) return service;
    }
    return undefined;
  }

  private service(transport: Transport, server: string, port: number): ServiceState {
    let service = this.findService(transport, server, port);
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

  private host(address: string): HostFacts {
    let host = this.hosts.get(address);
    if (!host) {
      host = new HostFacts(address);
      this.hosts.set(address, host);
    }
    return host;
  }

  private clientFacts(address: string): ClientFacts | undefined {
    let facts = this.clients.get(address);
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

  private analysisWarnings(): string[] {
    const warnings: string[] = [];
    const limits = this.options.limits;
    if (this.table.evicted > 0) {
      warnings.push(
        `${this.table.evicted} queries were counted as unanswered before their timeout because more than ${limits.openQueries} were waiting at once`,
      );
    }
    if (this.nxdomain.untracked > 0) {
      warnings.push(`${this.nxdomain.untracked} NXDOMAIN answers were counted but their names not tracked (more than ${limits.nxdomainNames} names)`);
    }
    if (this.clientsUntracked > 0) {
      warnings.push(`queries from more than ${limits.clients} clients: the resolver choice of the others was not tracked`);
    }
    return warnings;
  }
}

/** Analyze a whole capture at once (tests, scripts). */
export function analyzePackets(packets: Iterable<DecodedPacket>, facts: CaptureFacts, options?: AnalysisOptionsInput): Analysis {
  const analyzer = new Analyzer(options);
  for (const packet of packets) analyzer.add(packet);
  return analyzer.result(facts);
}
