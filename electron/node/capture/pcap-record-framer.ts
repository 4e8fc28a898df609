/**
 * Finds whole-record boundaries in a pcap byte stream as it arrives, without decoding
 * anything, so the rolling file gets the helper's bytes as they are but only ever whole
 * records: a file cut by a crash or a killed helper is still a readable pcap.
 * Format: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-03.html
 */
import { CaptureError } from './capture-error';

export const pcapHeaderLength = 24;
export const pcapRecordHeaderLength = 16;
/** Far above libpcap's largest snap length (262144): a bigger length means a corrupt stream. */
const maximumRecordLength = 16 * 1024 * 1024;

export interface PcapStreamHeader {
  /** The 24 bytes as the helper wrote them, to start every rolled file with. */
  bytes: Uint8Array;
  littleEndian: boolean;
  nanosecond: boolean;
  linkType: number;
  snaplen: number;
}

export interface FramedChunk {
  /** Whole records, exactly as received; may be empty. */
  records: Uint8Array;
  /** How many records `records` holds. */
  count: number;
}

export class PcapRecordFramer {
  private carry: Uint8Array = new Uint8Array(0);
  private streamHeader: PcapStreamHeader | undefined;

  get header(): PcapStreamHeader | undefined {
    return this.streamHeader;
  }

  /** Bytes held back because they start a record that has not fully arrived. */
  get pendingBytes(): number {
    return this.carry.length;
  }

  push(chunk: Uint8Array): FramedChunk {
    let data = chunk;
    if (this.carry.length > 0) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry, 0);
      data.set(chunk, this.carry.length);
    }
    let offset = 0;
    if (!this.streamHeader) {
      if (data.length < pcapHeaderLength) {
        this.carry = new Uint8Array(data);
        return { records: new Uint8Array(0), count: 0 };
      }
      this.streamHeader = readStreamHeader(data.subarray(0, pcapHeaderLength));
      offset = pcapHeaderLength;
    }
    const start = offset;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const littleEndian = this.streamHeader.littleEndian;
    let count = 0;
    while (offset + pcapRecordHeaderLength <= data.length) {
      const capturedLength = view.getUint32(offset + 8, littleEndian);
      if (capturedLength > maximumRecordLength) {
        throw new CaptureError(
          'bad-stream',
          `the capture helper sent a record of ${capturedLength} bytes: the pcap stream is corrupt`,
        );
      }
      const end = offset + pcapRecordHeaderLength + capturedLength;
      if (end > data.length) break;
      offset = end;
      count += 1;
    }
    // Copy the tail (new Uint8Array copies; Buffer#slice would not): the caller's chunk may be reused.
    this.carry = new Uint8Array(data.subarray(offset));
    return { records: data.subarray(start, offset), count };
  }
}

function readStreamHeader(bytes: Uint8Array): PcapStreamHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicBig = view.getUint32(0, false);
  const magicLittle = view.getUint32(0, true);
  let littleEndian: boolean;
  let nanosecond: boolean;
  if (magicLittle === 0xa1b2c3d4 || magicLittle === 0xa1b23c4d) {
    littleEndian = true;
    nanosecond = magicLittle === 0xa1b23c4d;
  } else if (magicBig === 0xa1b2c3d4 || magicBig === 0xa1b23c4d) {
    littleEndian = false;
    nanosecond = magicBig === 0xa1b23c4d;
  } else {
    throw new CaptureError(
      'bad-stream',
      `the capture helper's output is not pcap (magic 0x${magicBig.toString(16).padStart(8, '0')})`,
    );
  }
  return {
    bytes: new Uint8Array(bytes),
    littleEndian,
    nanosecond,
    snaplen: view.getUint32(16, littleEndian),
    // The upper bits carry FCS information; the link type is the low 16 (the draft, section 4)
    linkType: view.getUint32(20, littleEndian) & 0xffff,
  };
}
