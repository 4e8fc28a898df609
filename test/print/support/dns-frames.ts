/** DNS fixtures beyond the scenario's query. Checksums are valid. */

// 13:24:32.192571 IP 203.0.113.2.53 > 192.51.100.15.52444: 35084 1/0/1 A 192.0.2.1 (66)
export const dnsResponse = `
  02 00 00 00 00 01 00 00 5e 00 53 01 08 00            // Ethernet, EtherType IPv4
  45 00 00 5e 00 03 00 00 40 11 1a 47                  // IPv4: total length 94, id 3, TTL 64, UDP, checksum
  cb 00 71 02 c0 33 64 0f                              // 203.0.113.2 > 192.51.100.15
  00 35 cc dc 00 4a f7 22                              // UDP 53 > 52444, length 74, checksum
  89 0c 81 80                                          // DNS id 35084, flags 0x8180: response, RD, RA, NOERROR
  00 01 00 01 00 00 00 01                              // 1 question, 1 answer, 0 authority, 1 additional
  11 79 75 6d 6d 79 72 65 63 69 70 65 73 66 6f 72 6d 65 03 63 6f 6d 00   // yummyrecipesforme.com.
  00 01 00 01                                          // type A, class IN
  c0 0c 00 01 00 01 00 00 01 2c 00 04 c0 00 02 01      // answer: pointer to the name, A, IN, TTL 300, 192.0.2.1
  00 00 29 10 00 00 00 80 00 00 00                     // OPT: root, UDP size 4096, rcode 0, version 0, DO, no options
`;

/** Byte offset of the DNS flags word in `dnsResponse` (Ethernet 14 + IPv4 20 + UDP 8 + id 2). */
export const responseFlagsOffset = 44;

// 13:24:32.192571 IP 192.51.100.15.40000 > 203.0.113.2.53: 4660+ [1au] AAAA? example.com. (52)
export const dnsQueryWithCookie = `
  00 00 5e 00 53 01 02 00 00 00 00 01 08 00            // Ethernet, EtherType IPv4
  45 00 00 50 00 04 00 00 40 11 1a 54                  // IPv4: total length 80, id 4, TTL 64, UDP, checksum
  c0 33 64 0f cb 00 71 02                              // 192.51.100.15 > 203.0.113.2
  9c 40 00 35 00 3c f0 cc                              // UDP 40000 > 53, length 60, checksum
  12 34 01 20                                          // DNS id 4660, flags 0x0120: query, RD, AD
  00 01 00 00 00 00 00 01                              // 1 question, 1 additional
  07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 1c 00 01   // example.com. AAAA IN
  00 00 29 04 d0 00 00 00 00 00 0c                     // OPT: UDP size 1232, 12 bytes of options
  00 0a 00 08 01 02 03 04 05 06 07 08                  // COOKIE (10), 8 bytes: the client cookie
`;
