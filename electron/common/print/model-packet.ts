import { findLayer, type DecodedPacket } from '../model/packet';
import type { DnsLayer, DnsRecord, IcmpLayer, Layer, TcpLayer } from '../model/layers';
import { tcpdumpOpcodeText, tcpdumpRcodeText, tcpdumpDnsTypeName } from '../decode/dns-names';
import { icmp6TypeNames, icmp6UnreachableCodes } from './icmp6-names';
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
  if (tcp) return options.quiet ? `tcp ${tcp.payloadLength}` : tcpText(tcp);
  return '';
}

function dnsText(dns: DnsLayer): string {
  const opcode = tcpdumpOpcodeText(dns.opcode);
  if (!dns.response) {
    let text = `${dns.id}${opcode}${dns.recursionDesired ? '+' : ''}${dns.checkingDisabled ? '%' : ''}`;
    if (dns.answerCount) text += ` [${dns.answerCount}a]`;
    if (dns.questionCount !== 1) text += ` [${dns.questionCount}q]`;
    if (dns.authorityCount) text += ` [${dns.authorityCount}n]`;
    if (dns.additionalCount) text += ` [${dns.additionalCount}au]`;
    for (const question of dns.questions)
      text += ` ${tcpdumpDnsTypeName(question.type)}? ${nameText(question.name)}`;
    return `${text} (${dns.length})`;
  }
  let text =
    `${dns.id}${opcode}${tcpdumpRcodeText(dns.rcode)}${dns.authoritative ? '*' : ''}${dns.recursionAvailable ? '' : '-'}` +
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
  const type = tcpdumpDnsTypeName(record.type);
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
  const quotedIpv4 = findLayer(quoted, 'ipv4');
  const quotedIpv6 = findLayer(quoted, 'ipv6');
  const quotedTransport = findLayer(quoted, 'udp') ?? findLayer(quoted, 'tcp');
  const quotedKind = quotedTransport?.kind === 'tcp' ? 'tcp' : 'udp';
  if (icmp.kind === 'icmp') {
    const ipv4 = findLayer(layers, 'ipv4');
    const length =
      ipv4 && ipv4.totalLength ? ipv4.totalLength - (ipv4.headerLength || 20) : icmp.body.length + 8;
    const destination = quotedIpv4?.destination ?? '0.0.0.0';
    let text: string;
    if (icmp.type === 0 || icmp.type === 8) {
      text = `echo ${icmp.type === 8 ? 'request' : 'reply'}, id ${icmp.identifier ?? 0}, seq ${icmp.sequence ?? 0}`;
    } else if (icmp.type === 3 && icmp.code === 3 && quotedTransport) {
      text = `${destination} ${quotedKind} port ${quotedTransport.destinationPort} unreachable`;
    } else if (icmp.type === 3 && icmp.code === 4) {
      text = icmp.mtu
        ? `${destination} unreachable - need to frag (mtu ${icmp.mtu})`
        : `${destination} unreachable - need to frag`;
    } else if (icmp.type === 3) {
      text = unreachableText(icmp.code, destination);
    } else if (icmp.type === 11) {
      text =
        icmp.code === 0
          ? 'time exceeded in-transit'
          : icmp.code === 1
            ? 'ip reassembly time exceeded'
            : `time exceeded-#${icmp.code}`;
    } else {
      text = otherIcmpNames[icmp.type] ?? `type-#${icmp.type}`;
    }
    return `ICMP ${text}, length ${length}`;
  }
  const ipv6 = findLayer(layers, 'ipv6');
  const length = ipv6 && ipv6.payloadLength ? ipv6.payloadLength : icmp.body.length + 8;
  let text = `ICMP6, ${icmp6TypeNames.get(icmp.type) ?? `unknown icmp6 type (${icmp.type})`}`;
  const quotedDestination = quotedIpv6?.destination;
  switch (icmp.type) {
    case 1:
      text += `, ${icmp6UnreachableCodes.get(icmp.code) ?? `unknown unreach code (${icmp.code})`}`;
      if (icmp.code === 4 && quotedTransport && quotedDestination)
        text += `, ${quotedDestination} ${quotedKind} port ${quotedTransport.destinationPort}`;
      else if (quotedDestination && icmp.code !== 2 && icmp.code < 4) text += ` ${quotedDestination}`;
      break;
    case 2:
      text += `, mtu ${icmp.mtu ?? 0}`;
      break;
    case 3:
      if (icmp.code === 0 && quotedDestination) text += ` for ${quotedDestination}`;
      else if (icmp.code === 1) text += ' (reassembly)';
      break;
    case 128:
    case 129:
      text += `, id ${icmp.identifier ?? 0}, seq ${icmp.sequence ?? 0}`;
      break;
    case 135:
      if (icmp.address) text += `, who has ${icmp.address}`;
      break;
    case 136:
      if (icmp.address) text += `, tgt is ${icmp.address}`;
      break;
    default:
      break;
  }
  return `${text}, length ${length}`;
}

const otherIcmpNames: Record<number, string> = {
  4: 'source quench',
  10: 'router solicitation',
  13: 'time stamp request',
  14: 'time stamp reply',
  15: 'information request',
  16: 'information reply',
  17: 'address mask request',
};

function unreachableText(code: number, destination: string): string {
  const texts: Record<number, string> = {
    0: `net ${destination} unreachable`,
    1: `host ${destination} unreachable`,
    5: `${destination} unreachable - source route failed`,
    6: `net ${destination} unreachable - unknown`,
    7: `host ${destination} unreachable - unknown`,
    8: `${destination} unreachable - source host isolated`,
    9: `net ${destination} unreachable - admin prohibited`,
    10: `host ${destination} unreachable - admin prohibited`,
    11: `net ${destination} unreachable - tos prohibited`,
    12: `host ${destination} unreachable - tos prohibited`,
    13: `host ${destination} unreachable - admin prohibited filter`,
    14: `host ${destination} unreachable - host precedence violation`,
    15: `host ${destination} unreachable - precedence cutoff`,
  };
  return texts[code] ?? `${destination} unreachable - #${code}`;
}

/** What the text carried of a TCP segment, in tcp_print's order. */
function tcpText(tcp: TcpLayer): string {
  let text = `Flags [${tcpFlags(tcp.flags)}]`;
  if (tcp.payloadLength > 0 || tcp.flags & 0x07)
    text += `, seq ${tcp.sequence}${tcp.payloadLength > 0 ? `:${tcp.sequence + tcp.payloadLength}` : ''}`;
  if (tcp.flags & 0x10) text += `, ack ${tcp.acknowledgment}`;
  return `${text}, win ${tcp.window}, length ${tcp.payloadLength}`;
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
