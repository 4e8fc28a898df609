import type { Ipv4Layer, Ipv6Layer, Layer, TcpLayer, UdpLayer } from '../model/layers';

/**
 * Building blocks for layers synthesized from tcpdump text. The text has no bytes, so
 * views are this shared empty array, and numbers the text does not carry are 0
 * (the convention stated in model/layers.ts).
 */

export const NO_BYTES = new Uint8Array(0);

/** A line, or part of one, that the importer cannot read; the message says what was expected. */
export class UnreadableText extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableText';
  }
}

export const IpProtocol = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58 } as const;

/** What `-v` prints in parentheses after `IP` or `IP6`. */
export interface IpDetails {
  tos?: number;
  ttl?: number;
  identification?: number;
  fragmentOffset?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  protocol?: number;
  /** IPv4 total length, or IPv6 payload length. */
  length?: number;
  flowLabel?: number;
  trafficClass?: number;
  hasOptions?: boolean;
}

/** Reads `(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto UDP (17), length 67)` and its IPv6 kin. */
export function parseIpDetails(text: string): IpDetails {
  const details: IpDetails = {};
  const number = (pattern: RegExp, radix = 10): number | undefined => {
    const match = pattern.exec(text);
    return match ? parseInt(match[1]!, radix) : undefined;
  };
  details.tos = number(/\btos 0x([0-9a-f]+)/, 16);
  details.ttl = number(/\b(?:ttl|hlim) (\d+)/);
  details.identification = number(/\bid (\d+)/);
  details.fragmentOffset = number(/\boffset (\d+)/);
  details.protocol = number(/\b(?:proto|next-header) [^,()]*\((\d+)\)/);
  details.length = number(/\bpayload length: (\d+)/) ?? number(/(?:^|, )length (\d+)/);
  details.flowLabel = number(/\bflowlabel 0x([0-9a-f]+)/, 16);
  details.trafficClass = number(/\bclass 0x([0-9a-f]+)/, 16);
  const flags = /\bflags \[([^\]]*)\]/.exec(text)?.[1];
  if (flags !== undefined) {
    details.dontFragment = flags.includes('DF');
    details.moreFragments = flags.includes('+');
  }
  details.hasOptions = /\boptions \(/.test(text);
  return details;
}

export function ipv4Layer(
  source: string,
  destination: string,
  protocol: number,
  payloadLength: number | undefined,
  details: IpDetails = {},
): Ipv4Layer {
  const headerLength = details.hasOptions ? 0 : 20;
  const totalLength = details.length ?? (payloadLength !== undefined ? 20 + payloadLength : 0);
  return {
    kind: 'ipv4',
    headerLength,
    tos: details.tos ?? 0,
    totalLength,
    identification: details.identification ?? 0,
    dontFragment: details.dontFragment ?? false,
    moreFragments: details.moreFragments ?? false,
    fragmentOffset: details.fragmentOffset ?? 0,
    ttl: details.ttl ?? 0,
    protocol: details.protocol ?? protocol,
    checksum: 0,
    source,
    destination,
    options: NO_BYTES,
  };
}

export function ipv6Layer(
  source: string,
  destination: string,
  protocol: number,
  payloadLength: number | undefined,
  details: IpDetails = {},
): Ipv6Layer {
  const nextHeader = details.protocol ?? protocol;
  return {
    kind: 'ipv6',
    trafficClass: details.trafficClass ?? 0,
    flowLabel: details.flowLabel ?? 0,
    payloadLength: details.length ?? payloadLength ?? 0,
    nextHeader,
    hopLimit: details.ttl ?? 0,
    source,
    destination,
    extensionHeaders: [],
    protocol: protocol || nextHeader,
  };
}

export function ipLayer(
  version: 4 | 6,
  source: string,
  destination: string,
  protocol: number,
  payloadLength: number | undefined,
  details?: IpDetails,
): Ipv4Layer | Ipv6Layer {
  return version === 4
    ? ipv4Layer(source, destination, protocol, payloadLength, details)
    : ipv6Layer(source, destination, protocol, payloadLength, details);
}

export function udpLayer(
  sourcePort: number,
  destinationPort: number,
  payloadLength: number | undefined,
): UdpLayer {
  return {
    kind: 'udp',
    sourcePort,
    destinationPort,
    length: payloadLength === undefined ? 0 : 8 + payloadLength,
    checksum: 0,
  };
}

export function tcpLayer(
  fields: Partial<Omit<TcpLayer, 'kind' | 'options'>> & { sourcePort: number; destinationPort: number },
): TcpLayer {
  return {
    kind: 'tcp',
    sourcePort: fields.sourcePort,
    destinationPort: fields.destinationPort,
    sequence: fields.sequence ?? 0,
    acknowledgment: fields.acknowledgment ?? 0,
    headerLength: fields.headerLength ?? 0,
    flags: fields.flags ?? 0,
    window: fields.window ?? 0,
    checksum: 0,
    urgentPointer: fields.urgentPointer ?? 0,
    options: NO_BYTES,
    payloadLength: fields.payloadLength ?? 0,
  };
}

/** The length of the IP payload the layers describe, when the text said it. */
export function transportLength(layers: readonly Layer[]): number | undefined {
  for (const layer of layers) {
    if (layer.kind === 'udp' && layer.length > 0) return layer.length;
    // tcpdump does not print the TCP header length; 20 is the header without options.
    if (layer.kind === 'tcp') return (layer.headerLength || 20) + layer.payloadLength;
  }
  return undefined;
}
