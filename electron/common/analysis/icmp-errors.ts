/**
 * ICMP/ICMPv6 errors: classified (icmp-kind.ts), tied to the query they quote
 * (icmp-link.ts), settling it as icmp-failed, and made a failure of the quoted service: a
 * DNS unreachable incident, or a path incident (ttl-exceeded, fragmentation-needed) for any
 * traffic. An error quoting something we never saw still counts, with its quoted flow.
 */
import type { DecodedPacket } from '../model/packet';
import type { IncidentKind } from '../report/analysis-schema';
import type { AnalysisState } from './analysis-state';
import { isLinkLocalNamePort } from './dns-messages';
import { recordAnswerDelay, recordEvidence, recordTransaction } from './failure-recording';
import type { IcmpClassification } from './icmp-kind';
import { linkIcmpError } from './icmp-link';
import type { LayerView, IcmpFacts } from './layer-view';
import type { ServiceState } from './service-state';
import { icmpEvent } from './timeline-events';
import type { Transaction } from './transaction';

const unreachableKinds: Record<NonNullable<IcmpClassification['unreachable']>, IncidentKind> = {
  port: 'dns-port-unreachable',
  admin: 'dns-admin-prohibited',
  host: 'dns-host-unreachable',
  network: 'dns-network-unreachable',
};

export function icmpError(
  state: AnalysisState,
  quoted: LayerView | undefined,
  packet: DecodedPacket,
  view: LayerView,
  icmp: IcmpFacts,
  classification: IcmpClassification,
  microseconds: number,
): void {
  state.counters.icmp(classification.kind);
  if (!quoted || quoted.ipVersion === 0 || !quoted.destination) return;
  const server = quoted.destination;
  const serverKey = quoted.destinationIpv4Key();
  // Text imports may leave the quoted source unknown: the error goes back to whoever sent the datagram.
  const client =
    quoted.source && quoted.source !== '0.0.0.0' && quoted.source !== '::' ? quoted.source : view.destination;
  const transport = quoted.transport;
  let serverPort = quoted.destinationPort;
  // A quote cut before the ports can still be tied to a query by the IP identification.
  const maybeDns =
    transport !== undefined &&
    !isLinkLocalNamePort(serverPort) &&
    (quoted.dns
      ? !quoted.dns.response
      : !quoted.hasPorts ||
        serverPort === 53 ||
        (state.findService(transport, server, serverPort)?.queries ?? 0) > 0);
  // Errors that mean the datagram was discarded settle the query; redirect and source quench do not.
  const discards =
    classification.unreachable !== undefined ||
    classification.inTransit === true ||
    classification.kind === 'fragmentation-needed' ||
    classification.kind === 'parameter-problem';
  const transaction = maybeDns
    ? linkIcmpError(state.table, state.key, quoted, transport, client, server, serverPort)
    : undefined;
  if (!quoted.hasPorts && transaction) serverPort = transaction.serverPort;
  const dnsQuery = maybeDns && (quoted.hasPorts || transaction !== undefined);
  let newlyFailed = false;
  if (transaction && discards) {
    if (transaction.outcome === 'pending') {
      state.table.settle(transaction, 'icmp-failed', packet.frame.number, microseconds);
      newlyFailed = true;
    } else if (transaction.outcome === 'unanswered' && !transaction.released) {
      state.counters.lateAnswers++;
      state.table.resettle(transaction, 'icmp-failed', packet.frame.number, microseconds);
      newlyFailed = true;
    }
  }
  if (dnsQuery && discards && !transaction) state.counters.icmpWithoutQuery++;
  state.host(server, serverKey);
  const name = transaction?.name ?? quoted.dns?.questions[0]?.name.toLowerCase();

  if (dnsQuery && classification.unreachable) {
    const kind = unreachableKinds[classification.unreachable];
    failureFromIcmp(
      state,
      kind,
      state.service(transport!, server, serverPort, serverKey),
      transaction,
      newlyFailed,
      packet,
      view,
      icmp,
      quoted,
      client,
      name,
      microseconds,
    );
  } else if (transport && (classification.inTransit || classification.kind === 'fragmentation-needed')) {
    const thresholds = state.options.thresholds;
    const traceroute =
      classification.inTransit &&
      transport === 'UDP' &&
      serverPort >= thresholds.tracerouteFirstPort &&
      serverPort <= thresholds.tracerouteLastPort;
    if (!traceroute) {
      const kind: IncidentKind = classification.inTransit ? 'ttl-exceeded' : 'fragmentation-needed';
      const service = state.service(transport, server, serverPort);
      state.pathServices.set(service.key, service);
      state.pathHosts.add(server);
      failureFromIcmp(
        state,
        kind,
        service,
        transaction,
        newlyFailed,
        packet,
        view,
        icmp,
        quoted,
        client,
        name,
        microseconds,
      );
    }
  }
  // Its evidence is written: a settled query needs its copy no more.
  if (transaction && transaction.outcome !== 'unanswered' && transaction.outcome !== 'pending')
    transaction.drop();
  if (transport)
    state.icmpEvent(
      classification.kind,
      microseconds,
      state.options.events
        ? (lines) =>
            icmpEvent(
              packet,
              view,
              icmp,
              classification,
              quoted,
              transport,
              serverPort,
              microseconds,
              transaction?.firstFrame,
              name,
              lines,
            )
        : undefined,
    );
}

function failureFromIcmp(
  state: AnalysisState,
  kind: IncidentKind,
  service: ServiceState,
  transaction: Transaction | undefined,
  newlyFailed: boolean,
  packet: DecodedPacket,
  view: LayerView,
  icmp: IcmpFacts,
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
    recordAnswerDelay(window, transaction, microseconds, state.table.timeoutMicroseconds);
    recordEvidence(state.lines, window.evidence, transaction, packet, microseconds);
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
  recordEvidence(state.lines, window.evidence, undefined, packet, microseconds);
}
