/**
 * The decoded layers of a packet. Each decoder returns one of these: plain fields plus
 * views (`Uint8Array` subarrays) into the frame, never copies. A layer that ran out of
 * bytes still returns what it read and sets `truncated` to say why (gopacket's style).
 *
 * Layers built from a tcpdump text log carry only the fields the text carries; views are
 * then empty and numeric fields the text lacks are 0 (see `origin` on the packet).
 */

export interface LayerBase {
  /** Why this layer could not be read whole, e.g. "ipv4: header needs 20 bytes, 12 present". */
  truncated?: string;
}

// ---- Link layers -------------------------------------------------------------------

export interface EthernetLayer extends LayerBase {
  kind: 'ethernet';
  destination: Uint8Array; // 6 bytes
  source: Uint8Array; // 6 bytes
  /** EtherType of what follows, or the 802.3 length when < 0x0600. */
  etherType: number;
}

/** IEEE 802.1Q (0x8100) or 802.1ad (0x88a8) tag. One layer per tag, outermost first. */
export interface VlanLayer extends LayerBase {
  kind: 'vlan';
  /** The TPID that introduced this tag: 0x8100 or 0x88a8 (or 0x9100). */
  tagProtocol: number;
  priority: number;
  dropEligible: boolean;
  vlanId: number;
  etherType: number;
}

/** Linux cooked capture v1 (LINKTYPE_LINUX_SLL). */
export interface LinuxSllLayer extends LayerBase {
  kind: 'linux-sll';
  packetType: number; // 0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing
  addressType: number; // ARPHRD_*
  address: Uint8Array;
  protocol: number; // EtherType
}

/** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2). */
export interface LinuxSll2Layer extends LayerBase {
  kind: 'linux-sll2';
  protocol: number;
  interfaceIndex: number;
  addressType: number;
  packetType: number;
  address: Uint8Array;
}

/** BSD loopback / null (LINKTYPE_NULL, LINKTYPE_LOOP): a 4-byte address family. */
export interface LoopbackLayer extends LayerBase {
  kind: 'loopback';
  family: number;
}

// ---- Network layers ----------------------------------------------------------------

export interface Ipv4Layer extends LayerBase {
  kind: 'ipv4';
  headerLength: number; // bytes
  tos: number;
  totalLength: number;
  identification: number;
  dontFragment: boolean;
  moreFragments: boolean;
  fragmentOffset: number; // bytes (the field times 8)
  ttl: number;
  protocol: number;
  checksum: number;
  source: string; // dotted quad
  destination: string;
  options: Uint8Array;
}

export interface Ipv6ExtensionHeader {
  type: number; // the next-header value that introduced it (0 hop-by-hop, 43 routing, 44 fragment, 60 destination)
  length: number; // bytes
}

export interface Ipv6Layer extends LayerBase {
  kind: 'ipv6';
  trafficClass: number;
  flowLabel: number;
  payloadLength: number;
  /** The next-header field of the fixed header. */
  nextHeader: number;
  hopLimit: number;
  source: string; // RFC 5952 text
  destination: string;
  extensionHeaders: Ipv6ExtensionHeader[];
  /** The upper-layer protocol after every extension header. */
  protocol: number;
  fragment?: { offset: number; moreFragments: boolean; identification: number };
}

// ---- Transport layers --------------------------------------------------------------

export interface UdpLayer extends LayerBase {
  kind: 'udp';
  sourcePort: number;
  destinationPort: number;
  length: number;
  checksum: number;
}

export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

export interface TcpLayer extends LayerBase {
  kind: 'tcp';
  sourcePort: number;
  destinationPort: number;
  sequence: number;
  acknowledgment: number;
  headerLength: number; // bytes
  flags: number; // TcpFlag bits
  window: number;
  checksum: number;
  urgentPointer: number;
  options: Uint8Array;
  /** Bytes of payload after the header in this segment. */
  payloadLength: number;
}

// ---- ICMP --------------------------------------------------------------------------

/** ICMP (RFC 792) or ICMPv6 (RFC 4443): `kind` tells which numbering `type` and `code` use. */
export interface IcmpLayer extends LayerBase {
  kind: 'icmp' | 'icmpv6';
  type: number;
  code: number;
  checksum: number;
  /** Echo, timestamp, information: identifier and sequence. */
  identifier?: number;
  sequence?: number;
  /** Fragmentation needed (v4 type 3 code 4) next-hop MTU, or ICMPv6 packet-too-big MTU. */
  mtu?: number;
  /** Redirect gateway (v4) or target (v6). */
  gateway?: string;
  /** Parameter problem pointer. */
  pointer?: number;
  /**
   * Added for the decoders: the IPv6 address an ICMPv6 message is about, which tcpdump prints:
   * the neighbor solicitation/advertisement target (RFC 4861 §4.3, §4.4), the redirect
   * destination (RFC 4861 §4.5; its target is `gateway`), the MLD multicast address (RFC 2710 §3.6).
   */
  address?: string;
  /** Added for the decoders: the whole ICMP message (header included), for checksums and the type-specific header bytes 4..7. */
  message?: Uint8Array;
  /** Bytes after the 8-byte ICMP header (echo data, ND options, ...). */
  body: Uint8Array;
  /**
   * For error messages: the original datagram the error quotes (RFC 792: IP header plus at
   * least 8 bytes; RFC 1812 and RFC 4443 allow more). The dissector decodes it into
   * `DecodedPacket.quoted`, never into the packet's own layers.
   */
  quoted?: Uint8Array;
}

// ---- DNS (RFC 1035, 6891) ------------------------------------------------------------

export interface DnsQuestion {
  name: string; // presentation form without the final dot; "" is the root
  type: number;
  class: number; // without the mDNS unicast-response bit
  unicastResponse?: boolean;
  /** Added for the decoders: why the question could not be read whole (bad compression pointer, name too long, cut short). */
  truncated?: string;
}

/** Typed rdata for the common types; anything else stays raw in DnsRecord.rdata. */
export type DnsRdata =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'CNAME' | 'NS' | 'PTR' | 'DNAME'; name: string }
  | { type: 'MX'; preference: number; exchange: string }
  | { type: 'TXT'; strings: Uint8Array[] }
  | {
      type: 'SOA';
      mname: string;
      rname: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { type: 'CAA'; flags: number; tag: string; value: Uint8Array }
  | {
      type: 'SVCB' | 'HTTPS';
      priority: number;
      target: string;
      params: { key: number; value: Uint8Array }[];
    }
  | { type: 'DS'; keyTag: number; algorithm: number; digestType: number; digest: Uint8Array }
  | { type: 'DNSKEY'; flags: number; protocol: number; algorithm: number; publicKey: Uint8Array }
  | {
      type: 'RRSIG';
      typeCovered: number;
      algorithm: number;
      labels: number;
      originalTtl: number;
      expiration: number;
      inception: number;
      keyTag: number;
      signerName: string;
      signature: Uint8Array;
    }
  | { type: 'NSEC'; nextName: string; types: number[] }
  | {
      type: 'NSEC3';
      hashAlgorithm: number;
      flags: number;
      iterations: number;
      salt: Uint8Array;
      nextHashed: Uint8Array;
      types: number[];
    }
  | { type: 'OPT'; options: { code: number; data: Uint8Array }[] };

export interface DnsRecord {
  name: string;
  type: number;
  class: number; // for OPT: the requestor's UDP payload size; for mDNS: without the cache-flush bit
  /** Added for the decoders: mDNS cache-flush bit (RFC 6762 §10.2), only on port 5353. */
  cacheFlush?: boolean;
  ttl: number; // for OPT: extended rcode, version and flags (RFC 6891 §6.1.3)
  rdata: Uint8Array;
  /** Undefined for unknown types, and when rdata could not be read (then `truncated` says why). */
  data?: DnsRdata;
  truncated?: string;
}

export interface DnsEdns {
  udpPayloadSize: number;
  extendedRcode: number; // upper 8 bits, already merged into DnsLayer.rcode
  version: number;
  dnssecOk: boolean;
  options: { code: number; data: Uint8Array }[];
}

export interface DnsLayer extends LayerBase {
  kind: 'dns';
  transport: 'udp' | 'tcp';
  id: number;
  /** The raw 16-bit flags word. */
  flags: number;
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncatedResponse: boolean; // TC bit
  recursionDesired: boolean;
  recursionAvailable: boolean;
  authenticData: boolean;
  checkingDisabled: boolean;
  /** Response code, with EDNS's extended bits merged in when an OPT record is present. */
  rcode: number;
  questionCount: number;
  answerCount: number;
  authorityCount: number;
  additionalCount: number;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
  edns?: DnsEdns;
  /** Length of the DNS message (without the TCP length prefix). */
  length: number;
  /** Added for the decoders: the DNS message itself (a view), which compression pointers and raw rdata are relative to. */
  message?: Uint8Array;
}

/** Bytes no decoder claimed. */
export interface PayloadLayer extends LayerBase {
  kind: 'payload';
  data: Uint8Array;
}

export type Layer =
  | EthernetLayer
  | VlanLayer
  | LinuxSllLayer
  | LinuxSll2Layer
  | LoopbackLayer
  | Ipv4Layer
  | Ipv6Layer
  | UdpLayer
  | TcpLayer
  | IcmpLayer
  | DnsLayer
  | PayloadLayer;

export type LayerKind = Layer['kind'];
