/**
 * What a transport printer needs to know about the IP header it rides in: the addresses as
 * text, and where the pseudo-header's bytes are for checksum verification (RFC 768, RFC 793,
 * RFC 8200 §8.1).
 */
export interface IpHeaderInfo {
  version: 4 | 6;
  /** Offset of the IP header in the frame. */
  offset: number;
  source: string;
  destination: string;
  /** Offset of the 4 or 16 destination bytes the pseudo-header uses (a source route's last hop). */
  pseudoDestinationOffset: number;
  /** A fragment (MF set or non-zero offset): checksums cannot be verified. */
  fragmented: boolean;
  /** The protocol field of the fixed header (IPv6: the first next-header). */
  headerProtocol: number;
}
