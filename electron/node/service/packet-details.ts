/**
 * A decoded packet as the details pane shows it: one node per layer (Wireshark's style of
 * summary line, then the fields), each layer located in the frame's bytes so the hex dump
 * can mark it. Layers hold views into the frame, so a layer's offset is found from its views
 * where it has one, and otherwise by adding up the header lengths before it.
 */
import type { DetailNode } from '../../common/ipc/payload-schemas';
import type { DecodedPacket } from '../../common/model/packet';
import { linkTypeName } from '../../common/model/frame';
import type { DnsLayer, DnsRecord, Layer } from '../../common/model/layers';
import { macText } from '../../common/decode/address-text';
import { etherTypeName } from '../../common/decode/ether-types';
import { icmpCodeName, icmpTypeName, icmpv6CodeName, icmpv6TypeName } from '../../common/decode/icmp-names';
import { ipProtocolName } from '../../common/decode/ip-protocols';
import { dnsClassName, dnsOpcodeName, dnsRcodeName, dnsTypeName } from '../../common/decode/dns-names';
import { TcpFlag } from '../../common/model/layers';

const leaf = (label: string): DetailNode => ({ label, offset: null, length: null, children: [] });
const hex = (value: number, digits: number): string => `0x${value.toString(16).padStart(digits, '0')}`;

function printable(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes)
    text +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\${byte.toString(8).padStart(3, '0')}`;
  return text;
}

function recordData(record: DnsRecord): string {
  const data = record.data;
  if (!data) return record.truncated ? `unreadable: ${record.truncated}` : `${record.rdata.length} bytes`;
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return data.name || '.';
    case 'MX':
      return `${data.preference} ${data.exchange || '.'}`;
    case 'TXT':
      return data.strings.map((text) => `"${printable(text)}"`).join(' ');
    case 'SOA':
      return `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${data.target || '.'}`;
    default:
      return `${data.type}, ${record.rdata.length} bytes`;
  }
}

function recordNodes(title: string, records: readonly DnsRecord[]): DetailNode[] {
  if (records.length === 0) return [];
  return [
    {
      label: `${title} (${records.length})`,
      offset: null,
      length: null,
      children: records.map((record) =>
        leaf(
          `${record.name || '<root>'}: type ${dnsTypeName(record.type)}, class ${dnsClassName(record.class)}, TTL ${record.ttl}: ${recordData(record)}`,
        ),
      ),
    },
  ];
}

function dnsChildren(dns: DnsLayer): DetailNode[] {
  const flags = [
    dns.response ? 'response' : 'query',
    `opcode ${dnsOpcodeName(dns.opcode)}`,
    dns.authoritative ? 'authoritative' : '',
    dns.truncatedResponse ? 'truncated (TC)' : '',
    dns.recursionDesired ? 'recursion desired' : '',
    dns.recursionAvailable ? 'recursion available' : '',
    dns.authenticData ? 'authentic data' : '',
    dns.checkingDisabled ? 'checking disabled' : '',
  ].filter(Boolean);
  return [
    leaf(`Transaction ID: ${hex(dns.id, 4)} (${dns.id})`),
    leaf(`Flags: ${hex(dns.flags, 4)}: ${flags.join(', ')}`),
    ...(dns.response ? [leaf(`Reply code: ${dnsRcodeName(dns.rcode)} (${dns.rcode})`)] : []),
    leaf(
      `Questions: ${dns.questionCount}, answers: ${dns.answerCount}, authority: ${dns.authorityCount}, additional: ${dns.additionalCount}`,
    ),
    {
      label: `Questions (${dns.questions.length})`,
      offset: null,
      length: null,
      children: dns.questions.map((question) =>
        leaf(
          `${question.name || '<root>'}: type ${dnsTypeName(question.type)}, class ${dnsClassName(question.class)}`,
        ),
      ),
    },
    ...recordNodes('Answers', dns.answers),
    ...recordNodes('Authority', dns.authorities),
    ...recordNodes(
      'Additional',
      dns.additionals.filter((record) => record.type !== 41),
    ),
    ...(dns.edns
      ? [
          leaf(
            `EDNS0: version ${dns.edns.version}, UDP payload ${dns.edns.udpPayloadSize}${dns.edns.dnssecOk ? ', DNSSEC OK' : ''}, ${dns.edns.options.length} options`,
          ),
        ]
      : []),
  ];
}

/** Header length of a layer in the frame and its nodes; `offset` is where it starts. */
function describe(
  layer: Layer,
  quotedNodes: DetailNode[],
): { label: string; headerLength: number; children: DetailNode[] } {
  switch (layer.kind) {
    case 'ethernet':
      return {
        label: `Ethernet II, Src: ${macText(layer.source)}, Dst: ${macText(layer.destination)}`,
        headerLength: 14,
        children: [
          leaf(`Destination: ${macText(layer.destination)}`),
          leaf(`Source: ${macText(layer.source)}`),
          leaf(`Type: ${etherTypeName(layer.etherType) ?? 'unknown'} (${hex(layer.etherType, 4)})`),
        ],
      };
    case 'vlan':
      return {
        label: `802.1Q virtual LAN, ID: ${layer.vlanId}`,
        headerLength: 4,
        children: [
          leaf(`Tag protocol: ${hex(layer.tagProtocol, 4)}`),
          leaf(`Priority: ${layer.priority}`),
          leaf(`Drop eligible: ${layer.dropEligible}`),
          leaf(`ID: ${layer.vlanId}`),
          leaf(`Type: ${etherTypeName(layer.etherType) ?? 'unknown'} (${hex(layer.etherType, 4)})`),
        ],
      };
    case 'linux-sll':
      return {
        label: 'Linux cooked capture v1',
        headerLength: 16,
        children: [
          leaf(`Packet type: ${layer.packetType}`),
          leaf(`Address type: ${layer.addressType}`),
          leaf(`Address: ${macText(layer.address)}`),
          leaf(`Protocol: ${etherTypeName(layer.protocol) ?? 'unknown'} (${hex(layer.protocol, 4)})`),
        ],
      };
    case 'linux-sll2':
      return {
        label: 'Linux cooked capture v2',
        headerLength: 20,
        children: [
          leaf(`Protocol: ${etherTypeName(layer.protocol) ?? 'unknown'} (${hex(layer.protocol, 4)})`),
          leaf(`Interface index: ${layer.interfaceIndex}`),
          leaf(`Packet type: ${layer.packetType}`),
          leaf(`Address: ${macText(layer.address)}`),
        ],
      };
    case 'loopback':
      return { label: `Null/loopback, family ${layer.family}`, headerLength: 4, children: [] };
    case 'ipv4': {
      const flags =
        [layer.dontFragment ? "don't fragment" : '', layer.moreFragments ? 'more fragments' : '']
          .filter(Boolean)
          .join(', ') || 'none';
      return {
        label: `Internet Protocol Version 4, Src: ${layer.source}, Dst: ${layer.destination}`,
        headerLength: layer.headerLength,
        children: [
          leaf(`Header length: ${layer.headerLength} bytes`),
          leaf(`Type of service: ${hex(layer.tos, 2)}`),
          leaf(`Total length: ${layer.totalLength}`),
          leaf(`Identification: ${hex(layer.identification, 4)} (${layer.identification})`),
          leaf(`Flags: ${flags}; fragment offset: ${layer.fragmentOffset}`),
          leaf(`Time to live: ${layer.ttl}`),
          leaf(`Protocol: ${ipProtocolName(layer.protocol) ?? 'unknown'} (${layer.protocol})`),
          leaf(`Header checksum: ${hex(layer.checksum, 4)}`),
          leaf(`Source: ${layer.source}`),
          leaf(`Destination: ${layer.destination}`),
        ],
      };
    }
    case 'ipv6':
      return {
        label: `Internet Protocol Version 6, Src: ${layer.source}, Dst: ${layer.destination}`,
        headerLength: 40 + layer.extensionHeaders.reduce((total, header) => total + header.length, 0),
        children: [
          leaf(`Traffic class: ${hex(layer.trafficClass, 2)}, flow label: ${hex(layer.flowLabel, 5)}`),
          leaf(`Payload length: ${layer.payloadLength}`),
          leaf(`Next header: ${ipProtocolName(layer.nextHeader) ?? 'unknown'} (${layer.nextHeader})`),
          ...layer.extensionHeaders.map((header) =>
            leaf(`Extension header ${header.type}: ${header.length} bytes`),
          ),
          leaf(`Hop limit: ${layer.hopLimit}`),
          leaf(`Source: ${layer.source}`),
          leaf(`Destination: ${layer.destination}`),
        ],
      };
    case 'udp':
      return {
        label: `User Datagram Protocol, Src Port: ${layer.sourcePort}, Dst Port: ${layer.destinationPort}`,
        headerLength: 8,
        children: [
          leaf(`Source port: ${layer.sourcePort}`),
          leaf(`Destination port: ${layer.destinationPort}`),
          leaf(`Length: ${layer.length}`),
          leaf(`Checksum: ${hex(layer.checksum, 4)}`),
        ],
      };
    case 'tcp': {
      const flags = Object.entries(TcpFlag)
        .filter(([, bit]) => (layer.flags & bit) !== 0)
        .map(([name]) => name)
        .join(', ');
      return {
        label: `Transmission Control Protocol, Src Port: ${layer.sourcePort}, Dst Port: ${layer.destinationPort}, Seq: ${layer.sequence}`,
        headerLength: layer.headerLength,
        children: [
          leaf(`Source port: ${layer.sourcePort}`),
          leaf(`Destination port: ${layer.destinationPort}`),
          leaf(`Sequence number: ${layer.sequence}`),
          leaf(`Acknowledgment number: ${layer.acknowledgment}`),
          leaf(`Header length: ${layer.headerLength} bytes`),
          leaf(`Flags: ${flags || 'none'}`),
          leaf(`Window: ${layer.window}`),
          leaf(`Checksum: ${hex(layer.checksum, 4)}`),
          leaf(`Payload: ${layer.payloadLength} bytes`),
        ],
      };
    }
    case 'icmp':
    case 'icmpv6': {
      const v6 = layer.kind === 'icmpv6';
      const typeName = v6 ? icmpv6TypeName(layer.type) : icmpTypeName(layer.type);
      const codeName = v6 ? icmpv6CodeName(layer.type, layer.code) : icmpCodeName(layer.type, layer.code);
      return {
        label: `${v6 ? 'Internet Control Message Protocol v6' : 'Internet Control Message Protocol'}, type ${layer.type} (${typeName}), code ${layer.code}${codeName ? ` (${codeName})` : ''}`,
        headerLength: 8,
        children: [
          leaf(`Type: ${layer.type} (${typeName})`),
          leaf(`Code: ${layer.code}${codeName ? ` (${codeName})` : ''}`),
          leaf(`Checksum: ${hex(layer.checksum, 4)}`),
          ...(layer.identifier !== undefined
            ? [leaf(`Identifier: ${layer.identifier}, sequence: ${layer.sequence ?? 0}`)]
            : []),
          ...(layer.mtu !== undefined ? [leaf(`Next-hop MTU: ${layer.mtu}`)] : []),
          ...(layer.gateway !== undefined ? [leaf(`Gateway: ${layer.gateway}`)] : []),
          ...(layer.pointer !== undefined ? [leaf(`Pointer: ${layer.pointer}`)] : []),
          ...quotedNodes,
        ],
      };
    }
    case 'dns':
      return {
        label: `Domain Name System (${layer.response ? 'response' : 'query'})`,
        headerLength: layer.length + (layer.transport === 'tcp' ? 2 : 0),
        children: dnsChildren(layer),
      };
    case 'payload':
      return { label: `Data (${layer.data.length} bytes)`, headerLength: layer.data.length, children: [] };
  }
}

/** The nodes of a layer stack that starts at `start` in a frame of `size` bytes (start null: no bytes to point at). */
function layerNodes(
  layers: readonly Layer[],
  start: number | null,
  size: number,
  base: number,
  quoted: readonly Layer[] | undefined,
): DetailNode[] {
  const nodes: DetailNode[] = [];
  let cursor = start;
  for (const layer of layers) {
    let quotedNodes: DetailNode[] = [];
    if ((layer.kind === 'icmp' || layer.kind === 'icmpv6') && quoted && quoted.length > 0) {
      const quotedStart = layer.quoted && start !== null ? layer.quoted.byteOffset - base : null;
      quotedNodes = [
        {
          label: 'Quoted datagram (the packet this error answers)',
          offset: quotedStart,
          length: layer.quoted && quotedStart !== null ? layer.quoted.length : null,
          children: layerNodes(quoted, quotedStart, size, base, undefined),
        },
      ];
    }
    const { label, headerLength, children } = describe(layer, quotedNodes);
    const offset = layer.kind === 'payload' && start !== null ? layer.data.byteOffset - base : cursor;
    const wholeMessage = layer.kind === 'icmp' || layer.kind === 'icmpv6' || layer.kind === 'dns';
    const length =
      offset === null
        ? null
        : Math.max(
            0,
            Math.min(wholeMessage && layer.kind !== 'dns' ? size - offset : headerLength, size - offset),
          );
    nodes.push({
      label: layer.truncated ? `${label} [truncated: ${layer.truncated}]` : label,
      offset,
      length,
      children,
    });
    if (cursor !== null) cursor += headerLength;
  }
  return nodes;
}

export function packetDetailNodes(packet: DecodedPacket): DetailNode[] {
  const { frame } = packet;
  const hasBytes = frame.data.length > 0;
  const frameNode: DetailNode = {
    label: `Frame ${frame.number}: ${frame.originalLength} bytes on wire, ${frame.capturedLength} bytes captured`,
    offset: hasBytes ? 0 : null,
    length: hasBytes ? frame.data.length : null,
    children: [
      leaf(
        `Arrival time: ${new Date(frame.seconds * 1000).toISOString().slice(0, 19)}.${String(frame.nanoseconds).padStart(9, '0')} UTC`,
      ),
      leaf(`Link type: ${linkTypeName(frame.linkType)} (${frame.linkType})`),
      ...(frame.interfaceIndex ? [leaf(`Interface: ${frame.interfaceIndex}`)] : []),
    ],
  };
  return [
    frameNode,
    ...layerNodes(
      packet.layers,
      hasBytes ? 0 : null,
      frame.data.length,
      frame.data.byteOffset,
      packet.quoted,
    ),
  ];
}
