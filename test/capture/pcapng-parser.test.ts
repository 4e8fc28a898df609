import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from '../../electron/common/capture/capture-format-error';
import { PcapngParser } from '../../electron/common/capture/pcapng-parser';
import { collect, comparable } from './fixtures/collect';
import { corpusRoot, splitAt } from './fixtures/corpus';
import { concatenate, hex } from './fixtures/hex';
import {
  customBlock,
  enhancedPacket,
  interfaceDescription,
  options,
  sectionHeader,
  simplePacket,
  u32,
  u64,
} from './fixtures/pcapng-builder';
import { pcapngFixture, pcapngFixtureFrames } from './fixtures/pcapng-fixture';
import { dnsQuery, dnsQuery6, portUnreachable, portUnreachable6 } from './fixtures/scenario-packets';

const pcapng = (parserOptions: ConstructorParameters<typeof PcapngParser>[0]) =>
  new PcapngParser(parserOptions);

const expected = pcapngFixtureFrames.map((frame, index) => ({
  number: index + 1,
  seconds: frame.seconds,
  nanoseconds: frame.nanoseconds,
  capturedLength: frame.data.length,
  originalLength: frame.data.length,
  linkType: frame.linkType,
  interfaceIndex: frame.interfaceIndex,
  data: [...frame.data],
}));

/** The fixture's content built in either byte order (no NRB, OPB or ISB). */
function builtFile(littleEndian: boolean): Uint8Array {
  const order = { littleEndian };
  return concatenate(
    sectionHeader(order),
    interfaceDescription(101, 65535, undefined, order),
    interfaceDescription(
      228,
      0,
      options(
        [
          { code: 2, value: new TextEncoder().encode('eth1') },
          { code: 9, value: Uint8Array.of(9) },
        ],
        order,
      ),
      order,
    ),
    interfaceDescription(
      229,
      262144,
      options(
        [
          { code: 9, value: Uint8Array.of(0x94) },
          { code: 14, value: u64(100n, littleEndian) },
        ],
        order,
      ),
      order,
    ),
    enhancedPacket(0, 1795613072192571n, dnsQuery, order),
    enhancedPacket(1, 1795613075098564000n, portUnreachable, order),
    enhancedPacket(2, (1795613080n - 100n) * 2n ** 20n + 2n ** 19n + 1n, dnsQuery6, order),
    enhancedPacket(1, 1795613081500000000n, portUnreachable6, order),
    simplePacket(dnsQuery, order),
  );
}

describe('pcapng parser', () => {
  it('reads the hand-written fixture: three interfaces, three resolutions, every packet block', () => {
    const { frames, summary } = collect(pcapng, [pcapngFixture]);
    expect(comparable(frames)).toEqual(expected);
    expect(summary).toEqual({
      frames: 5,
      bytes: pcapngFixture.length,
      linkTypes: [101, 228, 229],
      warnings: [],
    });
  });

  it('describes each interface with its options', () => {
    const parser = new PcapngParser({ onFrame: () => undefined });
    parser.push(pcapngFixture);
    expect(
      parser.describedInterfaces.map((described) => ({
        index: described.index,
        linkType: described.linkType,
        snaplen: described.snaplen,
        resolution: described.resolution.option,
        offsetSeconds: described.offsetSeconds,
        name: described.name,
      })),
    ).toEqual([
      { index: 0, linkType: 101, snaplen: 65535, resolution: 6, offsetSeconds: 0, name: undefined },
      { index: 1, linkType: 228, snaplen: 0, resolution: 9, offsetSeconds: 0, name: 'eth1' },
      { index: 2, linkType: 229, snaplen: 262144, resolution: 0x94, offsetSeconds: 100, name: undefined },
    ]);
  });

  it('builds the same bytes as the hand-written fixture, so the builder can be trusted', () => {
    const built = builtFile(true);
    // Section header and the three interface descriptions, byte for byte.
    expect([...built.subarray(0, 132)]).toEqual([...pcapngFixture.subarray(0, 132)]);
    // The builder writes the obsolete packet as an enhanced one: the same frame.
    expect(comparable(collect(pcapng, [built]).frames)).toEqual(expected);
  });

  it('reads a big-endian section to the same frames', () => {
    const little = comparable(collect(pcapng, [builtFile(true)]).frames);
    const big = comparable(collect(pcapng, [builtFile(false)]).frames);
    expect(big).toEqual(little);
    expect(big).toHaveLength(5);
  });

  it('lets each section choose its byte order and restart its interfaces', () => {
    const file = concatenate(builtFile(true), builtFile(false), builtFile(true));
    const { frames } = collect(pcapng, [file]);
    expect(frames).toHaveLength(15);
    expect(comparable(frames.slice(5, 10)).map((frame) => ({ ...frame, number: 0 }))).toEqual(
      comparable(frames.slice(0, 5)).map((frame) => ({ ...frame, number: 0 })),
    );
  });

  it('gives the same frames one byte at a time and for every split point', () => {
    const whole = comparable(collect(pcapng, [pcapngFixture]).frames);
    const bytes = [...pcapngFixture].map((byte) => Uint8Array.of(byte));
    expect(comparable(collect(pcapng, bytes).frames)).toEqual(whole);
    for (let cut = 0; cut <= pcapngFixture.length; cut += 3) {
      expect(comparable(collect(pcapng, splitAt(pcapngFixture, [cut, cut + 7])).frames)).toEqual(whole);
    }
  });

  it('skips unknown and custom blocks', () => {
    const order = { littleEndian: true };
    const file = concatenate(
      sectionHeader(order),
      customBlock(0x00000bad, Uint8Array.of(1, 2, 3, 4, 5), order),
      interfaceDescription(101, 0, undefined, order),
      customBlock(0x40000bad, new Uint8Array(16), order),
      enhancedPacket(0, 5n, dnsQuery, order),
    );
    expect(collect(pcapng, [file]).frames).toHaveLength(1);
  });

  it('keeps earlier frames and warns about a truncated last block', () => {
    const cut = pcapngFixture.subarray(0, pcapngFixture.length - 30);
    const { frames, summary } = collect(pcapng, [cut]);
    expect(frames).toHaveLength(4);
    const start = pcapngFixture.length - 24 - 84;
    expect(summary.warnings).toEqual([
      `truncated last record at byte ${start}: block header says 84 bytes, 78 present`,
    ]);
    const inHeader = collect(pcapng, [pcapngFixture.subarray(0, start + 5)]);
    expect(inHeader.summary.warnings).toEqual([
      `truncated last record at byte ${start}: block header needs 12 bytes, 5 present`,
    ]);
  });

  describe('refuses bogus block lengths with their offset, never hanging or allocating', () => {
    const order = { littleEndian: true };
    const head = concatenate(sectionHeader(order), interfaceDescription(101, 0, undefined, order));
    const cases: [string, Uint8Array, string][] = [
      [
        'less than 12',
        hex`06 00 00 00  08 00 00 00  00 00 00 00`,
        'bogus pcapng block length 8 (less than 12) for block type 0x00000006 at byte 52',
      ],
      [
        'not a multiple of 4',
        hex`06 00 00 00  0d 00 00 00  00 00 00 00 00`,
        'bogus pcapng block length 13 (not a multiple of 4) for block type 0x00000006 at byte 52',
      ],
      [
        'over 64 MiB',
        hex`06 00 00 00  00 00 00 f0  00 00 00 00`,
        'bogus pcapng block length 4026531840 (more than the 64 MiB limit) for block type 0x00000006 at byte 52',
      ],
      [
        'trailer mismatch',
        hex`05 00 00 00  10 00 00 00  00 00 00 00  14 00 00 00`,
        'pcapng block trailer says 20 bytes but its header says 16 at byte 60',
      ],
      [
        'captured length beyond the block',
        concatenate(
          hex`06 00 00 00  24 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00  ff ff 00 00  ff ff 00 00`,
          hex`00 00 00 00  24 00 00 00`,
        ),
        'pcapng enhanced packet block: captured length 65535 does not fit its 36-byte block at byte 68',
      ],
      [
        'packet on an undescribed interface',
        enhancedPacket(3, 0n, dnsQuery, order),
        'pcapng packet on interface 3, but the section describes 1 interface(s) at byte 56',
      ],
      [
        'enhanced packet block too short for its fields',
        hex`06 00 00 00  10 00 00 00  00 00 00 00  10 00 00 00`,
        'bogus pcapng enhanced packet block length 16 (its fields need 32 bytes) at byte 52',
      ],
    ];
    for (const [name, bad, message] of cases) {
      it(name, () => {
        const file = concatenate(head, bad);
        for (const chunks of [[file], [...file].map((byte) => Uint8Array.of(byte))]) {
          let frames = 0;
          const parser = new PcapngParser({ onFrame: () => frames++ });
          expect(() => {
            for (const chunk of chunks) parser.push(chunk);
            parser.end();
          }).toThrow(message);
        }
      });
    }
  });

  it('refuses data that does not start with a section header', () => {
    const order = { littleEndian: true };
    expect(() => collect(pcapng, [interfaceDescription(1, 0, undefined, order)])).toThrow(
      new CaptureFormatError(
        'pcapng data does not start with a section header block (block type 0x00000001)',
        0,
      ),
    );
  });

  it('refuses a bad byte-order magic and an unknown major version', () => {
    const order = { littleEndian: true };
    const badMagic = sectionHeader(order);
    badMagic[8] = 0;
    expect(() => collect(pcapng, [badMagic])).toThrow(
      'bad pcapng byte-order magic 0x1a2b3c00 in section header block at byte 8',
    );
    expect(() => collect(pcapng, [sectionHeader(order, 2)])).toThrow(
      'unsupported pcapng version 2.0 at byte 12',
    );
  });

  it('refuses an option that overruns its block', () => {
    const order = { littleEndian: true };
    const file = concatenate(
      sectionHeader(order),
      interfaceDescription(1, 0, concatenate(hex`09 00 40 00`, u32(0, true)), order),
    );
    expect(() => collect(pcapng, [file])).toThrow(
      'pcapng option 9 of 64 bytes overruns its block at byte 46',
    );
  });

  it('cuts simple packets to the snap length of interface 0', () => {
    const order = { littleEndian: true };
    const file = concatenate(
      sectionHeader(order),
      interfaceDescription(101, 20, undefined, order),
      simplePacket(dnsQuery.subarray(0, 20), order, dnsQuery.length),
    );
    const { frames } = collect(pcapng, [file]);
    expect(frames.map((frame) => [frame.capturedLength, frame.originalLength])).toEqual([[20, 67]]);
  });

  it('reads the corpus multi-interface capture: nanoseconds on eth0, microseconds on the Windows interface', () => {
    const file = readFileSync(join(corpusRoot, 'zeek/Traces/pcapng-multi-interface.pcapng'));
    const frames: number[][] = [];
    const parser = new PcapngParser({
      onFrame: (frame) => frames.push([frame.interfaceIndex, frame.seconds, frame.nanoseconds]),
    });
    parser.push(file);
    expect(parser.end()).toEqual({ frames: 6, bytes: 1348, linkTypes: [1], warnings: [] });
    expect(
      parser.describedInterfaces.map((described) => [described.name, described.resolution.option]),
    ).toEqual([
      ['eth0', 9],
      ['\\Device\\NPF_{5AE6EDB4-EFF9-46B3-A3C2-EE50C688A9E6}', 6],
    ]);
    // TZ=UTC tcpdump -n --nano prints 01:31:29.500330493 and 01:37:17.111897000 for frames 1 and 3.
    expect(frames.slice(0, 3)).toEqual([
      [0, 1767663089, 500330493],
      [0, 1767663089, 514291940],
      [1, 1767663437, 111897000],
    ]);
  });
});
