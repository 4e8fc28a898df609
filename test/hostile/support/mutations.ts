/** Seeded mutations of real captures: bit flips, truncations, gigabyte lengths, bogus pcapng blocks. */
export type Mutation =
  'bit-flips' | 'truncation' | 'gigabyte-record' | 'pcapng-block-length' | 'pcapng-trailer-length';

const gigabytes = [0x40000000, 0x7fffffff, 0xffffffff, 0xfffffff0, 0x80000000];

/** Offsets of each record's header in a pcap file (little- or big-endian). */
function pcapRecords(bytes: Buffer): number[] {
  const little = bytes.readUInt32LE(0) === 0xa1b2c3d4 || bytes.readUInt32LE(0) === 0xa1b23c4d;
  const offsets: number[] = [];
  for (let at = 24; at + 16 <= bytes.length && offsets.length < 10_000;) {
    offsets.push(at);
    const captured = little ? bytes.readUInt32LE(at + 8) : bytes.readUInt32BE(at + 8);
    at += 16 + captured;
  }
  return offsets;
}

/** Offsets of each block in a pcapng file; the byte order is the section header's. */
function pcapngBlocks(bytes: Buffer): { offsets: number[]; little: boolean } {
  const little = bytes.length >= 12 && bytes.readUInt32LE(8) === 0x1a2b3c4d;
  const offsets: number[] = [];
  for (let at = 0; at + 12 <= bytes.length && offsets.length < 10_000;) {
    offsets.push(at);
    const length = little ? bytes.readUInt32LE(at + 4) : bytes.readUInt32BE(at + 4);
    if (length < 12) break;
    at += length;
  }
  return { offsets, little };
}

export function mutate(
  original: Buffer,
  format: 'pcap' | 'pcapng',
  kind: Mutation,
  random: (limit: number) => number,
): Buffer {
  const bytes = Buffer.from(original);
  switch (kind) {
    case 'bit-flips': {
      const flips = 1 + random(16);
      for (let index = 0; index < flips; index++) {
        // Half the flips land in the first 64 bytes, where the headers that steer parsing are.
        const at = random(2) === 0 ? random(Math.min(64, bytes.length)) : random(bytes.length);
        bytes[at]! ^= 1 << random(8);
      }
      return bytes;
    }
    case 'truncation':
      return bytes.subarray(0, random(bytes.length));
    case 'gigabyte-record': {
      const huge = gigabytes[random(gigabytes.length)]!;
      if (format === 'pcap') {
        const records = pcapRecords(bytes);
        const at = records.length > 0 ? records[random(records.length)]! : 24;
        const field = at + 8 + 4 * random(2); // captured or original length
        if (field + 4 <= bytes.length) bytes.writeUInt32LE(huge, field);
        return bytes;
      }
      const { offsets, little } = pcapngBlocks(bytes);
      const at = offsets[random(offsets.length)] ?? 0;
      // An Enhanced Packet Block's captured length, or any block's length.
      const field = at + (random(2) === 0 ? 20 : 4);
      if (field + 4 <= bytes.length) {
        if (little) bytes.writeUInt32LE(huge, field);
        else bytes.writeUInt32BE(huge, field);
      }
      return bytes;
    }
    case 'pcapng-block-length':
    case 'pcapng-trailer-length': {
      const { offsets, little } = pcapngBlocks(bytes);
      const index = random(offsets.length);
      const at = offsets[index] ?? 0;
      const bogus = [0, 4, 11, 13, 14, 0xfffffffc, 12 + 4 * random(1000), 1 + random(0x10000)][random(8)]!;
      let field = at + 4;
      if (kind === 'pcapng-trailer-length') {
        const length = little ? bytes.readUInt32LE(at + 4) : bytes.readUInt32BE(at + 4);
        field = at + length - 4;
      }
      if (field >= 0 && field + 4 <= bytes.length) {
        if (little) bytes.writeUInt32LE(bogus >>> 0, field);
        else bytes.writeUInt32BE(bogus >>> 0, field);
      }
      return bytes;
    }
  }
}
