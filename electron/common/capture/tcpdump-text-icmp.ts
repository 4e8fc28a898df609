import type { IcmpLayer } from '../model/layers';
import { IpProtocol, NO_BYTES, UnreadableText } from './tcpdump-text-layers';
import { portFromText } from './tcpdump-text-names';

/**
 * ICMP (RFC 792, 1812) and ICMPv6 (RFC 4443) messages as tcpdump's print-icmp.c and
 * print-icmp6.c word them, read back into type, code and what the message names about the
 * datagram it quotes: `ICMP 203.0.113.2 udp port 53 unreachable, length 254` says the
 * quoted datagram went to 203.0.113.2, UDP port 53.
 */

/** What an error message tells of the datagram it quotes. */
export interface QuotedHint {
  /** The quoted datagram's destination, named in the message. */
  destination: string;
  /** IP protocol number, 0 when the message does not say. */
  protocol: number;
  destinationPort?: number;
}

export interface IcmpText {
  layer: IcmpLayer;
  quoted?: QuotedHint;
  /** The ICMP message length (`length N`), when printed. */
  length?: number;
  /** Text after `length N`: with -v, the quoted datagram. */
  rest: string;
}

type MessageReader = (match: RegExpExecArray) => {
  type: number;
  code: number;
  quoted?: QuotedHint;
  extra?: Partial<IcmpLayer>;
};

const address = (text: string | undefined): QuotedHint => ({ destination: text ?? '', protocol: 0 });

/** print-icmp.c's wording, most specific first. */
const icmpMessages: [RegExp, MessageReader][] = [
  [
    /^(\S+) (udp|tcp) port (\S+) unreachable$/,
    (m) => ({ type: 3, code: 3, quoted: portHint(m[1]!, m[2]!, m[3]!) }),
  ],
  [
    /^(\S+) protocol (\d+) port (\d+) unreachable$/,
    (m) => ({
      type: 3,
      code: 3,
      quoted: { destination: m[1]!, protocol: Number(m[2]), destinationPort: Number(m[3]) },
    }),
  ],
  [
    /^(\S+) protocol (\d+) unreachable$/,
    (m) => ({ type: 3, code: 2, quoted: { destination: m[1]!, protocol: Number(m[2]) } }),
  ],
  [/^net (\S+) unreachable$/, (m) => ({ type: 3, code: 0, quoted: address(m[1]) })],
  [/^host (\S+) unreachable$/, (m) => ({ type: 3, code: 1, quoted: address(m[1]) })],
  [
    /^(\S+) unreachable - need to frag(?: \(mtu (\d+)\))?$/,
    (m) => ({ type: 3, code: 4, quoted: address(m[1]), extra: { mtu: m[2] ? Number(m[2]) : 0 } }),
  ],
  [/^(\S+) unreachable - source route failed$/, (m) => ({ type: 3, code: 5, quoted: address(m[1]) })],
  [/^net (\S+) unreachable - unknown$/, (m) => ({ type: 3, code: 6, quoted: address(m[1]) })],
  [/^host (\S+) unreachable - unknown$/, (m) => ({ type: 3, code: 7, quoted: address(m[1]) })],
  [/^(\S+) unreachable - source host isolated$/, (m) => ({ type: 3, code: 8, quoted: address(m[1]) })],
  [/^net (\S+) unreachable - admin prohibited$/, (m) => ({ type: 3, code: 9, quoted: address(m[1]) })],
  [/^host (\S+) unreachable - admin prohibited$/, (m) => ({ type: 3, code: 10, quoted: address(m[1]) })],
  [/^net (\S+) unreachable - tos prohibited$/, (m) => ({ type: 3, code: 11, quoted: address(m[1]) })],
  [/^host (\S+) unreachable - tos prohibited$/, (m) => ({ type: 3, code: 12, quoted: address(m[1]) })],
  [
    /^host (\S+) unreachable - admin prohibited filter$/,
    (m) => ({ type: 3, code: 13, quoted: address(m[1]) }),
  ],
  [
    /^host (\S+) unreachable - host precedence violation$/,
    (m) => ({ type: 3, code: 14, quoted: address(m[1]) }),
  ],
  [/^host (\S+) unreachable - precedence cutoff$/, (m) => ({ type: 3, code: 15, quoted: address(m[1]) })],
  [/^(\S+) unreachable - #(\d+)$/, (m) => ({ type: 3, code: Number(m[2]), quoted: address(m[1]) })],
  [/^time exceeded in-transit$/, () => ({ type: 11, code: 0 })],
  [/^ip reassembly time exceeded$/, () => ({ type: 11, code: 1 })],
  [/^time exceeded-#(\d+)$/, (m) => ({ type: 11, code: Number(m[1]) })],
  [/^source quench$/, () => ({ type: 4, code: 0 })],
  [
    /^redirect(-tos)? (\S+) to (net|host) (\S+)$/,
    (m) => ({
      type: 5,
      code: (m[1] ? 2 : 0) + (m[3] === 'host' ? 1 : 0),
      quoted: address(m[2]),
      extra: { gateway: m[4]! },
    }),
  ],
  [
    /^redirect-#(\d+) (\S+) to net (\S+)$/,
    (m) => ({ type: 5, code: Number(m[1]), quoted: address(m[2]), extra: { gateway: m[3]! } }),
  ],
  [/^parameter problem - octet (\d+)$/, (m) => ({ type: 12, code: 0, extra: { pointer: Number(m[1]) } })],
  [/^parameter problem - code (\d+)$/, (m) => ({ type: 12, code: Number(m[1]) })],
  [
    /^echo (request|reply), id (\d+), seq (\d+)$/,
    (m) => ({
      type: m[1] === 'request' ? 8 : 0,
      code: 0,
      extra: { identifier: Number(m[2]), sequence: Number(m[3]) },
    }),
  ],
  [
    /^echo (request|reply) seq (\d+)$/,
    (m) => ({ type: m[1] === 'request' ? 8 : 0, code: 0, extra: { sequence: Number(m[2]) } }),
  ],
  [/^router advertisement\b/, () => ({ type: 9, code: 0 })],
  [/^router solicitation$/, () => ({ type: 10, code: 0 })],
  [
    /^time stamp (query|request|reply) id (\d+) seq (\d+)\b/,
    (m) => ({
      type: m[1] === 'reply' ? 14 : 13,
      code: 0,
      extra: { identifier: Number(m[2]), sequence: Number(m[3]) },
    }),
  ],
  [/^information request$/, () => ({ type: 15, code: 0 })],
  [/^information reply$/, () => ({ type: 16, code: 0 })],
  [/^address mask request$/, () => ({ type: 17, code: 0 })],
  [/^address mask is 0x[0-9a-f]+$/, () => ({ type: 18, code: 0 })],
  [/^extended echo request\b/, () => ({ type: 42, code: 0 })],
  [/^extended echo reply\b/, () => ({ type: 43, code: 0 })],
  [/^type-#(\d+)$/, (m) => ({ type: Number(m[1]), code: 0 })],
];

/** print-icmp6.c's wording (tcpdump 4.99: note the double space before "unreachable prohibited"). */
const icmp6Messages: [RegExp, MessageReader][] = [
  [
    /^destination unreachable, unreachable port, (\S+) (udp|tcp) port (\S+)$/,
    (m) => ({ type: 1, code: 4, quoted: portHint(m[1]!, m[2]!, m[3]!) }),
  ],
  [
    /^destination unreachable, unreachable port, (\S+) protocol (\d+) port (\d+) unreachable$/,
    (m) => ({
      type: 1,
      code: 4,
      quoted: { destination: m[1]!, protocol: Number(m[2]), destinationPort: Number(m[3]) },
    }),
  ],
  [
    /^destination unreachable, unreachable route (\S+)$/,
    (m) => ({ type: 1, code: 0, quoted: address(m[1]) }),
  ],
  [
    /^destination unreachable, unreachable prohibited (\S+)$/,
    (m) => ({ type: 1, code: 1, quoted: address(m[1]) }),
  ],
  [
    /^destination unreachable, beyond scope (\S+), source address \S+$/,
    (m) => ({ type: 1, code: 2, quoted: address(m[1]) }),
  ],
  [
    /^destination unreachable, unreachable address (\S+)$/,
    (m) => ({ type: 1, code: 3, quoted: address(m[1]) }),
  ],
  [/^destination unreachable, unknown unreach code \((\d+)\)$/, (m) => ({ type: 1, code: Number(m[1]) })],
  [/^packet too big, mtu (\d+)$/, (m) => ({ type: 2, code: 0, extra: { mtu: Number(m[1]) } })],
  [/^time exceeded in-transit for (\S+)$/, (m) => ({ type: 3, code: 0, quoted: address(m[1]) })],
  [/^time exceeded in-transit \(reassembly\)$/, () => ({ type: 3, code: 1 })],
  [/^time exceeded in-transit, unknown code \((\d+)\)$/, (m) => ({ type: 3, code: Number(m[1]) })],
  [
    /^parameter problem, erroneous - octet (\d+)$/,
    (m) => ({ type: 4, code: 0, extra: { pointer: Number(m[1]) } }),
  ],
  [
    /^parameter problem, next header - octet (\d+)$/,
    (m) => ({ type: 4, code: 1, extra: { pointer: Number(m[1]) } }),
  ],
  [
    /^parameter problem, option - octet (\d+)$/,
    (m) => ({ type: 4, code: 2, extra: { pointer: Number(m[1]) } }),
  ],
  [
    /^parameter problem, incomplete header chain - octet (\d+)$/,
    (m) => ({ type: 4, code: 3, extra: { pointer: Number(m[1]) } }),
  ],
  [
    /^echo (request|reply), id (\d+), seq (\d+)$/,
    (m) => ({
      type: m[1] === 'request' ? 128 : 129,
      code: 0,
      extra: { identifier: Number(m[2]), sequence: Number(m[3]) },
    }),
  ],
  [/^router solicitation\b/, () => ({ type: 133, code: 0 })],
  [/^router advertisement\b/, () => ({ type: 134, code: 0 })],
  [/^neighbor solicitation\b/, () => ({ type: 135, code: 0 })],
  [/^neighbor advertisement\b/, () => ({ type: 136, code: 0 })],
  [/^redirect\b/, () => ({ type: 137, code: 0 })],
  [/^multicast listener query\b/, () => ({ type: 130, code: 0 })],
  [/^multicast listener report v2\b/, () => ({ type: 143, code: 0 })],
  [/^multicast listener report\b/, () => ({ type: 131, code: 0 })],
  [/^multicast listener done\b/, () => ({ type: 132, code: 0 })],
  [/^router renumbering\b/, () => ({ type: 138, code: 0 })],
  [/^(?:who-are-you request )?node information query\b/, () => ({ type: 139, code: 0 })],
  [/^(?:who-are-you reply|node information reply)\b/, () => ({ type: 140, code: 0 })],
  [/^inverse neighbor solicitation\b/, () => ({ type: 141, code: 0 })],
  [/^inverse neighbor advertisement\b/, () => ({ type: 142, code: 0 })],
  [/^home agent discovery request\b/, () => ({ type: 144, code: 0 })],
  [/^home agent discovery reply\b/, () => ({ type: 145, code: 0 })],
  [/^mobile router solicitation\b/, () => ({ type: 146, code: 0 })],
  [/^mobile router advertisement\b/, () => ({ type: 147, code: 0 })],
  [/^RPL\b/, () => ({ type: 155, code: 0 })],
  [/^extended echo request\b/, () => ({ type: 160, code: 0 })],
  [/^extended echo reply\b/, () => ({ type: 161, code: 0 })],
];

/** ICMP errors quote a datagram (RFC 792; RFC 4443 §2.1: types below 128). */
function isError(kind: 'icmp' | 'icmpv6', type: number): boolean {
  return kind === 'icmp' ? [3, 4, 5, 11, 12].includes(type) : type < 128;
}

function portHint(destination: string, protocol: string, port: string): QuotedHint {
  const destinationPort = portFromText(port);
  if (destinationPort === undefined) throw new UnreadableText(`unknown port name "${port}"`);
  return { destination, protocol: protocol === 'udp' ? IpProtocol.UDP : IpProtocol.TCP, destinationPort };
}

/** `text` starts after `ICMP ` (v4) or `ICMP6, ` (v6). */
export function parseIcmpText(text: string, kind: 'icmp' | 'icmpv6'): IcmpText {
  // The message, then ", length N" (the scenario's log has it without the comma).
  const split = /^(.*?),? length (\d+)(.*)$/.exec(text);
  const message = (split ? split[1]! : text).replace(/\s+/g, ' ').trim();
  const rest = split ? split[3]!.trim() : '';
  const table = kind === 'icmp' ? icmpMessages : icmp6Messages;
  for (const [pattern, read] of table) {
    const match = pattern.exec(message);
    if (!match) continue;
    const { type, code, quoted, extra } = read(match);
    const layer: IcmpLayer = { kind, type, code, checksum: 0, body: NO_BYTES };
    if (extra) Object.assign(layer, extra);
    if (isError(kind, type)) layer.quoted = NO_BYTES;
    const result: IcmpText = { layer, rest };
    if (quoted) result.quoted = quoted;
    if (split) result.length = Number(split[2]);
    return result;
  }
  throw new UnreadableText(`unknown ${kind === 'icmp' ? 'ICMP' : 'ICMPv6'} message "${message}"`);
}
