/**
 * EtherType names as tcpdump's -e output spells them (ethertype.c, ethertype_values). Only
 * types a capture is likely to carry; the rest print as "Unknown", as tcpdump does.
 */
export const etherTypeNames: ReadonlyMap<number, string> = new Map([
  [0x0800, 'IPv4'],
  [0x0806, 'ARP'],
  [0x86dd, 'IPv6'],
  [0x8100, '802.1Q'],
  [0x88a8, '802.1Q-QinQ'],
  [0x9100, '802.1Q-9100'],
  [0x9200, '802.1Q-9200'],
  [0x8035, 'Reverse ARP'],
  [0x8847, 'MPLS unicast'],
  [0x8848, 'MPLS multicast'],
  [0x8863, 'PPPoE D'],
  [0x8864, 'PPPoE S'],
  [0x888e, 'EAPOL'],
  [0x88cc, 'LLDP'],
  [0x88e5, '802.1AE MACsec'],
  [0x8809, 'Slow Protocols'],
  [0x88f7, 'PTP'],
  [0x8902, 'CFM'],
  [0x9000, 'Loopback'],
  [0x809b, 'Appletalk'],
  [0x80f3, 'Appletalk ARP'],
  [0x8137, 'IPX'],
  [0x6558, 'TEB'],
  [0x22f3, 'TRILL'],
  [0x893f, '802.1BR'],
  [0x88e7, '802.1ah'],
  [0x8906, 'FCoE'],
  [0x8914, 'FCoE Initialization'],
  [0x892f, 'HSR'],
  [0x88fb, 'PRP'],
  [0x88b8, 'GOOSE'],
]);

export function etherTypeText(etherType: number): string {
  return `${etherTypeNames.get(etherType) ?? 'Unknown'} (0x${etherType.toString(16).padStart(4, '0')})`;
}

/** tcpdump's ether_type_print: "ethertype IPv4 (0x0800)", or with -q only "IPv4". */
export function etherTypeLabel(etherType: number, quiet: boolean): string {
  if (!quiet) return `ethertype ${etherTypeText(etherType)}`;
  return etherTypeNames.get(etherType) ?? `Unknown Ethertype (0x${etherType.toString(16).padStart(4, '0')})`;
}

/** TPIDs that introduce an 802.1Q/802.1ad tag (tcpdump treats all of these as VLAN tags). */
export function isVlanTag(etherType: number): boolean {
  return etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100 || etherType === 0x9200;
}
