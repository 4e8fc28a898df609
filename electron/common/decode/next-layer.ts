/**
 * THE table that picks the next decoder: link type to link decoder, EtherType (and BSD address
 * family) to network decoder, IP protocol to transport decoder, UDP/TCP port to application
 * decoder. Decoders only name a key (decode-result.ts); this file alone knows what decodes it,
 * so adding a protocol is one line here and nothing else changes.
 */
import type { Decoder, NextKey } from './decode-result';
import { decodeDns, decodeMulticastDns } from './dns';
import { decodeDnsTcp } from './dns-tcp';
import { decodeEthernet } from './ethernet';
import { decodeIcmp } from './icmp';
import { decodeIcmpv6 } from './icmpv6';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';
import { decodeLinuxSll } from './linux-sll';
import { decodeLinuxSll2 } from './linux-sll2';
import { decodeLoopback } from './loopback';
import { rawIpNextKey } from './raw-ip';
import { decodeTcp } from './tcp';
import { decodeUdp } from './udp';
import { decodeVlan8021ad, decodeVlan8021Q, decodeVlan9100, decodeVlanTag } from './vlan';

/** LINKTYPE_* (https://www.tcpdump.org/linktypes.html) to the decoder of the frame's first bytes. */
const linkDecoders: ReadonlyMap<number, Decoder> = new Map<number, Decoder>([
  [0, decodeLoopback], // NULL
  [1, decodeEthernet], // EN10MB
  [108, decodeLoopback], // LOOP
  [113, decodeLinuxSll], // LINUX_SLL
  [228, decodeIpv4], // IPV4
  [229, decodeIpv6], // IPV6
  [276, decodeLinuxSll2], // LINUX_SLL2
]);
/** LINKTYPE_RAW: IPv4 or IPv6 by the version nibble (raw-ip.ts). */
const linkTypeRaw = 101;

const etherTypeDecoders: ReadonlyMap<number, Decoder> = new Map<number, Decoder>([
  [0x0800, decodeIpv4],
  [0x86dd, decodeIpv6],
  [0x8100, decodeVlan8021Q], // IEEE 802.1Q
  [0x88a8, decodeVlan8021ad], // IEEE 802.1ad service tag
  [0x9100, decodeVlan9100], // pre-standard QinQ
  [0x9200, (data) => decodeVlanTag(data, 0x9200)], // pre-standard QinQ, as tcpdump accepts
]);

/** BSD loopback address families (loopback.ts). */
const addressFamilyDecoders: ReadonlyMap<number, Decoder> = new Map<number, Decoder>([
  [2, decodeIpv4], // AF_INET
  [24, decodeIpv6], // AF_INET6 on NetBSD, OpenBSD, BSD/OS
  [28, decodeIpv6], // FreeBSD, DragonFly BSD
  [30, decodeIpv6], // Darwin
]);

/** IP protocol numbers (IANA), indexed directly: the hottest lookup after the link layer. */
const ipProtocolDecoders: readonly (Decoder | undefined)[] = (() => {
  const table: (Decoder | undefined)[] = new Array<Decoder | undefined>(256).fill(undefined);
  table[1] = decodeIcmp;
  table[4] = decodeIpv4; // IP in IP (RFC 2003)
  table[6] = decodeTcp;
  table[17] = decodeUdp;
  table[41] = decodeIpv6; // IPv6 in IP (RFC 4213)
  table[58] = decodeIcmpv6;
  return table;
})();

/**
 * Application decoders by well-known port, matched on either port, first entry first:
 * DNS (53, RFC 1035), mDNS (5353, RFC 6762), LLMNR (5355, RFC 4795, DNS's format).
 */
const udpPorts: readonly number[] = [53, 5353, 5355];
const udpPortDecoders: readonly Decoder[] = [decodeDns, decodeMulticastDns, decodeDns];
const tcpPorts: readonly number[] = [53, 5355];
const tcpPortDecoders: readonly Decoder[] = [decodeDnsTcp, decodeDnsTcp];

function byPort(
  ports: readonly number[],
  decoders: readonly Decoder[],
  sourcePort: number,
  destinationPort: number,
): Decoder | undefined {
  for (let index = 0; index < ports.length; index++) {
    const port = ports[index];
    if (sourcePort === port || destinationPort === port) return decoders[index];
  }
  return undefined;
}

/** The decoder for what a layer says follows it, or undefined when we do not decode that. */
export function nextDecoder(key: NextKey): Decoder | undefined {
  switch (key.table) {
    case 'ethertype':
      return etherTypeDecoders.get(key.value);
    case 'ip-protocol':
      return ipProtocolDecoders[key.value];
    case 'udp-port':
      return byPort(udpPorts, udpPortDecoders, key.sourcePort, key.destinationPort);
    case 'tcp-port':
      return byPort(tcpPorts, tcpPortDecoders, key.sourcePort, key.destinationPort);
    case 'address-family':
      return addressFamilyDecoders.get(key.value);
  }
}

/** Whether frames of this LINKTYPE_* are decoded. */
export function isSupportedLinkType(linkType: number): boolean {
  return linkType === linkTypeRaw || linkDecoders.has(linkType);
}

/** The decoder of a frame's first bytes, or undefined for unsupported link types and raw frames that are neither IPv4 nor IPv6. */
export function linkDecoder(linkType: number, data: Uint8Array): Decoder | undefined {
  if (linkType === linkTypeRaw) {
    const key = rawIpNextKey(data);
    return key === undefined ? undefined : nextDecoder(key);
  }
  return linkDecoders.get(linkType);
}
