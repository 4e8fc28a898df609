/** ICMPv6 fixtures over Ethernet. Checksums are valid (RFC 8200 §8.1 pseudo-header). */

// 13:24:32.192571 IP6 2001:db8::15 > 2001:db8::2: ICMP6, echo request, id 7, seq 1, length 16
export const echoRequest6 = `
  00 00 5e 00 53 01 02 00 00 00 00 01 86 dd          // Ethernet, EtherType IPv6
  60 00 00 00 00 10 3a 40                            // IPv6: version 6, payload length 16, next header ICMPv6 (58), hop limit 64
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 15    // source 2001:db8::15
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02    // destination 2001:db8::2
  80 00 92 8e 00 07 00 01                            // ICMPv6 type 128 (echo request), code 0, checksum, id 7, sequence 1
  61 62 63 64 65 66 67 68                            // data "abcdefgh"
`;

// 13:24:32.192571 IP6 2001:db8::2 > 2001:db8::15: ICMP6, destination unreachable, unreachable port, 2001:db8::2 udp port 53, length 56
export const portUnreachable6 = `
  02 00 00 00 00 01 00 00 5e 00 53 01 86 dd          // Ethernet, EtherType IPv6
  60 00 00 00 00 38 3a 40                            // IPv6: payload length 56, ICMPv6, hop limit 64
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02    // source 2001:db8::2
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 15    // destination 2001:db8::15
  01 04 d6 81 00 00 00 00                            // ICMPv6 type 1 (destination unreachable), code 4 (port), checksum, unused
  60 00 00 00 00 2f 11 40                            // quoted IPv6 header: payload length 47, UDP
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 15    // quoted source 2001:db8::15
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02    // quoted destination 2001:db8::2
  cc dc 00 35 00 2f 32 45                            // quoted UDP header: 52444 > 53
`;

/** Offsets in `portUnreachable6`: the ICMPv6 type, and the 4 bytes after the checksum. */
export const icmp6TypeOffset = 54;
export const icmp6ParameterOffset = 58;

// 13:24:32.192571 IP6 fe80::15 > ff02::1:ff00:2: ICMP6, neighbor solicitation, who has 2001:db8::2, length 32
export const neighborSolicitation = `
  00 00 5e 00 53 01 02 00 00 00 00 01 86 dd          // Ethernet, EtherType IPv6
  60 00 00 00 00 20 3a ff                            // IPv6: payload length 32, ICMPv6, hop limit 255 (RFC 4861 §7.1.1)
  fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 15    // source fe80::15
  ff 02 00 00 00 00 00 00 00 00 00 01 ff 00 00 02    // destination ff02::1:ff00:2, the solicited-node address
  87 00 4b 4b 00 00 00 00                            // ICMPv6 type 135 (neighbor solicitation), checksum, reserved
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02    // target 2001:db8::2
  01 01 02 00 00 00 00 01                            // option 1 (source link-layer address), 1 unit of 8 bytes
`;

// 13:24:32.192571 IP6 fe80::1 > ff02::1: ICMP6, router advertisement, length 48
export const routerAdvertisement = `
  02 00 00 00 00 01 00 00 5e 00 53 01 86 dd          // Ethernet, EtherType IPv6
  60 00 00 00 00 30 3a ff                            // IPv6: payload length 48, ICMPv6, hop limit 255
  fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01    // source fe80::1
  ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01    // destination ff02::1
  86 00 fb d8                                        // ICMPv6 type 134 (router advertisement), checksum
  40 00 07 08                                        // current hop limit 64, no flags, router lifetime 1800 s
  00 00 00 00 00 00 00 00                            // reachable time 0, retransmission timer 0
  03 04 40 c0                                        // option 3 (prefix information), 4 units, prefix length 64, flags L and A
  00 27 8d 00 00 09 3a 80 00 00 00 00                // valid lifetime 2592000 s, preferred 604800 s, reserved
  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 00    // prefix 2001:db8::
`;

// 13:24:32.192571 IP6 fe80::15 > ff02::1:3: ICMP6, multicast listener reportmax resp delay: 0 addr: ff02::1:3, length 24
export const listenerReport = `
  00 00 5e 00 53 01 02 00 00 00 00 01 86 dd          // Ethernet, EtherType IPv6
  60 00 00 00 00 18 3a 01                            // IPv6: payload length 24, ICMPv6, hop limit 1
  fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 15    // source fe80::15
  ff 02 00 00 00 00 00 00 00 00 00 00 00 01 00 03    // destination ff02::1:3
  83 00 80 09 00 00 00 00                            // ICMPv6 type 131 (MLDv1 report, RFC 2710), checksum, max delay 0
  ff 02 00 00 00 00 00 00 00 00 00 00 00 01 00 03    // multicast address ff02::1:3
`;
