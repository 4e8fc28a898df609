import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from '../../electron/common/capture/capture-format-error';
import { createCaptureParser } from '../../electron/common/capture/create-capture-parser';
import { detectCaptureFormat } from '../../electron/common/capture/detect-format';
import { pcapFile } from '../../electron/common/capture/pcap-writer';
import { parseTcpdumpText } from '../../electron/common/capture/tcpdump-text';
import { TcpdumpTextReader } from '../../electron/common/capture/tcpdump-text-reader';
import { splitAt } from './fixtures/corpus';
import { concatenate, hex } from './fixtures/hex';
import { pcapngFixture } from './fixtures/pcapng-fixture';
import { scenarioRecords } from './fixtures/scenario-packets';

/**
 * Random and mutated input never gets anything but CaptureFormatError out of a parser, and
 * every run ends (each loop consumes input; the test's time limit would catch a hang).
 */

const pcapFixture = pcapFile({ linkType: 101 }, scenarioRecords);

function parseOrFormatError(format: 'pcap' | 'pcapng', chunks: Uint8Array[]): number {
  let frames = 0;
  try {
    const parser = createCaptureParser(format, {
      onFrame: (frame) => {
        frames++;
        // A frame never claims more bytes than it has, nor a time out of range.
        expect(frame.data.length).toBe(frame.capturedLength);
        expect(frame.nanoseconds).toBeGreaterThanOrEqual(0);
        expect(frame.nanoseconds).toBeLessThan(1e9);
      },
    });
    for (const chunk of chunks) parser.push(chunk);
    parser.end();
  } catch (error) {
    if (!(error instanceof CaptureFormatError)) throw error;
    expect(error.message).toMatch(/at byte \d+$/);
  }
  return frames;
}

const mutation = (length: number) =>
  fc.array(
    fc.record({ at: fc.nat({ max: Math.max(0, length - 1) }), value: fc.integer({ min: 0, max: 255 }) }),
    { maxLength: 8 },
  );

const cuts = fc.array(fc.nat({ max: 2000 }), { maxLength: 6 });

describe('capture parsers on random and mutated bytes', () => {
  it('pcap: random bytes after a valid magic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(hex`d4 c3 b2 a1`, hex`a1 b2 c3 d4`, hex`4d 3c b2 a1`, hex`a1 b2 3c 4d`),
        fc.uint8Array({ maxLength: 600 }),
        cuts,
        (magic, body, at) => {
          parseOrFormatError('pcap', splitAt(concatenate(magic, body), at));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('pcapng: random bytes after a valid section header', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 600 }), cuts, (littleEndian, body, at) => {
        const header = littleEndian
          ? hex`0a 0d 0d 0a  1c 00 00 00  4d 3c 2b 1a  01 00 00 00  ff ff ff ff ff ff ff ff  1c 00 00 00`
          : hex`0a 0d 0d 0a  00 00 00 1c  1a 2b 3c 4d  00 01 00 00  ff ff ff ff ff ff ff ff  00 00 00 1c`;
        parseOrFormatError('pcapng', splitAt(concatenate(header, body), at));
      }),
      { numRuns: 1500 },
    );
  });

  it('pcap and pcapng: valid files with bytes changed, cut short, and split anywhere', () => {
    for (const [format, file] of [
      ['pcap', pcapFixture],
      ['pcapng', pcapngFixture],
    ] as const) {
      fc.assert(
        fc.property(mutation(file.length), fc.nat({ max: file.length }), cuts, (changes, keep, at) => {
          const bytes = file.slice(0, Math.max(keep, 1));
          for (const { at: position, value } of changes) if (position < bytes.length) bytes[position] = value;
          parseOrFormatError(format, splitAt(bytes, at));
        }),
        { numRuns: 1500 },
      );
    }
  });

  it('pcapng: structured random blocks (valid framing, random type, lengths and bodies)', () => {
    const block = fc
      .record({
        type: fc.constantFrom(1, 2, 3, 5, 6, 0x0bad, 0x0a0d0d0a),
        body: fc.uint8Array({ maxLength: 64 }),
      })
      .map(({ type, body }) => {
        const padded = (body.length + 3) & ~3;
        const bytes = new Uint8Array(12 + padded);
        const view = new DataView(bytes.buffer);
        view.setUint32(0, type, true);
        view.setUint32(4, bytes.length, true);
        bytes.set(body, 8);
        view.setUint32(bytes.length - 4, bytes.length, true);
        return bytes;
      });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), cuts, (blocks, at) => {
        parseOrFormatError('pcapng', splitAt(concatenate(pcapngFixture.subarray(0, 132), ...blocks), at));
      }),
      { numRuns: 1500 },
    );
  });

  it('detection never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(['pcap', 'pcapng', 'tcpdump-text', 'unknown']).toContain(detectCaptureFormat(bytes).format);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tcpdump text import on random and mutated lines', () => {
  const lines = [
    '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A? yummyrecipesforme.com. (24)',
    '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable length 254',
    '13:24:37.192576 IP 203.0.113.2.53 > 192.51.100.15.52444: [no cksum] 35087* q: A? www.example.com. 2/0/0 www.example.com. [5m] CNAME example.com., example.com. [5m] A 93.184.216.34 (100)',
    '13:24:41.500000 IP6 2001:db8::53 > 2001:db8::15: ICMP6, destination unreachable, unreachable port, 2001:db8::53 udp port 53, length 85',
    '13:24:35.098564 IP (tos 0x0, ttl 64, id 23850, offset 0, flags [none], proto ICMP (1), length 95)\n    203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 75\n\tIP (tos 0x0, ttl 64, id 7238, offset 0, flags [DF], proto UDP (17), length 67)\n    192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
  ];

  it('parsing a line returns a packet or a reason, never throws', () => {
    const mutated = fc
      .record({
        line: fc.constantFrom(...lines),
        start: fc.nat(),
        end: fc.nat(),
        insert: fc.string({ maxLength: 12 }),
      })
      .map(({ line, start, end, insert }) => {
        const from = start % (line.length + 1);
        const to = from + (end % 20);
        return line.slice(0, from) + insert + line.slice(to);
      });
    fc.assert(
      fc.property(
        fc.oneof(mutated, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 })),
        (text) => {
          const result = parseTcpdumpText(text);
          if ('error' in result) expect(typeof result.error).toBe('string');
          else expect(result.packet.layers.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the reader counts every non-empty line as a packet, a continuation, a banner or unreadable', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...lines), fc.string({ maxLength: 60 })), { maxLength: 20 }),
        cuts,
        (parts, at) => {
          const bytes = new TextEncoder().encode(parts.join('\n'));
          let packets = 0;
          const reader = new TcpdumpTextReader({ onPacket: () => packets++ });
          for (const chunk of splitAt(bytes, at)) reader.push(chunk);
          const summary = reader.end();
          expect(summary.packets).toBe(packets);
          expect(
            summary.unreadableLines.every(
              (unreadable) => unreadable.line >= 1 && unreadable.line <= summary.lines,
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
