/** A TCP handshake to port 53 (RFC 7766 DNS over TCP) and a plain UDP datagram. Checksums are valid. */

// 13:24:32.192571 IP 192.51.100.15.40001 > 203.0.113.2.53: Flags [S], seq 1000, win 65535, options [mss 1460,sackOK,TS val 10 ecr 0,nop,wscale 7], length 0
export const tcpSyn = `
  00 00 5e 00 53 01 02 00 00 00 00 01 08 00    // Ethernet, EtherType IPv4
  45 00 00 3c 00 09 00 00 40 06 1a 6e          // IPv4: total length 60, id 9, TTL 64, TCP, checksum
  c0 33 64 0f cb 00 71 02                      // 192.51.100.15 > 203.0.113.2
  9c 41 00 35                                  // TCP: source port 40001, destination port 53
  00 00 03 e8 00 00 00 00                      // sequence 1000, acknowledgment 0
  a0 02 ff ff 47 52 00 00                      // header 40 bytes, flags SYN, window 65535, checksum, urgent 0
  02 04 05 b4                                  // option MSS 1460
  04 02                                        // option SACK permitted
  08 0a 00 00 00 0a 00 00 00 00                // option timestamps: value 10, echo reply 0
  01 03 03 07                                  // option NOP, window scale 7
`;

// 13:24:32.192571 IP 203.0.113.2.53 > 192.51.100.15.40001: Flags [S.], seq 5000, ack 1001, win 65535, options [mss 1460], length 0
export const tcpSynAck = `
  02 00 00 00 00 01 00 00 5e 00 53 01 08 00    // Ethernet, EtherType IPv4
  45 00 00 2c 00 0a 00 00 40 06 1a 7d          // IPv4: total length 44, id 10, TTL 64, TCP, checksum
  cb 00 71 02 c0 33 64 0f                      // 203.0.113.2 > 192.51.100.15
  00 35 9c 41                                  // TCP: 53 > 40001
  00 00 13 88 00 00 03 e9                      // sequence 5000, acknowledgment 1001
  60 12 ff ff 83 e9 00 00                      // header 24 bytes, flags SYN ACK, window 65535, checksum
  02 04 05 b4                                  // option MSS 1460
`;

// 13:24:32.192571 IP 192.51.100.15.40001 > 203.0.113.2.53: Flags [.], ack 1, win 65535, length 0
export const tcpAck = `
  00 00 5e 00 53 01 02 00 00 00 00 01 08 00    // Ethernet, EtherType IPv4
  45 00 00 28 00 0b 00 00 40 06 1a 80          // IPv4: total length 40, id 11, TTL 64, TCP, checksum
  c0 33 64 0f cb 00 71 02                      // 192.51.100.15 > 203.0.113.2
  9c 41 00 35                                  // TCP: 40001 > 53
  00 00 03 e9 00 00 13 89                      // sequence 1001, acknowledgment 5001
  50 10 ff ff 9b a6 00 00                      // header 20 bytes, flags ACK, window 65535, checksum
`;

// 13:24:32.192571 IP 192.51.100.15.40002 > 203.0.113.2.9999: UDP, length 5
export const plainUdp = `
  00 00 5e 00 53 01 02 00 00 00 00 01 08 00    // Ethernet, EtherType IPv4
  45 00 00 21 00 0c 00 00 40 11 1a 7b          // IPv4: total length 33, id 12, TTL 64, UDP, checksum
  c0 33 64 0f cb 00 71 02                      // 192.51.100.15 > 203.0.113.2
  9c 42 27 0f 00 0d 98 6a                      // UDP: 40002 > 9999, length 13, checksum
  68 65 6c 6c 6f                               // "hello"
`;
