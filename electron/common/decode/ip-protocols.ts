/**
 * IP protocol numbers (IANA "Assigned Internet Protocol Numbers") with the names tcpdump
 * prints in "proto UDP (17)" (tcpdump's ipproto.c ipproto_values).
 */

export const IpProtocol = {
  hopByHop: 0,
  ICMP: 1,
  IGMP: 2,
  TCP: 6,
  UDP: 17,
  IPv6: 41,
  routing: 43,
  fragment: 44,
  GRE: 47,
  ESP: 50,
  AH: 51,
  ICMPv6: 58,
  noNextHeader: 59,
  destinationOptions: 60,
  SCTP: 132,
} as const;

const names: ReadonlyMap<number, string> = new Map([
  [0, 'Options'],
  [1, 'ICMP'],
  [2, 'IGMP'],
  [4, 'IPIP'],
  [6, 'TCP'],
  [8, 'EGP'],
  [9, 'IGRP'],
  [17, 'UDP'],
  [33, 'DCCP'],
  [41, 'IPv6'],
  [43, 'Routing'],
  [44, 'Fragment'],
  [46, 'RSVP'],
  [47, 'GRE'],
  [50, 'ESP'],
  [51, 'AH'],
  [55, 'Mobile IP'],
  [58, 'ICMPv6'],
  [62, 'Mobile IP (old)'],
  [88, 'EIGRP'],
  [89, 'OSPF'],
  [103, 'PIM'],
  [108, 'Compressed IP'],
  [112, 'VRRP'],
  [113, 'PGM'],
  [132, 'SCTP'],
  [135, 'Mobility'],
  [240, 'pfsync'],
]);

/** tcpdump's name for an IP protocol, or undefined (tcpdump -v then prints "unknown"). */
export function ipProtocolName(protocol: number): string | undefined {
  return names.get(protocol);
}
