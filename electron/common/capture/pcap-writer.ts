import { MAXIMUM_SNAPLEN } from './capture-parser';
import {
  PCAP_FILE_HEADER_LENGTH,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_MAGIC_NANOSECONDS,
  PCAP_RECORD_HEADER_LENGTH,
} from './pcap-parser';

/**
 * The bytes of a classic pcap file (draft-ietf-opsawg-pcap), as pure functions: for
 * "save capture as pcap", exporting a slice of frames, and building test and bench files.
 * Files are written in the host-independent little-endian order unless asked otherwise,
 * version 2.4, as libpcap writes them.
 */

export interface PcapFileHeaderOptions {
  /** LINKTYPE_* value. */
  linkType: number;
  /** Default 262144 (libpcap's maximum). */
  snaplen?: number;
  /** Write nanosecond time stamps (magic 0xa1b23c4d). Default: microseconds. */
  nanosecond?: boolean;
  /** Default true. */
  littleEndian?: boolean;
}

/** What a record needs: a Frame fits. */
export interface PcapRecordInput {
  seconds: number;
  nanoseconds: number;
  data: Uint8Array;
  /** Bytes on the wire; default data.length. */
  originalLength?: number;
}

export interface PcapRecordOptions {
  nanosecond?: boolean;
  littleEndian?: boolean;
}

export function pcapFileHeader(options: PcapFileHeaderOptions): Uint8Array {
  const littleEndian = options.littleEndian ?? true;
  const bytes = new Uint8Array(PCAP_FILE_HEADER_LENGTH);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, options.nanosecond ? PCAP_MAGIC_NANOSECONDS : PCAP_MAGIC_MICROSECONDS, littleEndian);
  view.setUint16(4, 2, littleEndian); // version major
  view.setUint16(6, 4, littleEndian); // version minor
  view.setInt32(8, 0, littleEndian); // thiszone: time stamps are UTC
  view.setUint32(12, 0, littleEndian); // sigfigs: always 0
  view.setUint32(16, options.snaplen ?? MAXIMUM_SNAPLEN, littleEndian);
  view.setUint32(20, options.linkType, littleEndian);
  return bytes;
}

/** Writes a 16-byte record header into `target` at `offset` (for writers that batch records). */
export function writePcapRecordHeader(
  target: Uint8Array,
  offset: number,
  record: PcapRecordInput,
  options: PcapRecordOptions = {},
): void {
  const littleEndian = options.littleEndian ?? true;
  const view = new DataView(target.buffer, target.byteOffset + offset, PCAP_RECORD_HEADER_LENGTH);
  // The seconds field is 32 bits unsigned: past 2106 a pcap cannot say the time (pcapng can).
  view.setUint32(0, record.seconds >>> 0, littleEndian);
  // Microseconds are truncated, never rounded, as libpcap does: rounding could make 1000000.
  view.setUint32(
    4,
    options.nanosecond ? record.nanoseconds : Math.floor(record.nanoseconds / 1000),
    littleEndian,
  );
  view.setUint32(8, record.data.length, littleEndian);
  view.setUint32(12, record.originalLength ?? record.data.length, littleEndian);
}

/** One record: its header followed by its bytes. */
export function pcapRecord(record: PcapRecordInput, options: PcapRecordOptions = {}): Uint8Array {
  const bytes = new Uint8Array(PCAP_RECORD_HEADER_LENGTH + record.data.length);
  writePcapRecordHeader(bytes, 0, record, options);
  bytes.set(record.data, PCAP_RECORD_HEADER_LENGTH);
  return bytes;
}

/** A whole file in memory: for tests and small exports. Streams use the node writer. */
export function pcapFile(options: PcapFileHeaderOptions, records: Iterable<PcapRecordInput>): Uint8Array {
  const parts: Uint8Array[] = [pcapFileHeader(options)];
  for (const record of records) parts.push(pcapRecord(record, options));
  return concatenate(parts);
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
