import { CaptureFormatError } from './capture-format-error';
import {
  MAXIMUM_SNAPLEN,
  recordSink,
  type RecordSink,
  type CaptureParser,
  type CaptureParserOptions,
  type CaptureParseSummary,
} from './capture-parser';
import {
  MICROSECONDS,
  resolutionFromOption,
  splitTimestamp,
  type SplitTime,
  type TimestampResolution,
} from './pcapng-timestamp';

/**
 * Push parser for pcapng (draft-ietf-opsawg-pcapng): section header blocks in either byte
 * order, interface description blocks (each interface with its own link type, snap length,
 * if_tsresol and if_tsoffset), enhanced, simple and obsolete packet blocks. Other blocks
 * (statistics, name resolution, decryption secrets, custom) are skipped.
 *
 * A block inside one chunk is read in place and its packet handed out as a view; a block
 * cut by a chunk boundary is first assembled into a buffer of its declared length, which
 * is checked (at least 12, a multiple of 4, at most 64 MiB) before anything is allocated.
 */

const SECTION_HEADER_BLOCK = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION_BLOCK = 0x00000001;
const OBSOLETE_PACKET_BLOCK = 0x00000002;
const SIMPLE_PACKET_BLOCK = 0x00000003;
const ENHANCED_PACKET_BLOCK = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Block type, total length, and (for a section header) the byte-order magic. */
const BLOCK_PEEK_LENGTH = 12;
/** Far above any real block (libpcap stops at 16 MiB), far below a harmful allocation. */
export const MAXIMUM_BLOCK_LENGTH = 64 * 1024 * 1024;

const OPTION_END = 0;
const OPTION_IF_NAME = 2;
const OPTION_IF_DESCRIPTION = 3;
const OPTION_IF_TSRESOL = 9;
const OPTION_IF_TSOFFSET = 14;

export interface PcapngInterface {
  /** 0-based section number in the file. */
  section: number;
  /** Interface ID within its section, as packet blocks name it. */
  index: number;
  linkType: number;
  snaplen: number;
  resolution: TimestampResolution;
  /** if_tsoffset: seconds added to every time stamp of the interface. */
  offsetSeconds: number;
  name?: string;
  description?: string;
}

export class PcapngParser implements CaptureParser {
  private readonly sink: RecordSink;
  private readonly firstFrameNumber: number;
  private nextNumber: number;
  private consumed = 0;
  private littleEndian = true;
  private sections = 0;
  private interfaces: PcapngInterface[] = [];
  private readonly allInterfaces: PcapngInterface[] = [];
  private readonly linkTypes: number[] = [];
  private readonly peek = new Uint8Array(BLOCK_PEEK_LENGTH);
  private peekFilled = 0;
  private blockStart = 0;
  private pendingBlock: Uint8Array | undefined;
  private pendingFilled = 0;
  private broken = false;
  private readonly time: SplitTime = { seconds: 0, nanoseconds: 0 };
  private readonly textDecoder = new TextDecoder('utf-8');

  constructor(options: CaptureParserOptions) {
    this.sink = recordSink(options);
    this.firstFrameNumber = options.firstFrameNumber ?? 1;
    this.nextNumber = this.firstFrameNumber;
  }

  get offset(): number {
    return this.consumed;
  }

  /** Every interface described so far, across sections. */
  get describedInterfaces(): readonly PcapngInterface[] {
    return this.allInterfaces;
  }

  push(chunk: Uint8Array): void {
    if (this.broken) throw new Error('pcapng parser: push after a format error');
    const length = chunk.length;
    let offset = 0;
    try {
      while (offset < length && this.partial()) offset = this.feedPartial(chunk, offset);
      if (offset < length) offset = this.readBlocks(chunk, offset);
      if (offset < length) offset = this.feedPartial(chunk, offset);
    } catch (error) {
      this.broken = true;
      throw error;
    }
    this.consumed += length;
  }

  end(): CaptureParseSummary {
    const warnings: string[] = [];
    if (this.sections === 0) {
      throw new CaptureFormatError(
        `truncated pcapng section header block: ${BLOCK_PEEK_LENGTH} bytes needed, ${this.peekFilled} present`,
        this.consumed,
      );
    }
    if (this.pendingBlock) {
      warnings.push(
        `truncated last record at byte ${this.blockStart}: block header says ${this.pendingBlock.length} bytes, ${this.pendingFilled} present`,
      );
    } else if (this.peekFilled > 0) {
      warnings.push(
        `truncated last record at byte ${this.blockStart}: block header needs ${BLOCK_PEEK_LENGTH} bytes, ${this.peekFilled} present`,
      );
    }
    this.pendingBlock = undefined;
    this.peekFilled = 0;
    return {
      frames: this.nextNumber - this.firstFrameNumber,
      bytes: this.consumed,
      linkTypes: [...this.linkTypes],
      warnings,
    };
  }

  private partial(): boolean {
    return this.peekFilled > 0 || this.pendingBlock !== undefined;
  }

  private readBlocks(chunk: Uint8Array, start: number): number {
    const length = chunk.length;
    const view = new DataView(chunk.buffer, chunk.byteOffset, length);
    let offset = start;
    while (offset + BLOCK_PEEK_LENGTH <= length) {
      const blockLength = this.blockLength(view, offset, this.consumed + offset);
      if (offset + blockLength > length) break;
      this.processBlock(chunk, view, offset, blockLength, this.consumed + offset);
      offset += blockLength;
    }
    return offset;
  }

  /** Assembles a block cut by a chunk boundary. Returns after one block or at the chunk's end. */
  private feedPartial(chunk: Uint8Array, start: number): number {
    let offset = start;
    const length = chunk.length;
    if (!this.pendingBlock) {
      if (this.peekFilled === 0) this.blockStart = this.consumed + offset;
      const take = Math.min(BLOCK_PEEK_LENGTH - this.peekFilled, length - offset);
      this.peek.set(chunk.subarray(offset, offset + take), this.peekFilled);
      this.peekFilled += take;
      offset += take;
      if (this.peekFilled < BLOCK_PEEK_LENGTH) return offset;
      const peekView = new DataView(this.peek.buffer, 0, BLOCK_PEEK_LENGTH);
      const blockLength = this.blockLength(peekView, 0, this.blockStart);
      this.pendingBlock = new Uint8Array(blockLength);
      this.pendingBlock.set(this.peek, 0);
      this.pendingFilled = BLOCK_PEEK_LENGTH;
      this.peekFilled = 0;
    }
    const block = this.pendingBlock;
    const take = Math.min(block.length - this.pendingFilled, length - offset);
    block.set(chunk.subarray(offset, offset + take), this.pendingFilled);
    this.pendingFilled += take;
    offset += take;
    if (this.pendingFilled < block.length) return offset;
    this.pendingBlock = undefined;
    this.pendingFilled = 0;
    this.processBlock(
      block,
      new DataView(block.buffer, block.byteOffset, block.length),
      0,
      block.length,
      this.blockStart,
    );
    return offset;
  }

  /** Reads and checks a block's total length from its first 12 bytes. */
  private blockLength(view: DataView, offset: number, absolute: number): number {
    let littleEndian = this.littleEndian;
    const type = view.getUint32(offset, littleEndian);
    if (type === SECTION_HEADER_BLOCK) {
      // The block type reads the same in both orders; the byte-order magic says which.
      const magic = view.getUint32(offset + 8, true);
      if (magic === BYTE_ORDER_MAGIC) littleEndian = true;
      else if (view.getUint32(offset + 8, false) === BYTE_ORDER_MAGIC) littleEndian = false;
      else
        throw new CaptureFormatError(
          `bad pcapng byte-order magic 0x${hex32(magic)} in section header block`,
          absolute + 8,
        );
    } else if (this.sections === 0) {
      throw new CaptureFormatError(
        `pcapng data does not start with a section header block (block type 0x${hex32(type)})`,
        absolute,
      );
    }
    const blockLength = view.getUint32(offset + 4, littleEndian);
    if (blockLength < BLOCK_PEEK_LENGTH || blockLength % 4 !== 0 || blockLength > MAXIMUM_BLOCK_LENGTH) {
      const why =
        blockLength < BLOCK_PEEK_LENGTH
          ? 'less than 12'
          : blockLength % 4 !== 0
            ? 'not a multiple of 4'
            : 'more than the 64 MiB limit';
      throw new CaptureFormatError(
        `bogus pcapng block length ${blockLength} (${why}) for block type 0x${hex32(type)}`,
        absolute + 4,
      );
    }
    return blockLength;
  }

  private processBlock(
    bytes: Uint8Array,
    view: DataView,
    offset: number,
    blockLength: number,
    absolute: number,
  ): void {
    let littleEndian = this.littleEndian;
    const type = view.getUint32(offset, littleEndian);
    if (type === SECTION_HEADER_BLOCK) littleEndian = view.getUint32(offset + 8, true) === BYTE_ORDER_MAGIC;
    const trailer = view.getUint32(offset + blockLength - 4, littleEndian);
    if (trailer !== blockLength) {
      throw new CaptureFormatError(
        `pcapng block trailer says ${trailer} bytes but its header says ${blockLength}`,
        absolute + blockLength - 4,
      );
    }
    switch (type) {
      case SECTION_HEADER_BLOCK:
        this.sectionHeader(view, offset, blockLength, absolute, littleEndian);
        return;
      case INTERFACE_DESCRIPTION_BLOCK:
        this.interfaceDescription(view, offset, blockLength, absolute);
        return;
      case ENHANCED_PACKET_BLOCK:
        this.packet(
          bytes,
          view,
          offset,
          blockLength,
          absolute,
          view.getUint32(offset + 8, littleEndian),
          'enhanced',
        );
        return;
      case OBSOLETE_PACKET_BLOCK:
        this.packet(
          bytes,
          view,
          offset,
          blockLength,
          absolute,
          view.getUint16(offset + 8, littleEndian),
          'obsolete',
        );
        return;
      case SIMPLE_PACKET_BLOCK:
        this.simplePacket(bytes, view, offset, blockLength, absolute);
        return;
      default:
        // Statistics, name resolution, decryption secrets, custom and future blocks.
        return;
    }
  }

  private sectionHeader(
    view: DataView,
    offset: number,
    blockLength: number,
    absolute: number,
    littleEndian: boolean,
  ): void {
    requireLength('section header', blockLength, 28, absolute);
    const major = view.getUint16(offset + 12, littleEndian);
    const minor = view.getUint16(offset + 14, littleEndian);
    if (major !== 1)
      throw new CaptureFormatError(`unsupported pcapng version ${major}.${minor}`, absolute + 12);
    this.littleEndian = littleEndian;
    this.sections++;
    // Interface IDs are per section (draft-ietf-opsawg-pcapng §4.1).
    this.interfaces = [];
  }

  private interfaceDescription(view: DataView, offset: number, blockLength: number, absolute: number): void {
    requireLength('interface description', blockLength, 20, absolute);
    const littleEndian = this.littleEndian;
    const described: PcapngInterface = {
      section: this.sections - 1,
      index: this.interfaces.length,
      linkType: view.getUint16(offset + 8, littleEndian),
      snaplen: view.getUint32(offset + 12, littleEndian),
      resolution: MICROSECONDS,
      offsetSeconds: 0,
    };
    this.readOptions(
      view,
      offset + 16,
      offset + blockLength - 4,
      absolute - offset,
      (code, start, length) => {
        if (code === OPTION_IF_TSRESOL && length >= 1) {
          const option = view.getUint8(start);
          const resolution = resolutionFromOption(option);
          if (!resolution)
            throw new CaptureFormatError(
              `unsupported pcapng if_tsresol 0x${option.toString(16)}`,
              absolute - offset + start,
            );
          described.resolution = resolution;
        } else if (code === OPTION_IF_TSOFFSET && length === 8) {
          const high = littleEndian ? view.getInt32(start + 4, true) : view.getInt32(start, false);
          const low = littleEndian ? view.getUint32(start, true) : view.getUint32(start + 4, false);
          described.offsetSeconds = high * 2 ** 32 + low;
        } else if (code === OPTION_IF_NAME) {
          described.name = this.text(view, start, length);
        } else if (code === OPTION_IF_DESCRIPTION) {
          described.description = this.text(view, start, length);
        }
      },
    );
    this.interfaces.push(described);
    this.allInterfaces.push(described);
    if (!this.linkTypes.includes(described.linkType)) this.linkTypes.push(described.linkType);
  }

  private packet(
    bytes: Uint8Array,
    view: DataView,
    offset: number,
    blockLength: number,
    absolute: number,
    interfaceId: number,
    kind: 'enhanced' | 'obsolete',
  ): void {
    requireLength(`${kind} packet`, blockLength, 32, absolute);
    const described = this.interfaceFor(interfaceId, absolute + 8);
    const littleEndian = this.littleEndian;
    const high = view.getUint32(offset + 12, littleEndian);
    const low = view.getUint32(offset + 16, littleEndian);
    const storedLength = view.getUint32(offset + 20, littleEndian);
    const originalLength = view.getUint32(offset + 24, littleEndian);
    if (28 + storedLength + 4 > blockLength) {
      throw new CaptureFormatError(
        `pcapng ${kind} packet block: captured length ${storedLength} does not fit its ${blockLength}-byte block`,
        absolute + 20,
      );
    }
    splitTimestamp(high, low, described.resolution, this.time);
    const capturedLength = Math.min(storedLength, snapshotOf(described));
    const dataStart = offset + 28;
    this.nextNumber++;
    this.sink(
      bytes,
      dataStart,
      capturedLength,
      originalLength,
      this.time.seconds + described.offsetSeconds,
      this.time.nanoseconds,
      described.linkType,
      interfaceId,
    );
  }

  /** Simple packet block: interface 0, no time stamp, captured length implied (§4.4). */
  private simplePacket(
    bytes: Uint8Array,
    view: DataView,
    offset: number,
    blockLength: number,
    absolute: number,
  ): void {
    requireLength('simple packet', blockLength, 16, absolute);
    const described = this.interfaceFor(0, absolute);
    const originalLength = view.getUint32(offset + 8, this.littleEndian);
    const capturedLength = Math.min(originalLength, blockLength - 16, snapshotOf(described));
    const dataStart = offset + 12;
    this.nextNumber++;
    this.sink(bytes, dataStart, capturedLength, originalLength, 0, 0, described.linkType, 0);
  }

  private interfaceFor(interfaceId: number, absolute: number): PcapngInterface {
    const described = this.interfaces[interfaceId];
    if (!described) {
      throw new CaptureFormatError(
        `pcapng packet on interface ${interfaceId}, but the section describes ${this.interfaces.length} interface(s)`,
        absolute,
      );
    }
    return described;
  }

  /** Options are type-length-value, padded to 4 bytes, ended by opt_endofopt or the block's end. */
  private readOptions(
    view: DataView,
    start: number,
    end: number,
    base: number,
    onOption: (code: number, valueStart: number, valueLength: number) => void,
  ): void {
    let position = start;
    while (position + 4 <= end) {
      const code = view.getUint16(position, this.littleEndian);
      const length = view.getUint16(position + 2, this.littleEndian);
      if (code === OPTION_END) return;
      if (position + 4 + length > end) {
        throw new CaptureFormatError(
          `pcapng option ${code} of ${length} bytes overruns its block`,
          base + position + 2,
        );
      }
      onOption(code, position + 4, length);
      position += 4 + ((length + 3) & ~3);
    }
  }

  private text(view: DataView, start: number, length: number): string {
    const bytes = new Uint8Array(view.buffer, view.byteOffset + start, length);
    const end = bytes.indexOf(0);
    return this.textDecoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
  }
}

/** libpcap: a snap length of 0, or past the maximum, means the maximum. */
function snapshotOf(described: PcapngInterface): number {
  return described.snaplen === 0 || described.snaplen > MAXIMUM_SNAPLEN ? MAXIMUM_SNAPLEN : described.snaplen;
}

function requireLength(name: string, blockLength: number, minimum: number, absolute: number): void {
  if (blockLength < minimum) {
    throw new CaptureFormatError(
      `bogus pcapng ${name} block length ${blockLength} (its fields need ${minimum} bytes)`,
      absolute + 4,
    );
  }
}

function hex32(value: number): string {
  return value.toString(16).padStart(8, '0');
}
