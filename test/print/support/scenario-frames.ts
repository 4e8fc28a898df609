/**
 * The scenario's two packets (../shared/scenario): a DNS query to 203.0.113.2 and the ICMP
 * port unreachable it drew. Ethernet, IPv4 and UDP checksums are valid.
 */

// 13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)
export const dnsQuery = `
  00 00 5e 00 53 01          // Ethernet destination
  02 00 00 00 00 01          // Ethernet source
  08 00                      // EtherType IPv4
  45 00 00 43                // IPv4: version 4, header 20 bytes, TOS 0, total length 67
  00 01 00 00                // identification 1, no flags, fragment offset 0
  40 11 1a 64                // TTL 64, protocol UDP (17), header checksum
  c0 33 64 0f                // source 192.51.100.15
  cb 00 71 02                // destination 203.0.113.2
  cc dc 00 35                // UDP: source port 52444, destination port 53
  00 2f 48 88                // UDP length 47, checksum
  89 0c 01 00                // DNS: id 35084, flags 0x0100 (query, recursion desired)
  00 01 00 00 00 00 00 00    // 1 question, 0 answers, 0 authority, 0 additional
  11 79 75 6d 6d 79 72 65 63 69 70 65 73 66 6f 72 6d 65   // label "yummyrecipesforme"
  03 63 6f 6d 00             // label "com", root
  00 01 00 01                // type A, class IN
`;

// 13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 36
export const portUnreachable = `
  02 00 00 00 00 01          // Ethernet destination
  00 00 5e 00 53 01          // Ethernet source
  08 00                      // EtherType IPv4
  45 00 00 38                // IPv4: header 20 bytes, total length 56
  00 02 00 00                // identification 2
  40 01 1a 7e                // TTL 64, protocol ICMP (1), header checksum
  cb 00 71 02                // source 203.0.113.2
  c0 33 64 0f                // destination 192.51.100.15
  03 03 e7 33                // ICMP type 3 (destination unreachable), code 3 (port), checksum
  00 00 00 00                // unused
  45 00 00 43 00 01 00 00 40 11 1a 64 c0 33 64 0f cb 00 71 02   // quoted IPv4 header of the query
  cc dc 00 35 00 2f 48 88    // quoted UDP header: 52444 > 53
`;
