/** TimelineEvents for the UI, built only when the analyzer runs with `events: true`. */
import { dnsRcodeName, dnsTypeName } from '../decode/dns-names';
import type { DecodedPacket } from '../model/packet';
import type { IcmpClassification } from './icmp-kind';
import type { DnsFacts, LayerView, Transport, IcmpFacts } from './layer-view';
import type { PacketLines } from './packet-line';
import type { TimelineEvent } from './timeline-event';
import { microsecondsPerSecond } from './time-format';

function question(dns: DnsFacts | undefined): { name?: string; queryType?: string } {
  const first = dns?.questions[0];
  return first ? { name: first.name, queryType: dnsTypeName(first.type) } : {};
}

export function dnsEvent(
  packet: DecodedPacket,
  view: LayerView,
  dns: DnsFacts,
  transport: Transport,
  microseconds: number,
  queryFrame: number | undefined,
  lines: PacketLines | undefined,
): TimelineEvent {
  const response = dns.response;
  return {
    frame: packet.frame.number,
    time: microseconds / microsecondsPerSecond,
    kind: response ? 'dns-response' : 'dns-query',
    source: view.source,
    destination: view.destination,
    server: response ? view.source : view.destination,
    serverPort: response ? view.sourcePort : view.destinationPort,
    transport,
    ...question(dns),
    dnsId: dns.id,
    ...(response ? { rcode: dnsRcodeName(dns.rcode) } : { outcome: 'pending' as const }),
    ...(queryFrame !== undefined ? { queryFrame } : {}),
    line: lines ? lines.line(packet) : '',
  };
}

export function icmpEvent(
  packet: DecodedPacket,
  view: LayerView,
  icmp: IcmpFacts,
  classification: IcmpClassification,
  quoted: LayerView,
  transport: Transport,
  serverPort: number,
  microseconds: number,
  queryFrame: number | undefined,
  name: string | undefined,
  lines: PacketLines | undefined,
): TimelineEvent {
  const dns = quoted.dns;
  return {
    frame: packet.frame.number,
    time: microseconds / microsecondsPerSecond,
    kind: 'icmp-error',
    source: view.source,
    destination: view.destination,
    server: quoted.destination,
    serverPort,
    transport,
    ...(dns ? question(dns) : name !== undefined ? { name } : {}),
    ...(dns && quoted.sourcePort > 0 ? { dnsId: dns.id } : {}),
    icmpKind: classification.kind,
    icmpType: icmp.type,
    icmpCode: icmp.code,
    ...(queryFrame !== undefined ? { queryFrame } : {}),
    line: lines ? lines.line(packet) : '',
  };
}
