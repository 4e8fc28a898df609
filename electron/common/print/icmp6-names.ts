import { icmpv6CodeName, icmpv6TypeName } from '../decode/icmp-names';

/**
 * ICMPv6 type and unreachable-code names as tcpdump 4.99's print-icmp6.c spells them (RFC 4443
 * and successors): the names in decode/icmp-names, for the types tcpdump knows, with its own
 * spelling where it differs. Built once, when the module loads.
 */

/** The types tcpdump names; it prints the rest as "unknown icmp6 type (N)". */
const printedTypes = [
  1, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 141, 142, 143, 144, 145, 146, 147, 155,
  200, 201,
];

export const icmp6TypeNames: ReadonlyMap<number, string> = new Map([
  ...printedTypes.map((type): [number, string] => [type, icmpv6TypeName(type)]),
  // 139 and 140 are both KAME's who-are-you and RFC 4620 node information; tcpdump's
  // table lists who-are-you first, so that is the name it prints.
  [139, 'who-are-you request'],
  [140, 'who-are-you reply'],
]);

// tcpdump names destination-unreachable codes 0 to 4; code 1's text has a leading space in
// its table, hence its double space.
export const icmp6UnreachableCodes: ReadonlyMap<number, string> = new Map(
  [0, 1, 2, 3, 4].map((code): [number, string] => [
    code,
    `${code === 1 ? ' ' : ''}${icmpv6CodeName(1, code)}`,
  ]),
);
