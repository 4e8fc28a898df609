// A deliberately strict reader of the classic pcap format, for checking the helper's stdout:
// it accepts only a complete file, so a record cut in half (a helper that died mid-write) fails.
// draft-ietf-opsawg-pcap: 24-byte file header, then 16-byte record headers, host byte order.

export interface PcapRecord {
  seconds: number;
  fraction: number;
  capturedLength: number;
  originalLength: number;
  data: Buffer;
}

export interface PcapFile {
  nanosecond: boolean;
  littleEndian: boolean;
  snaplen: number;
  linkType: number;
  records: PcapRecord[];
}

export function parsePcap(bytes: Buffer): PcapFile {
  if (bytes.length < 24) throw new Error(`pcap is ${bytes.length} bytes, shorter than its 24-byte header`);
  const magicLittle = bytes.readUInt32LE(0);
  const littleEndian = magicLittle === 0xa1b2c3d4 || magicLittle === 0xa1b23c4d;
  const magic = littleEndian ? magicLittle : bytes.readUInt32BE(0);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d)
    throw new Error(`bad pcap magic 0x${magicLittle.toString(16)}`);
  const read32 = (offset: number): number =>
    littleEndian ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset);
  const read16 = (offset: number): number =>
    littleEndian ? bytes.readUInt16LE(offset) : bytes.readUInt16BE(offset);
  if (read16(4) !== 2 || read16(6) !== 4)
    throw new Error(`pcap version ${read16(4)}.${read16(6)}, expected 2.4`);
  const file: PcapFile = {
    nanosecond: magic === 0xa1b23c4d,
    littleEndian,
    snaplen: read32(16),
    linkType: read32(20),
    records: [],
  };
  let offset = 24;
  while (offset < bytes.length) {
    if (offset + 16 > bytes.length) throw new Error(`record header cut at byte ${offset} of ${bytes.length}`);
    const capturedLength = read32(offset + 8);
    const record: PcapRecord = {
      seconds: read32(offset),
      fraction: read32(offset + 4),
      capturedLength,
      originalLength: read32(offset + 12),
      data: bytes.subarray(offset + 16, offset + 16 + capturedLength),
    };
    if (capturedLength > file.snaplen)
      throw new Error(`record at ${offset} captures ${capturedLength} > snaplen ${file.snaplen}`);
    if (record.originalLength < capturedLength)
      throw new Error(`record at ${offset}: original length < captured length`);
    if (offset + 16 + capturedLength > bytes.length) throw new Error(`record data cut at byte ${offset}`);
    if (record.fraction >= (file.nanosecond ? 1e9 : 1e6))
      throw new Error(`record at ${offset}: fraction ${record.fraction} out of range`);
    file.records.push(record);
    offset += 16 + capturedLength;
  }
  return file;
}

/** Records whose bytes contain marker anywhere (a UDP payload, or the datagram an ICMP error quotes). */
export function recordsWith(file: PcapFile, marker: string): PcapRecord[] {
  return file.records.filter((record) => record.data.includes(marker));
}

export interface Ipv4Summary {
  protocol: number;
  source: string;
  destination: string;
  /** UDP destination port, or undefined. */
  destinationPort?: number;
  /** ICMP type and code, or undefined. */
  icmpType?: number;
  icmpCode?: number;
}

/** Just enough IPv4-over-Ethernet decoding to name what a record is (EtherType 0x0800, RFC 791, 768, 792). */
export function summarizeEthernetIpv4(record: PcapRecord): Ipv4Summary | undefined {
  const frame = record.data;
  if (frame.length < 14 + 20 || frame.readUInt16BE(12) !== 0x0800) return undefined;
  const ip = frame.subarray(14);
  const headerLength = (ip[0]! & 0x0f) * 4;
  const summary: Ipv4Summary = {
    protocol: ip[9]!,
    source: [...ip.subarray(12, 16)].join('.'),
    destination: [...ip.subarray(16, 20)].join('.'),
  };
  const payload = ip.subarray(headerLength);
  if (summary.protocol === 17 && payload.length >= 8) summary.destinationPort = payload.readUInt16BE(2);
  if (summary.protocol === 1 && payload.length >= 2) {
    summary.icmpType = payload[0];
    summary.icmpCode = payload[1];
  }
  return summary;
}
