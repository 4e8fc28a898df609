/** ICMPv6 type and unreachable-code names as tcpdump 4.99's print-icmp6.c spells them (RFC 4443 and successors). */

export const icmp6TypeNames: ReadonlyMap<number, string> = new Map([
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
  [141, 'inverse neighbor solicitation'],
  [142, 'inverse neighbor advertisement'],
  [143, 'multicast listener report v2'],
  [144, 'ha discovery request'],
  [145, 'ha discovery reply'],
  [146, 'mobile router solicitation'],
  [147, 'mobile router advertisement'],
  // 139 and 140 are both KAME's who-are-you and RFC 4620 node information; tcpdump's
  // table lists who-are-you first, so that is the name it prints.
  [139, 'who-are-you request'],
  [140, 'who-are-you reply'],
  [201, 'mtrace message'],
  [200, 'mtrace response'],
  [155, 'RPL'],
]);

// Code 1's text has a leading space in tcpdump's table, hence its double space.
export const icmp6UnreachableCodes: ReadonlyMap<number, string> = new Map([
  [0, 'unreachable route'],
  [1, ' unreachable prohibited'],
  [2, 'beyond scope'],
  [3, 'unreachable address'],
  [4, 'unreachable port'],
]);
