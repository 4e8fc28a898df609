import { findLayer, type DecodedPacket } from '../model/packet';
import type { DnsLayer, DnsRecord, IcmpLayer, Layer } from '../model/layers';
import { opcodeTexts, rcodeText, typeName } from './dns-tables';
import type { ResolvedPrintOptions } from './print-options';

/**
 * Packets read from a tcpdump text log have no bytes, only the fields the text carried. They
 * are printed from the model in the same `-n` form as captured packets, so that a log written
 * without -n (".domain") reads back as ".53". Only what the model holds can be shown.
 */
export function printModelPacket(packet: DecodedPacket, options: ResolvedPrintOptions): string {
  const layers = packet.layers;
  const ipv4 = findLayer(layers, 'ipv4');
  const ipv6 = findLayer(layers, 'ipv6');
  const network = ipv4 ?? ipv6;
  if (!network) return packet.origin?.text ?? '';
  const family = ipv4 ? 'IP' : 'IP6';
  const udp = findLayer(layers, 'udp');
  const tcp = findLayer(layers, 'tcp');
  const transport = udp ?? tcp;
  const addresses = transport
    ? `${network.source}.${transport.sourcePort} > ${network.destination}.${transport.destinationPort}`
    : `${network.source} > ${network.destination}`;
  return `${family} ${addresses}: ${payloadText(layers, packet.quoted, options)}`;
}

function payloadText(
  layers: readonly Layer[],
  quoted: readonly Layer[] | undefined,
  options: ResolvedPrintOptions,
): string {
  const dns = findLayer(layers, 'dns');
  const udp = findLayer(layers, 'udp');
  const icmp = findLayer(layers, 'icmp') ?? findLayer(layers, 'icmpv6');
  if (dns && !options.quiet) return dnsText(dns);
  if (icmp) return icmpText(icmp, quoted, layers);
  if (udp) return `UDP, length ${Math.max(0, udp.length - 8)}`;
  const tcp = findLayer(layers, 'tcp');
  if (tcp)
    return options.quiet
      ? `tcp ${tcp.payloadLength}`
      : `Flags [${tcpFlags(tcp.flags)}], length ${tcp.payloadLength}`;
  return '';
}

function dnsText(dns: DnsLayer): string {
  const opcode = opcodeTexts[dns.opcode] ?? '';
  if (!dns.response) {
    let text = `${dns.id}${opcode}${dns.recursionDesired ? '+' : ''}${dns.checkingDisabled ? '%' : ''}`;
    if (dns.answerCount) text += ` [${dns.answerCount}a]`;
    if (dns.questionCount !== 1) text += ` [${dns.questionCount}q]`;
    if (dns.authorityCount) text += ` [${dns.authorityCount}n]`;
    if (dns.additionalCount) text += ` [${dns.additionalCount}au]`;
    for (const question of dns.questions) text += ` ${typeName(question.type)}? ${nameText(question.name)}`;
    return `${text} (${dns.length})`;
  }
  let text =
    `${dns.id}${opcode}${rcodeText(dns.rcode)}${dns.authoritative ? '*' : ''}${dns.recursionAvailable ? '' : '-'}` +
    `${dns.truncatedResponse ? '|' : ''}${dns.authenticData ? '$' : ''}`;
  if (dns.questionCount !== 1) text += ` [${dns.questionCount}q]`;
  text += ` ${dns.answerCount}/${dns.authorityCount}/${dns.additionalCount}`;
  text += dns.answers.map((record, index) => `${index ? ',' : ''} ${recordText(record)}`).join('');
  return `${text} (${dns.length})`;
}

function nameText(name: string): string {
  return name === '' ? '.' : `${name}.`;
}

function recordText(record: DnsRecord): string {
  const data = record.data;
  const type = typeName(record.type);
  if (!data) return type;
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return `${type} ${data.address}`;
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return `${type} ${nameText(data.name)}`;
    case 'MX':
      return `${type} ${nameText(data.exchange)} ${data.preference}`;
    default:
      return type;
  }
}

function icmpText(icmp: IcmpLayer, quoted: readonly Layer[] | undefined, layers: readonly Layer[]): string {
  const ipv4 = findLayer(layers, 'ipv4');
  const length = ipv4 && ipv4.totalLength ? ipv4.totalLength - ipv4.headerLength : icmp.body.length + 8;
  const quotedIpv4 = findLayer(quoted, 'ipv4');
  const quotedUdp = findLayer(quoted, 'udp');
  const quotedTcp = findLayer(quoted, 'tcp');
  if (icmp.kind === 'icmp') {
    if ((icmp.type === 0 || icmp.type === 8) && icmp.identifier !== undefined) {
      return `ICMP echo ${icmp.type === 8 ? 'request' : 'reply'}, id ${icmp.identifier}, seq ${icmp.sequence ?? 0}, length ${length}`;
    }
    if (icmp.type === 3 && icmp.code === 3 && quotedIpv4 && (quotedUdp || quotedTcp)) {
      const port = (quotedUdp ?? quotedTcp)!.destinationPort;
      return `ICMP ${quotedIpv4.destination} ${quotedUdp ? 'udp' : 'tcp'} port ${port} unreachable, length ${length}`;
    }
    if (icmp.type === 3 && quotedIpv4) {
      const kinds: Record<number, string> = {
        0: 'net %s unreachable',
        1: 'host %s unreachable',
        13: 'host %s unreachable - admin prohibited filter',
      };
      const pattern = kinds[icmp.code];
      if (pattern) return `ICMP ${pattern.replace('%s', quotedIpv4.destination)}, length ${length}`;
    }
    if (icmp.type === 11)
      return `ICMP ${icmp.code === 0 ? 'time exceeded in-transit' : 'ip reassembly time exceeded'}, length ${length}`;
    return `ICMP type-#${icmp.type}, length ${length}`;
  }
  if (icmp.type === 128 || icmp.type === 129) {
    return `ICMP6, echo ${icmp.type === 128 ? 'request' : 'reply'}, id ${icmp.identifier ?? 0}, seq ${icmp.sequence ?? 0}, length ${length}`;
  }
  return `ICMP6, type ${icmp.type}, length ${length}`;
}

function tcpFlags(flags: number): string {
  const letters: [number, string][] = [
    [0x01, 'F'],
    [0x02, 'S'],
    [0x04, 'R'],
    [0x08, 'P'],
    [0x10, '.'],
    [0x20, 'U'],
    [0x40, 'E'],
    [0x80, 'W'],
  ];
  const text = letters
    .filter(([bit]) => flags & bit)
    .map(([, letter]) => letter)
    .join('');
  return text || 'none';
}
