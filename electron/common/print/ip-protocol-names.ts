/** IP protocol names as tcpdump's -v header prints them (ipproto.c, ipproto_values). */
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
  [59, 'No Next Header'],
  [60, 'DSTOPT'],
  [62, 'Mobile IP (old)'],
  [88, 'EIGRP'],
  [89, 'OSPF'],
  [103, 'PIM'],
  [108, 'Compressed IP'],
  [112, 'VRRP'],
  [113, 'PGM'],
  [132, 'SCTP'],
  [135, 'Mobility'],
  [143, 'Ethernet'],
]);

export function ipProtocolName(protocol: number): string {
  return names.get(protocol) ?? 'unknown';
}
