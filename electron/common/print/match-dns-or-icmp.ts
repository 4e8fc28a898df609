import type { DecodedPacket } from '../model/packet';

/**
 * The printer's filter for `netmortem print --dns-icmp`: what tcpdump's
 * 'udp port 53 or icmp' selects, widened to DNS over TCP and to ICMPv6. A packet matches when
 * it is ICMP or ICMPv6, or UDP or TCP to or from port 53 (mDNS and LLMNR, on other ports, do
 * not). Only the packet's own layers count: a DNS query quoted inside an ICMP error makes the
 * packet ICMP, not DNS. `frameMatchesDnsOrIcmp` answers the same from a frame's bytes.
 */
export function matchesDnsOrIcmp(packet: DecodedPacket): boolean {
  for (const layer of packet.layers) {
    switch (layer.kind) {
      case 'icmp':
      case 'icmpv6':
        return true;
      case 'udp':
      case 'tcp':
        if (layer.sourcePort === 53 || layer.destinationPort === 53) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
