/**
 * DNS messages: a query opens a transaction (or is a retransmission of an open one), a
 * response settles its transaction (RFC 1035 §7.3, RFC 5452 §9.1: addresses, ports, id and
 * question must match) and, for SERVFAIL, REFUSED and NXDOMAIN, becomes a failure of its
 * service. See docs/analysis.md, "Matching rules".
 */
import type { DecodedPacket } from '../model/packet';
import type { IncidentKind } from '../report/analysis-schema';
import type { AnalysisState } from './analysis-state';
import { recordAnswerDelay, recordEvidence, recordTransaction } from './failure-recording';
import type { DnsFacts, LayerView, Transport } from './layer-view';
import type { SettledOutcome, Transaction } from './transaction';

/** mDNS (RFC 6762) and LLMNR (RFC 4795) are multicast by design: unsolicited answers and silence are normal there. */
export function isLinkLocalNamePort(port: number): boolean {
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

export function dnsMessage(
  state: AnalysisState,
  packet: DecodedPacket,
  view: LayerView,
  dns: DnsFacts,
  transport: Transport,
  microseconds: number,
): void {
  if (isLinkLocalNamePort(view.sourcePort) || isLinkLocalNamePort(view.destinationPort)) return;
  const question = dns.questions[0];
  const lowerName = question ? (dns.lowerName ?? question.name.toLowerCase()) : '';
  const type = question ? question.type : 0;
  const questionClass = question ? question.class : 0;
  if (dns.response)
    response(state, packet, view, dns, transport, microseconds, lowerName, type, questionClass);
  else query(state, packet, view, dns, transport, microseconds, lowerName, type, questionClass);
}

function query(
  state: AnalysisState,
  packet: DecodedPacket,
  view: LayerView,
  dns: DnsFacts,
  transport: Transport,
  microseconds: number,
  lowerName: string,
  type: number,
  questionClass: number,
): void {
  const client = view.source;
  const server = view.destination;
  const key = state.key.set(
    transport,
    client,
    view.sourcePort,
    server,
    view.destinationPort,
    dns.id,
    lowerName,
    type,
    questionClass,
  );
  const frame = packet.frame.number;
  const open = state.table.findOpen(key);
  if (open) {
    state.table.retransmitted(
      open,
      frame,
      microseconds,
      view.ipId,
      state.options.limits.retransmissionsPerQuery,
    );
    state.counters.retransmissions++;
    state.dnsEvent(packet, view, dns, transport, microseconds, undefined);
    return;
  }
  const service = state.service(transport, server, view.destinationPort, view.destinationIpv4Key());
  service.queries++;
  // The server's facts, found once per service rather than once per query.
  (service.host ??= state.host(server)).queriesTo++;
  const clientFacts = state.clientFacts(client, view.sourceIpv4Key());
  if (clientFacts) clientFacts.addQuery(server);
  state.counters.queries++;
  const transaction = state.table.create(
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
  state.table.add(transaction);
  const floodEvidence = state.flood.query(service, microseconds, client, lowerName);
  if (floodEvidence) floodEvidence.push({ frame, microseconds, line: state.lines.line(packet) });
  state.dnsEvent(packet, view, dns, transport, microseconds, undefined);
}

function response(
  state: AnalysisState,
  packet: DecodedPacket,
  view: LayerView,
  dns: DnsFacts,
  transport: Transport,
  microseconds: number,
  lowerName: string,
  type: number,
  questionClass: number,
): void {
  const server = view.source;
  const client = view.destination;
  const rcode = dns.rcode;
  state.counters.responses++;
  state.counters.rcode(rcode);
  const key = state.key.set(
    transport,
    client,
    view.destinationPort,
    server,
    view.sourcePort,
    dns.id,
    lowerName,
    type,
    questionClass,
  );
  let transaction = state.table.findOpen(key);
  if (!transaction && dns.questions.length === 0) {
    // RFC 1035 lets error responses (FORMERR, some NOTIMP) drop the question: match on the flow and id.
    const candidate = state.table.findByPair(client, server, {
      transport,
      clientPort: view.destinationPort,
      serverPort: view.sourcePort,
      dnsId: dns.id,
      ipId: 0,
    });
    if (candidate && candidate.outcome === 'pending') transaction = candidate;
  }
  // A matched query's service is the response's (the same server, port and transport): no lookup.
  const service =
    transaction && transaction.serverPort === view.sourcePort
      ? transaction.service
      : state.service(transport, server, view.sourcePort, view.sourceIpv4Key());
  service.responses++;
  service.reachable.record(microseconds);
  if (rcode === 0 || rcode === 3) service.resolved.record(microseconds);
  if (rcode !== 5) service.accepted.record(microseconds);
  const clientFacts = state.clients.get(client, view.destinationIpv4Key());
  if (clientFacts) clientFacts.responses++;
  const outcome = outcomeOfRcode(rcode);
  if (transaction) {
    state.table.settle(transaction, outcome, packet.frame.number, microseconds);
    if (transaction.retransmissions === 0) state.latency.record(microseconds - transaction.firstMicroseconds);
    rcodeFailure(state, transaction, packet, dns, outcome, microseconds);
    state.dnsEvent(packet, view, dns, transport, microseconds, transaction.firstFrame);
    // Answered by rcode, it is in no table any more: back to the pool.
    state.table.recycle(transaction);
    return;
  }
  // No open query: a late answer to one that timed out, a duplicate, or unsolicited.
  const recent = state.table.findRecent(key);
  if (recent && recent.outcome === 'unanswered' && !recent.released) {
    state.counters.lateAnswers++;
    state.table.resettle(recent, outcome, packet.frame.number, microseconds);
    rcodeFailure(state, recent, packet, dns, outcome, microseconds);
    recent.drop();
  } else {
    // Without `recent`, or a response to a query that already failed with an ICMP error.
    state.counters.unsolicited++;
  }
  state.dnsEvent(packet, view, dns, transport, microseconds, recent?.firstFrame);
}

/** SERVFAIL, REFUSED and NXDOMAIN go to their incident windows; other rcodes are only counted. */
function rcodeFailure(
  state: AnalysisState,
  transaction: Transaction,
  packet: DecodedPacket,
  dns: DnsFacts,
  outcome: SettledOutcome,
  microseconds: number,
): void {
  let kind: IncidentKind;
  if (outcome === 'servfail') kind = 'dns-servfail';
  else if (outcome === 'refused') kind = 'dns-refused';
  else if (outcome === 'nxdomain') kind = 'dns-nxdomain';
  else return;
  const service = transaction.service;
  const window = service.windowFor(kind, transaction.firstMicroseconds, microseconds);
  recordTransaction(window, transaction);
  recordAnswerDelay(window, transaction, microseconds, state.table.timeoutMicroseconds);
  window.responses++;
  if (!dns.recursionAvailable) window.responsesWithoutRecursion++;
  const tag =
    kind === 'dns-nxdomain'
      ? state.nxdomain.record(
          service,
          transaction.client,
          transaction.name,
          transaction.type,
          transaction.firstMicroseconds,
          microseconds,
        )
      : undefined;
  recordEvidence(state.lines, window.evidence, transaction, packet, microseconds, tag);
}
