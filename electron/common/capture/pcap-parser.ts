import { CaptureFormatError } from './capture-format-error';
import {
  MAXIMUM_SNAPLEN,
  recordSink,
  type RecordSink,
  type CaptureParser,
  type CaptureParserOptions,
  type CaptureParseSummary,
} from './capture-parser';

/**
 * Push parser for the classic libpcap file format
 * (https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/): a 24-byte file header, then
 * records of a 16-byte header and the captured bytes. Both byte orders, micro- and
 * nanosecond time stamps.
 *
 * Speed matters here (a 270 MB file is a million records): records that lie inside one
 * chunk are read in place with a DataView and handed out where they lie (as subarray views,
 * to onFrame); only a record cut by a chunk boundary is copied, into a buffer of its own size.
 */

export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;

export interface PcapFileHeader {
  littleEndian: boolean;
  nanosecond: boolean;
  versionMajor: number;
  versionMinor: number;
  /** The header's snaplen field as written (0 means "no limit" to some writers). */
  snaplen: number;
  /** LINKTYPE_* value: the low 16 bits of the field (the upper bits carry FCS information). */
  linkType: number;
}

/** A record whose bytes arrive over more than one chunk. */
interface PendingRecord {
  start: number;
  seconds: number;
  nanoseconds: number;
  originalLength: number;
  /** The record's length on disk, as its header says. */
  storedLength: number;
  data: Uint8Array;
  filled: number;
  /** Bytes past the snapshot length, read and dropped as libpcap does. */
  skip: number;
}

export class PcapParser implements CaptureParser {
  private readonly sink: RecordSink;
  private readonly firstFrameNumber: number;
  private nextNumber: number;
  /** Bytes pushed before the current chunk. */
  private consumed = 0;
  private fileHeader: PcapFileHeader | undefined;
  private snapshot = MAXIMUM_SNAPLEN;
  /** libpcap: files older than 2.3 store caplen and len the other way round; 2.3 may. */
  private lengthsSwapped: 'no' | 'yes' | 'maybe' = 'no';
  private readonly scratch = new Uint8Array(PCAP_FILE_HEADER_LENGTH);
  private scratchFilled = 0;
  private recordStart = 0;
  private pending: PendingRecord | undefined;
  private broken = false;
  private readonly warnings: string[] = [];
  private fractionWarned = false;

  constructor(options: CaptureParserOptions) {
    this.sink = recordSink(options);
    this.firstFrameNumber = options.firstFrameNumber ?? 1;
    this.nextNumber = this.firstFrameNumber;
  }

  get offset(): number {
    return this.consumed;
  }

  /** The file header, once its 24 bytes have arrived. */
  get header(): PcapFileHeader | undefined {
    return this.fileHeader;
  }

  push(chunk: Uint8Array): void {
    if (this.broken) throw new Error('pcap parser: push after a format error');
    const length = chunk.length;
    let offset = 0;
    try {
      while (offset < length && this.partial()) offset = this.feedPartial(chunk, offset);
      if (offset < length) offset = this.readRecords(chunk, offset);
      if (offset < length) offset = this.feedPartial(chunk, offset);
    } catch (error) {
      this.broken = true;
      throw error;
    }
    this.consumed += length;
  }

  end(): CaptureParseSummary {
    if (!this.fileHeader) {
      throw new CaptureFormatError(
        `truncated pcap file header: ${PCAP_FILE_HEADER_LENGTH} bytes needed, ${this.scratchFilled} present`,
        this.consumed,
      );
    }
    if (this.pending) {
      const pending = this.pending;
      const present = pending.filled + (pending.storedLength - pending.data.length - pending.skip);
      this.warnings.push(
        `truncated last record at byte ${pending.start}: header says ${pending.storedLength} bytes, ${present} present`,
      );
      this.pending = undefined;
    } else if (this.scratchFilled > 0) {
      this.warnings.push(
        `truncated last record at byte ${this.recordStart}: record header needs ${PCAP_RECORD_HEADER_LENGTH} bytes, ${this.scratchFilled} present`,
      );
      this.scratchFilled = 0;
    }
    return {
      frames: this.nextNumber - this.firstFrameNumber,
      bytes: this.consumed,
      linkTypes: [this.fileHeader.linkType],
      warnings: [...this.warnings],
    };
  }

  private partial(): boolean {
    return this.fileHeader === undefined || this.scratchFilled > 0 || this.pending !== undefined;
  }

  /** The fast path: every whole record inside `chunk` from `offset`. Returns where it stopped. */
  private readRecords(chunk: Uint8Array, start: number): number {
    const header = this.fileHeader!;
    const length = chunk.length;
    const view = new DataView(chunk.buffer, chunk.byteOffset, length);
    // Node's Buffer overrides subarray in JavaScript, much slower than the typed array's own,
    // and a mix of Buffer and Uint8Array frames makes every decoder's byte reads polymorphic:
    // frames are views of a plain Uint8Array over the same memory.
    const bytes =
      chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, length);
    const littleEndian = header.littleEndian;
    const nanosecond = header.nanosecond;
    const linkType = header.linkType;
    const snapshot = this.snapshot;
    const swapped = this.lengthsSwapped;
    const sink = this.sink;
    let offset = start;
    while (offset + PCAP_RECORD_HEADER_LENGTH <= length) {
      let seconds = view.getUint32(offset, littleEndian);
      const fraction = view.getUint32(offset + 4, littleEndian);
      let storedLength = view.getUint32(offset + 8, littleEndian);
      let originalLength = view.getUint32(offset + 12, littleEndian);
      if (swapped !== 'no' && (swapped === 'yes' || storedLength > originalLength)) {
        const swap = storedLength;
        storedLength = originalLength;
        originalLength = swap;
      }
      if (storedLength > MAXIMUM_SNAPLEN) this.bogusLength(storedLength, this.consumed + offset + 8);
      const dataStart = offset + PCAP_RECORD_HEADER_LENGTH;
      const end = dataStart + storedLength;
      if (end > length) break;
      const capturedLength = storedLength > snapshot ? snapshot : storedLength;
      let nanoseconds = nanosecond ? fraction : fraction * 1000;
      if (nanoseconds > 999_999_999) {
        seconds += Math.floor(nanoseconds / 1e9);
        nanoseconds %= 1e9;
        this.warnFraction(this.consumed + offset + 4, fraction);
      }
      this.nextNumber++;
      sink(bytes, dataStart, capturedLength, originalLength, seconds, nanoseconds, linkType, 0);
      offset = end;
    }
    return offset;
  }

  /**
   * The slow path, byte-exact across chunk boundaries: the file header, a record header
   * cut in two, or a record's data cut in two. Returns after completing one unit or when
   * the chunk is used up.
   */
  private feedPartial(chunk: Uint8Array, start: number): number {
    let offset = start;
    const length = chunk.length;
    if (!this.fileHeader) {
      offset += this.fillScratch(chunk, offset, PCAP_FILE_HEADER_LENGTH);
      if (this.scratchFilled < PCAP_FILE_HEADER_LENGTH) return offset;
      this.scratchFilled = 0;
      this.fileHeader = this.parseFileHeader(this.scratch);
      return offset;
    }
    if (!this.pending) {
      if (this.scratchFilled === 0) this.recordStart = this.consumed + offset;
      offset += this.fillScratch(chunk, offset, PCAP_RECORD_HEADER_LENGTH);
      if (this.scratchFilled < PCAP_RECORD_HEADER_LENGTH) return offset;
      this.scratchFilled = 0;
      this.pending = this.pendingRecord(this.scratch, this.recordStart);
    }
    const pending = this.pending;
    const take = Math.min(pending.data.length - pending.filled, length - offset);
    pending.data.set(chunk.subarray(offset, offset + take), pending.filled);
    pending.filled += take;
    offset += take;
    if (pending.filled < pending.data.length) return offset;
    const skip = Math.min(pending.skip, length - offset);
    pending.skip -= skip;
    offset += skip;
    if (pending.skip > 0) return offset;
    this.pending = undefined;
    this.nextNumber++;
    this.sink(
      pending.data,
      0,
      pending.data.length,
      pending.originalLength,
      pending.seconds,
      pending.nanoseconds,
      this.fileHeader.linkType,
      0,
    );
    return offset;
  }

  private fillScratch(chunk: Uint8Array, offset: number, needed: number): number {
    const take = Math.min(needed - this.scratchFilled, chunk.length - offset);
    this.scratch.set(chunk.subarray(offset, offset + take), this.scratchFilled);
    this.scratchFilled += take;
    return take;
  }

  private pendingRecord(bytes: Uint8Array, start: number): PendingRecord {
    const header = this.fileHeader!;
    const view = new DataView(bytes.buffer, bytes.byteOffset, PCAP_RECORD_HEADER_LENGTH);
    const littleEndian = header.littleEndian;
    let seconds = view.getUint32(0, littleEndian);
    const fraction = view.getUint32(4, littleEndian);
    let storedLength = view.getUint32(8, littleEndian);
    let originalLength = view.getUint32(12, littleEndian);
    const swapped = this.lengthsSwapped;
    if (swapped !== 'no' && (swapped === 'yes' || storedLength > originalLength)) {
      const swap = storedLength;
      storedLength = originalLength;
      originalLength = swap;
    }
    if (storedLength > MAXIMUM_SNAPLEN) this.bogusLength(storedLength, start + 8);
    let nanoseconds = header.nanosecond ? fraction : fraction * 1000;
    if (nanoseconds > 999_999_999) {
      seconds += Math.floor(nanoseconds / 1e9);
      nanoseconds %= 1e9;
      this.warnFraction(start + 4, fraction);
    }
    const capturedLength = Math.min(storedLength, this.snapshot);
    return {
      start,
      seconds,
      nanoseconds,
      originalLength,
      storedLength,
      data: new Uint8Array(capturedLength),
      filled: 0,
      skip: storedLength - capturedLength,
    };
  }

  private parseFileHeader(bytes: Uint8Array): PcapFileHeader {
    const view = new DataView(bytes.buffer, bytes.byteOffset, PCAP_FILE_HEADER_LENGTH);
    const magic = view.getUint32(0, false);
    let littleEndian: boolean;
    if (magic === PCAP_MAGIC_MICROSECONDS || magic === PCAP_MAGIC_NANOSECONDS) littleEndian = false;
    else if (
      view.getUint32(0, true) === PCAP_MAGIC_MICROSECONDS ||
      view.getUint32(0, true) === PCAP_MAGIC_NANOSECONDS
    )
      littleEndian = true;
    else throw new CaptureFormatError(`not a pcap file: magic 0x${magic.toString(16).padStart(8, '0')}`, 0);
    const nanosecond = view.getUint32(0, littleEndian) === PCAP_MAGIC_NANOSECONDS;
    const versionMajor = view.getUint16(4, littleEndian);
    const versionMinor = view.getUint16(6, littleEndian);
    if (versionMajor !== 2) {
      throw new CaptureFormatError(`unsupported pcap version ${versionMajor}.${versionMinor}`, 4);
    }
    if (versionMinor < 3) this.lengthsSwapped = 'yes';
    else if (versionMinor === 3) this.lengthsSwapped = 'maybe';
    const snaplen = view.getUint32(16, littleEndian);
    // libpcap (pcap_adjust_snapshot): 0 or an absurd snaplen means the largest one.
    this.snapshot = snaplen === 0 || snaplen > MAXIMUM_SNAPLEN ? MAXIMUM_SNAPLEN : snaplen;
    const linkType = view.getUint32(20, littleEndian) & 0xffff;
    return { littleEndian, nanosecond, versionMajor, versionMinor, snaplen, linkType };
  }

  private bogusLength(length: number, offset: number): never {
    throw new CaptureFormatError(
      `bogus pcap record: captured length ${length} is larger than the ${MAXIMUM_SNAPLEN}-byte maximum`,
      offset,
    );
  }

  private warnFraction(offset: number, fraction: number): void {
    if (this.fractionWarned) return;
    this.fractionWarned = true;
    const unit = this.fileHeader!.nanosecond ? 'nanoseconds' : 'microseconds';
    this.warnings.push(
      `record time stamp at byte ${offset} has ${fraction} ${unit}, more than one second: carried into the seconds (later such records are not reported)`,
    );
  }
}
