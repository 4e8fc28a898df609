/**
 * Real packet bytes for the analysis tests, field by field as the RFCs lay them out, so the
 * tests exercise the dissector exactly as a capture file would.
 */

/** RFC 1071 Internet checksum over `parts`, folded to 16 bits. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let index = 0; index < part.length; index += 2) {
      sum += (part[index]! << 8) | (part[index + 1] ?? 0);
    }
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((length, part) => length + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function uint16(value: number): number[] {
  return [(value >>> 8) & 0xff, value & 0xff];
}

export function ipv4Address(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

/** RFC 4291 §2.2 text (with at most one '::') to 16 bytes. */
export function ipv6Address(text: string): Uint8Array {
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : zeros).fill('0'), ...tailGroups];
  return Uint8Array.from(groups.flatMap((group) => uint16(parseInt(group, 16))));
}

export function isIpv6(address: string): boolean {
  return address.includes(':');
}

/** Ethernet II (IEEE 802.3 clause 3.1.1): destination, source, EtherType. */
export function ethernet(etherType: number): Uint8Array {
  return Uint8Array.from([
    ...[0x02, 0x00, 0x00, 0x00, 0x00, 0x02], // destination MAC (locally administered)
    ...[0x02, 0x00, 0x00, 0x00, 0x00, 0x01], // source MAC
    ...uint16(etherType), // 0x0800 IPv4, 0x86dd IPv6
  ]);
}

/** IPv4 header (RFC 791 §3.1), 20 bytes, no options, DF clear, checksum filled in. */
export function ipv4Header(source: string, destination: string, protocol: number, payloadLength: number, ttl: number, identification: number): Uint8Array {
  const header = Uint8Array.from([
    0x45, // version 4, header length 5 words
    0x00, // DSCP/ECN
    ...uint16(20 + payloadLength), // total length
    ...uint16(identification), // identification
    0x00, 0x00, // flags and fragment offset
    ttl, // time to live
    protocol, // 17 UDP, 6 TCP, 1 ICMP
    0x00, 0x00, // header checksum (below)
    ...ipv4Address(source),
    ...ipv4Address(destination),
  ]);
  const checksum = internetChecksum(header);
  header[10] = checksum >>> 8;
  header[11] = checksum & 0xff;
  return header;
}

/** IPv6 header (RFC 8200 §3), 40 bytes. */
export function ipv6Header(source: string, destination: string, nextHeader: number, payloadLength: number, hopLimit: number): Uint8Array {
  return concat(
    Uint8Array.from([
      0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
      ...uint16(payloadLength), // payload length
      nextHeader, // 17 UDP, 58 ICMPv6
      hopLimit,
    ]),
    ipv6Address(source),
    ipv6Address(destination),
  );
}

/** The pseudo-header that UDP, TCP and ICMPv6 checksums cover (RFC 768, RFC 8200 §8.1). */
export function pseudoHeader(source: string, destination: string, protocol: number, length: number): Uint8Array {
  if (isIpv6(source)) {
    return concat(ipv6Address(source), ipv6Address(destination), Uint8Array.from([0, 0, ...uint16(length), 0, 0, 0, protocol]));
  }
  return concat(ipv4Address(source), ipv4Address(destination), Uint8Array.from([0, protocol, ...uint16(length)]));
}

/** UDP header and payload (RFC 768) with its checksum. */
export function udp(source: string, destination: string, sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  const segment = concat(
    Uint8Array.from([
      ...uint16(sourcePort),
      ...uint16(destinationPort),
      ...uint16(8 + payload.length), // length
      0x00, 0x00, // checksum (below)
    ]),
    payload,
  );
  const checksum = internetChecksum(pseudoHeader(source, destination, 17, segment.length), segment) || 0xffff;
  segment[6] = checksum >>> 8;
  segment[7] = checksum & 0xff;
  return segment;
}

/** An IPv4 datagram (TTL 64) of one UDP segment. */
export function ipv4Udp(source: string, destination: string, sourcePort: number, destinationPort: number, payload: Uint8Array, identification: number): Uint8Array {
  return concat(ipv4Header(source, destination, 17, 8 + payload.length, 64, identification), udp(source, destination, sourcePort, destinationPort, payload));
}

/** TCP segment (RFC 9293 §3.1): header without options, PSH|ACK, with the DNS two-byte length prefix (RFC 1035 §4.2.2). */
export function tcp(source: string, destination: string, sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  const segment = concat(
    Uint8Array.from([
      ...uint16(sourcePort),
      ...uint16(destinationPort),
      0x00, 0x00, 0x00, 0x01, // sequence number
      0x00, 0x00, 0x00, 0x01, // acknowledgment number
      0x50, // data offset 5 words
      0x18, // flags PSH ACK
      ...uint16(65535), // window
      0x00, 0x00, // checksum (below)
      0x00, 0x00, // urgent pointer
      ...uint16(payload.length), // DNS over TCP length prefix
    ]),
    payload,
  );
  const checksum = internetChecksum(pseudoHeader(source, destination, 6, segment.length), segment);
  segment[16] = checksum >>> 8;
  segment[17] = checksum & 0xff;
  return segment;
}

/** A DNS name in wire form (RFC 1035 §3.1): length-prefixed labels, then the root. */
export function dnsName(name: string): Uint8Array {
  const bytes: number[] = [];
  for (const label of name.split('.').filter(Boolean)) {
    const encoded = new TextEncoder().encode(label);
    bytes.push(encoded.length, ...encoded);
  }
  bytes.push(0);
  return Uint8Array.from(bytes);
}

export interface DnsMessageFields {
  id: number;
  response: boolean;
  rcode?: number;
  recursionDesired?: boolean;
  recursionAvailable?: boolean;
  name: string;
  type?: number;
  /** A records in the answer (responses only). */
  answers?: string[];
}

/** A DNS message (RFC 1035 §4.1): header, one question, A answers pointing back at the question name. */
export function dnsMessage(fields: DnsMessageFields): Uint8Array {
  const answers = fields.answers ?? [];
  const flags =
    (fields.response ? 0x8000 : 0) | // QR
    (fields.recursionDesired === false ? 0 : 0x0100) | // RD
    (fields.response && fields.recursionAvailable !== false ? 0x0080 : 0) | // RA
    ((fields.rcode ?? 0) & 0x0f); // RCODE
  const header = Uint8Array.from([
    ...uint16(fields.id), // ID
    ...uint16(flags),
    ...uint16(1), // QDCOUNT
    ...uint16(answers.length), // ANCOUNT
    ...uint16(0), // NSCOUNT
    ...uint16(0), // ARCOUNT
  ]);
  const question = concat(dnsName(fields.name), Uint8Array.from([...uint16(fields.type ?? 1), ...uint16(1)])); // QTYPE, QCLASS IN
  const records = answers.map((address) =>
    Uint8Array.from([
      0xc0, 0x0c, // NAME: pointer to the question name at offset 12
      ...uint16(1), // TYPE A
      ...uint16(1), // CLASS IN
      0x00, 0x00, 0x01, 0x2c, // TTL 300
      ...uint16(4), // RDLENGTH
      ...ipv4Address(address), // RDATA
    ]),
  );
  return concat(header, question, ...records);
}

/**
 * ICMP error (RFC 792) or ICMPv6 error (RFC 4443 §2.1): type, code, checksum, 4 bytes that
 * are unused or carry the MTU, then as much of the original datagram as the sender quotes.
 */
export function icmpError(v6: boolean, type: number, code: number, quoted: Uint8Array, mtu: number, source: string, destination: string): Uint8Array {
  const message = concat(
    Uint8Array.from([
      type,
      code,
      0x00, 0x00, // checksum (below)
      ...(v6 ? [(mtu >>> 24) & 0xff, (mtu >>> 16) & 0xff, (mtu >>> 8) & 0xff, mtu & 0xff] : [0x00, 0x00, ...uint16(mtu)]), // unused / MTU
    ]),
    quoted,
  );
  const checksum = v6 ? internetChecksum(pseudoHeader(source, destination, 58, message.length), message) : internetChecksum(message);
  message[2] = checksum >>> 8;
  message[3] = checksum & 0xff;
  return message;
}
