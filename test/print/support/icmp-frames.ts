/** ICMP fixtures beyond the scenario's port unreachable. Checksums are valid. */

// 13:24:32.192571 IP 192.51.100.15 > 203.0.113.2: ICMP echo request, id 1, seq 1, length 64
export const echoRequest = `
  00 00 5e 00 53 01 02 00 00 00 00 01 08 00    // Ethernet, EtherType IPv4
  45 00 00 54 00 05 00 00 40 01 1a 5f          // IPv4: total length 84, id 5, TTL 64, ICMP, checksum
  c0 33 64 0f cb 00 71 02                      // 192.51.100.15 > 203.0.113.2
  08 00 00 eb                                  // ICMP type 8 (echo request), code 0, checksum
  00 01 00 01                                  // identifier 1, sequence 1
  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b   // data
  1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37   // data (56 bytes)
`;

// 13:24:32.192571 IP 198.51.100.1 > 192.51.100.15: ICMP time exceeded in-transit, length 36
export const timeExceeded = `
  02 00 00 00 00 01 00 00 5e 00 53 01 08 00    // Ethernet, EtherType IPv4
  45 00 00 38 00 06 00 00 fe 01 6e 47          // IPv4: total length 56, id 6, TTL 254, ICMP, checksum
  c6 33 64 01 c0 33 64 0f                      // 198.51.100.1 (a router) > 192.51.100.15
  0b 00 df 36 00 00 00 00                      // ICMP type 11 (time exceeded), code 0 (in transit), checksum, unused
  45 00 00 43 00 01 00 00 40 11 1a 64 c0 33 64 0f cb 00 71 02   // quoted IPv4 header of the DNS query
  cc dc 00 35 00 2f 48 88                      // quoted UDP header: 52444 > 53
`;

/** Offsets in the scenario's port unreachable frame (Ethernet 14 + IPv4 20). */
export const icmpTypeOffset = 34;
export const icmpMtuOffset = 40;
