import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from '../../electron/common/capture/capture-format-error';
import { PcapParser } from '../../electron/common/capture/pcap-parser';
import { pcapFile, pcapFileHeader, pcapRecord } from '../../electron/common/capture/pcap-writer';
import { collect, comparable } from './fixtures/collect';
import { splitAt } from './fixtures/corpus';
import { concatenate, hex } from './fixtures/hex';
import { dnsQuery, portUnreachable, scenarioRecords } from './fixtures/scenario-packets';

const pcap = (options: ConstructorParameters<typeof PcapParser>[0]) => new PcapParser(options);

/** The scenario's first two packets in a little-endian microsecond pcap, field by field. */
const littleEndianMicroseconds = hex`
  d4 c3 b2 a1   # magic 0xa1b2c3d4 written little-endian: microsecond time stamps
  02 00 04 00   # version 2.4
  00 00 00 00   # thiszone 0
  00 00 00 00   # sigfigs 0
  00 00 04 00   # snap length 262144
  65 00 00 00   # link type 101 (RAW)

  # 13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)
  90 e1 06 6b   # seconds 1795613072 (2026-11-25 13:24:32 UTC)
  3b f0 02 00   # microseconds 192571
  43 00 00 00   # captured length 67
  43 00 00 00   # original length 67
  ${dnsQuery}

  # 13:24:35.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 75
  93 e1 06 6b   # seconds 1795613075
  04 81 01 00   # microseconds 98564
  5f 00 00 00   # captured length 95
  5f 00 00 00   # original length 95
  ${portUnreachable}
`;

/** The same two packets, big-endian with nanosecond time stamps. */
const bigEndianNanoseconds = hex`
  a1 b2 3c 4d   # magic 0xa1b23c4d big-endian: nanosecond time stamps
  00 02 00 04   # version 2.4
  00 00 00 00   # thiszone
  00 00 00 00   # sigfigs
  00 04 00 00   # snap length 262144
  00 00 00 65   # link type 101
  6b 06 e1 90   # seconds 1795613072
  0b 7a 66 78   # nanoseconds 192571000
  00 00 00 43   # captured length 67
  00 00 00 43   # original length 67
  ${dnsQuery}
  6b 06 e1 93   # seconds 1795613075
  05 df f7 a0   # nanoseconds 98564000
  00 00 00 5f   # captured length 95
  00 00 00 5f   # original length 95
  ${portUnreachable}
`;

const expectedFrames = [
  {
    number: 1,
    seconds: 1795613072,
    nanoseconds: 192_571_000,
    capturedLength: 67,
    originalLength: 67,
    linkType: 101,
    interfaceIndex: 0,
    data: [...dnsQuery],
  },
  {
    number: 2,
    seconds: 1795613075,
    nanoseconds: 98_564_000,
    capturedLength: 95,
    originalLength: 95,
    linkType: 101,
    interfaceIndex: 0,
    data: [...portUnreachable],
  },
];

describe('pcap parser', () => {
  it('reads a little-endian microsecond file field by field', () => {
    const { frames, summary } = collect(pcap, [littleEndianMicroseconds]);
    expect(comparable(frames)).toEqual(expectedFrames);
    expect(summary).toEqual({
      frames: 2,
      bytes: littleEndianMicroseconds.length,
      linkTypes: [101],
      warnings: [],
    });
  });

  it('reads a big-endian nanosecond file to the same frames', () => {
    const { frames } = collect(pcap, [bigEndianNanoseconds]);
    expect(comparable(frames)).toEqual(expectedFrames);
  });

  it('reads all four byte-order and resolution combinations the writer produces', () => {
    for (const littleEndian of [true, false]) {
      for (const nanosecond of [true, false]) {
        const file = pcapFile({ linkType: 101, littleEndian, nanosecond }, scenarioRecords);
        const parser = new PcapParser({ onFrame: () => undefined });
        parser.push(file.subarray(0, 24));
        expect(parser.header).toMatchObject({
          littleEndian,
          nanosecond,
          versionMajor: 2,
          versionMinor: 4,
          linkType: 101,
        });
        const { frames } = collect(pcap, [file]);
        expect(frames.map((frame) => [frame.seconds, frame.nanoseconds, [...frame.data]])).toEqual(
          scenarioRecords.map((record) => [record.seconds, record.nanoseconds, [...record.data]]),
        );
      }
    }
  });

  it('hands out views into the chunk, not copies, when a record lies inside it', () => {
    const seen: Uint8Array[] = [];
    const parser = new PcapParser({ onFrame: (frame) => seen.push(frame.data) });
    parser.push(littleEndianMicroseconds);
    expect(seen[0]!.buffer).toBe(littleEndianMicroseconds.buffer);
    expect(seen[0]!.byteOffset).toBe(40);
  });

  it('numbers frames from firstFrameNumber', () => {
    const { frames, summary } = collect(pcap, [littleEndianMicroseconds], 101);
    expect(frames.map((frame) => frame.number)).toEqual([101, 102]);
    expect(summary.frames).toBe(2);
  });

  it('gives the same frames whatever the chunk boundaries: one byte at a time', () => {
    const whole = collect(pcap, [littleEndianMicroseconds]).frames;
    const bytes = [...littleEndianMicroseconds].map((byte) => Uint8Array.of(byte));
    expect(comparable(collect(pcap, bytes).frames)).toEqual(comparable(whole));
  });

  it('gives the same frames for every single split point', () => {
    const whole = comparable(collect(pcap, [bigEndianNanoseconds]).frames);
    for (let cut = 0; cut <= bigEndianNanoseconds.length; cut++) {
      expect(comparable(collect(pcap, splitAt(bigEndianNanoseconds, [cut])).frames)).toEqual(whole);
    }
  });

  it('keeps every earlier frame and warns when the last record is cut in its data', () => {
    const cut = littleEndianMicroseconds.subarray(0, littleEndianMicroseconds.length - 20);
    const { frames, summary } = collect(pcap, [cut]);
    expect(frames).toHaveLength(1);
    expect(summary.warnings).toEqual(['truncated last record at byte 107: header says 95 bytes, 75 present']);
    // Cut across chunks the same way.
    const chunked = collect(pcap, splitAt(cut, [50, 110, 115]));
    expect(chunked.frames).toHaveLength(1);
    expect(chunked.summary.warnings).toEqual(summary.warnings);
  });

  it('warns when the last record is cut in its header', () => {
    const cut = littleEndianMicroseconds.subarray(0, 107 + 10);
    const { frames, summary } = collect(pcap, [cut]);
    expect(frames).toHaveLength(1);
    expect(summary.warnings).toEqual([
      'truncated last record at byte 107: record header needs 16 bytes, 10 present',
    ]);
  });

  it('refuses a file header cut short, naming where it ends', () => {
    const parser = new PcapParser({ onFrame: () => undefined });
    parser.push(littleEndianMicroseconds.subarray(0, 10));
    expect(() => parser.end()).toThrow(
      new CaptureFormatError('truncated pcap file header: 24 bytes needed, 10 present', 10),
    );
  });

  it('refuses a captured length over 262144 with its offset, before allocating anything', () => {
    const file = concatenate(
      pcapFileHeader({ linkType: 1 }),
      pcapRecord({ seconds: 1, nanoseconds: 0, data: Uint8Array.of(1, 2, 3) }),
      hex`01 00 00 00  00 00 00 00  ff ff ff ff  ff ff ff ff   # caplen 4294967295`,
    );
    for (const chunks of [[file], splitAt(file, [50])]) {
      const { error, frames } = parseExpectingError(chunks);
      expect(frames).toBe(1);
      expect(error).toBeInstanceOf(CaptureFormatError);
      expect(error.offset).toBe(24 + 16 + 3 + 8);
      expect(error.message).toBe(
        'bogus pcap record: captured length 4294967295 is larger than the 262144-byte maximum at byte 51',
      );
    }
  });

  it('refuses an unsupported version', () => {
    const file = pcapFileHeader({ linkType: 1 });
    file[4] = 1; // version 1.4
    expect(() => collect(pcap, [file])).toThrow('unsupported pcap version 1.4 at byte 4');
  });

  it('cuts records longer than the snap length and skips the rest, as libpcap does', () => {
    const file = concatenate(
      pcapFileHeader({ linkType: 1, snaplen: 4 }),
      pcapRecord({ seconds: 1, nanoseconds: 0, data: Uint8Array.of(1, 2, 3, 4, 5, 6) }),
      pcapRecord({ seconds: 2, nanoseconds: 0, data: Uint8Array.of(7, 8) }),
    );
    for (const chunks of [[file], splitAt(file, [43, 45, 47])]) {
      const { frames } = collect(pcap, chunks);
      expect(frames.map((frame) => [frame.capturedLength, frame.originalLength, [...frame.data]])).toEqual([
        [4, 6, [1, 2, 3, 4]],
        [2, 2, [7, 8]],
      ]);
    }
  });

  it('swaps caplen and len in version 2.2 files, as libpcap does', () => {
    const file = concatenate(
      hex`d4 c3 b2 a1  02 00 02 00  00 00 00 00  00 00 00 00  ff ff 00 00  01 00 00 00   # version 2.2`,
      hex`01 00 00 00  00 00 00 00  40 00 00 00  02 00 00 00   # len 64 written where caplen goes, caplen 2`,
      hex`aa bb`,
    );
    const { frames } = collect(pcap, [file]);
    expect(frames.map((frame) => [frame.capturedLength, frame.originalLength])).toEqual([[2, 64]]);
  });

  it('carries an out-of-range fraction into the seconds and says so once', () => {
    const file = concatenate(
      pcapFileHeader({ linkType: 1 }),
      hex`0a 00 00 00  40 42 0f 00  01 00 00 00  01 00 00 00  ff   # 1000000 microseconds`,
      hex`0a 00 00 00  41 42 0f 00  01 00 00 00  01 00 00 00  ff   # 1000001 microseconds`,
    );
    const { frames, summary } = collect(pcap, [file]);
    expect(frames.map((frame) => [frame.seconds, frame.nanoseconds])).toEqual([
      [11, 0],
      [11, 1000],
    ]);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/^record time stamp at byte 28 has 1000000 microseconds/);
  });

  it('keeps link types from the header and masks the FCS bits above them', () => {
    const file = pcapFileHeader({ linkType: 0x10000001 });
    expect(collect(pcap, [file]).summary.linkTypes).toEqual([1]);
  });
});

function parseExpectingError(chunks: Uint8Array[]): { error: CaptureFormatError; frames: number } {
  let frames = 0;
  const parser = new PcapParser({ onFrame: () => frames++ });
  try {
    for (const chunk of chunks) parser.push(chunk);
    parser.end();
  } catch (error) {
    return { error: error as CaptureFormatError, frames };
  }
  throw new Error('expected a CaptureFormatError');
}
