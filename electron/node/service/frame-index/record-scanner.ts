/**
 * Finds where each packet record starts in a pcap or pcapng file, reading headers only, so a
 * frame's bytes can be fetched later with one read. The parsers (electron/common/capture)
 * stay the only code that interprets a record; this only measures them, and it stops where
 * they would stop (a bogus length), so its numbering is theirs.
 */
import { MAXIMUM_SNAPLEN } from '../../../common/capture/capture-parser';
import { MAXIMUM_BLOCK_LENGTH } from '../../../common/capture/pcapng-parser';

export interface ScannedRecord {
  offset: number;
  length: number;
}

export interface RecordScanner {
  /**
   * Reads whole units (file header, records, blocks) from `bytes`, which start at file
   * offset `at`. Returns the bytes consumed; a unit cut at the end is left for the next call.
   * `minimumRead` is set when a single unit is bigger than `bytes`.
   */
  scan(
    bytes: Uint8Array,
    at: number,
    found: (record: ScannedRecord, preamble: number) => void,
  ): { consumed: number; minimumRead?: number; stopped?: string };
  /** Bytes that must precede a record for a parser to read it (file header; SHB and IDBs). */
  preamble(id: number): Uint8Array;
}

const pcapMagics = new Map<number, { littleEndian: boolean }>([
  [0xa1b2c3d4, { littleEndian: false }],
  [0xa1b23c4d, { littleEndian: false }],
  [0xd4c3b2a1, { littleEndian: true }],
  [0x4d3cb2a1, { littleEndian: true }],
]);

export class PcapRecordScanner implements RecordScanner {
  private header: Uint8Array | undefined;
  private littleEndian = true;
  /** libpcap: before 2.3 caplen and len are swapped; 2.3 may be either way. */
  private swapped: 'no' | 'yes' | 'maybe' = 'no';

  scan(bytes: Uint8Array, at: number, found: (record: ScannedRecord, preamble: number) => void) {
    let offset = 0;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    if (!this.header) {
      if (bytes.length < 24) return { consumed: 0, minimumRead: 24 };
      const order = pcapMagics.get(view.getUint32(0, false));
      if (!order) return { consumed: 0, stopped: 'not a pcap file' };
      this.littleEndian = order.littleEndian;
      const major = view.getUint16(4, this.littleEndian);
      const minor = view.getUint16(6, this.littleEndian);
      this.swapped =
        major < 2 || (major === 2 && minor < 3) ? 'yes' : major === 2 && minor === 3 ? 'maybe' : 'no';
      this.header = bytes.slice(0, 24);
      offset = 24;
    }
    while (offset + 16 <= bytes.length) {
      const first = view.getUint32(offset + 8, this.littleEndian);
      const second = view.getUint32(offset + 12, this.littleEndian);
      const stored = this.swapped === 'yes' || (this.swapped === 'maybe' && first > second) ? second : first;
      if (stored > MAXIMUM_SNAPLEN)
        return { consumed: offset, stopped: `bogus record length ${stored} at byte ${at + offset}` };
      const length = 16 + stored;
      if (offset + length > bytes.length)
        return { consumed: offset, ...(offset === 0 ? { minimumRead: length } : {}) };
      found({ offset: at + offset, length }, 0);
      offset += length;
    }
    return { consumed: offset };
  }

  preamble(): Uint8Array {
    return this.header ?? new Uint8Array(0);
  }
}

const sectionHeaderBlock = 0x0a0d0d0a;
const interfaceDescriptionBlock = 1;
const packetBlocks = new Set([2, 3, 6]);
const byteOrderMagic = 0x1a2b3c4d;

export class PcapngRecordScanner implements RecordScanner {
  private littleEndian = true;
  /** Each SHB or IDB makes a new preamble: its section's SHB and every IDB so far. */
  private readonly preambles: Uint8Array[] = [];

  scan(bytes: Uint8Array, at: number, found: (record: ScannedRecord, preamble: number) => void) {
    let offset = 0;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    while (offset + 12 <= bytes.length) {
      let type = view.getUint32(offset, this.littleEndian);
      if (view.getUint32(offset, true) === sectionHeaderBlock) {
        type = sectionHeaderBlock;
        const magic = view.getUint32(offset + 8, true);
        if (magic === byteOrderMagic) this.littleEndian = true;
        else if (view.getUint32(offset + 8, false) === byteOrderMagic) this.littleEndian = false;
        else return { consumed: offset, stopped: `bad byte-order magic at byte ${at + offset + 8}` };
      } else if (this.preambles.length === 0) {
        return { consumed: offset, stopped: 'not a pcapng file' };
      }
      const length = view.getUint32(offset + 4, this.littleEndian);
      if (length < 12 || length % 4 !== 0 || length > MAXIMUM_BLOCK_LENGTH)
        return { consumed: offset, stopped: `bogus block length ${length} at byte ${at + offset + 4}` };
      if (offset + length > bytes.length)
        return { consumed: offset, ...(offset === 0 ? { minimumRead: length } : {}) };
      const block = bytes.subarray(offset, offset + length);
      if (type === sectionHeaderBlock) this.preambles.push(block.slice());
      else if (type === interfaceDescriptionBlock)
        this.preambles.push(concat(this.preambles[this.preambles.length - 1]!, block));
      else if (packetBlocks.has(type)) found({ offset: at + offset, length }, this.preambles.length - 1);
      offset += length;
    }
    return { consumed: offset };
  }

  preamble(id: number): Uint8Array {
    return this.preambles[id] ?? new Uint8Array(0);
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}
