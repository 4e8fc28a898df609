/**
 * A frame is one captured record, exactly as the capture file or the wire gave it,
 * before any decoding. `data` is a view into the reader's buffer: copy it if you keep it.
 */
export interface Frame {
  /** 1-based position in the capture (across every file of one analysis). */
  number: number;
  /** Whole Unix seconds. May exceed 2^32 (pcapng, nanosecond pcap past 2106). */
  seconds: number;
  /** 0..999_999_999. Microsecond captures are scaled up, never rounded. */
  nanoseconds: number;
  /** Bytes present in `data`. */
  capturedLength: number;
  /** Bytes on the wire; larger than capturedLength when the snap length cut the packet. */
  originalLength: number;
  /** LINKTYPE_* value (https://www.tcpdump.org/linktypes.html). */
  linkType: number;
  /** pcapng interface index; 0 for pcap and live captures. */
  interfaceIndex: number;
  data: Uint8Array;
}

/** Where a decoded packet came from, for the report's capture facts and for evidence. */
export type CaptureFormat = 'pcap' | 'pcapng' | 'tcpdump-text';

/** LINKTYPE_* values we decode. The names are libpcap's DLT names, as tshark and tcpdump print them. */
export const LinkType = {
  NULL: 0,
  EN10MB: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export function linkTypeName(linkType: number): string {
  for (const [name, value] of Object.entries(LinkType)) if (value === linkType) return name;
  return `LINKTYPE_${linkType}`;
}
