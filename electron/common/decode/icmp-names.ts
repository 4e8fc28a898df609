/**
 * Names of every ICMP (IANA "ICMP Type Numbers") and ICMPv6 (IANA "ICMPv6 Parameters") type
 * and code. Where tcpdump prints a phrase for one (print-icmp.c, print-icmp6.c), the name is
 * that phrase, without the addresses tcpdump weaves in ("port unreachable" for
 * "203.0.113.2 udp port 53 unreachable"); elsewhere it is the IANA name in the same style.
 */

const icmpTypes: ReadonlyMap<number, string> = new Map([
  [0, 'echo reply'],
  [3, 'destination unreachable'],
  [4, 'source quench'],
  [5, 'redirect'],
  [6, 'alternate host address'],
  [8, 'echo request'],
  [9, 'router advertisement'],
  [10, 'router solicitation'],
  [11, 'time exceeded'],
  [12, 'parameter problem'],
  [13, 'time stamp request'],
  [14, 'time stamp reply'],
  [15, 'information request'],
  [16, 'information reply'],
  [17, 'address mask request'],
  [18, 'address mask reply'],
  [30, 'traceroute'],
  [31, 'datagram conversion error'],
  [32, 'mobile host redirect'],
  [33, 'IPv6 where-are-you'],
  [34, 'IPv6 I-am-here'],
  [35, 'mobile registration request'],
  [36, 'mobile registration reply'],
  [37, 'domain name request'],
  [38, 'domain name reply'],
  [39, 'SKIP'],
  [40, 'Photuris'],
  [41, 'experimental mobility'],
  [42, 'extended echo request'],
  [43, 'extended echo reply'],
]);

const icmpCodes: ReadonlyMap<number, readonly string[]> = new Map([
  [
    3,
    [
      'net unreachable',
      'host unreachable',
      'protocol unreachable',
      'port unreachable',
      'need to frag',
      'source route failed',
      'net unreachable - unknown',
      'host unreachable - unknown',
      'source host isolated',
      'net unreachable - admin prohibited',
      'host unreachable - admin prohibited',
      'net unreachable - tos prohibited',
      'host unreachable - tos prohibited',
      'host unreachable - admin prohibited filter', // RFC 1812 §5.2.7.1
      'host unreachable - host precedence violation',
      'host unreachable - precedence cutoff',
    ],
  ],
  [5, ['redirect to net', 'redirect to host', 'redirect-tos to net', 'redirect-tos to host']],
  [11, ['time exceeded in-transit', 'ip reassembly time exceeded']],
  [12, ['pointer indicates the error', 'missing a required option', 'bad length']],
  [
    40,
    [
      'bad SPI',
      'authentication failed',
      'decompression failed',
      'decryption failed',
      'need authentication',
      'need authorization',
    ],
  ],
  [
    43,
    [
      'no error',
      'malformed query',
      'no such interface',
      'no such table entry',
      'multiple interfaces satisfy query',
    ],
  ],
]);

/** The name of an ICMP type; tcpdump's "type-#N" when it has none. */
export function icmpTypeName(type: number): string {
  return icmpTypes.get(type) ?? `type-#${type}`;
}

/** The name of an ICMP code; undefined for types whose codes carry no meaning or unknown codes. */
export function icmpCodeName(type: number, code: number): string | undefined {
  if (type === 9)
    return code === 0
      ? 'normal router advertisement'
      : code === 16
        ? 'does not route common traffic'
        : undefined;
  return icmpCodes.get(type)?.[code];
}

const icmpv6Types: ReadonlyMap<number, string> = new Map([
  [1, 'destination unreachable'],
  [2, 'packet too big'],
  [3, 'time exceeded in-transit'],
  [4, 'parameter problem'],
  [128, 'echo request'],
  [129, 'echo reply'],
  [130, 'multicast listener query'],
  [131, 'multicast listener report'],
  [132, 'multicast listener done'],
  [133, 'router solicitation'],
  [134, 'router advertisement'],
  [135, 'neighbor solicitation'],
  [136, 'neighbor advertisement'],
  [137, 'redirect'],
  [138, 'router renumbering'],
  [139, 'node information query'],
  [140, 'node information reply'],
  [141, 'inverse neighbor solicitation'],
  [142, 'inverse neighbor advertisement'],
  [143, 'multicast listener report v2'],
  [144, 'ha discovery request'],
  [145, 'ha discovery reply'],
  [146, 'mobile router solicitation'],
  [147, 'mobile router advertisement'],
  [148, 'certification path solicitation'],
  [149, 'certification path advertisement'],
  [151, 'multicast router advertisement'],
  [152, 'multicast router solicitation'],
  [153, 'multicast router termination'],
  [154, 'FMIPv6'],
  [155, 'RPL'],
  [156, 'ILNPv6 locator update'],
  [157, 'duplicate address request'],
  [158, 'duplicate address confirmation'],
  [159, 'MPL control'],
  [160, 'extended echo request'],
  [161, 'extended echo reply'],
  [200, 'mtrace response'],
  [201, 'mtrace message'],
]);

const icmpv6Codes: ReadonlyMap<number, readonly string[]> = new Map([
  [
    1,
    [
      'unreachable route',
      'unreachable prohibited',
      'beyond scope',
      'unreachable address',
      'unreachable port',
      'source address failed ingress/egress policy',
      'reject route to destination',
      'error in source routing header',
      'headers too long', // RFC 8883
    ],
  ],
  [3, ['hop limit exceeded in transit', 'fragment reassembly time exceeded']],
  [
    4,
    [
      'erroneous header field',
      'unrecognized next header',
      'unrecognized option',
      'incomplete header chain', // RFC 7112
      'SR upper-layer header error', // RFC 8754
      'unrecognized next header type encountered by intermediate node', // RFC 8883
      'extension header too big',
      'extension header chain too long',
      'too many extension headers',
      'too many options in extension header',
      'option too big',
    ],
  ],
  [139, ['subject is an IPv6 address', 'subject is a name', 'subject is an IPv4 address']],
  [140, ['successful reply', 'refused', 'unknown qtype']],
  [
    161,
    [
      'no error',
      'malformed query',
      'no such interface',
      'no such table entry',
      'multiple interfaces satisfy query',
    ],
  ],
]);

/** The name of an ICMPv6 type; tcpdump's "unknown icmp6 type (N)" when it has none. */
export function icmpv6TypeName(type: number): string {
  return icmpv6Types.get(type) ?? `unknown icmp6 type (${type})`;
}

/** The name of an ICMPv6 code; undefined for types whose codes carry no meaning or unknown codes. */
export function icmpv6CodeName(type: number, code: number): string | undefined {
  if (type === 138)
    return code === 0
      ? 'command'
      : code === 1
        ? 'result'
        : code === 255
          ? 'sequence number reset'
          : undefined;
  return icmpv6Codes.get(type)?.[code];
}
