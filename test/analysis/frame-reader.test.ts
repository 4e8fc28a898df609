// The analysis's fast path (electron/common/analysis/frame-reader.ts) must see exactly what
// the dissector's layers show: field by field on every frame of the corpus and on frames
// built here for each link type and DNS shape it reads, and analysis by analysis (the same
// contract document and the same timeline events) for every corpus capture.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import { readFrameInto } from '../../electron/common/analysis/frame-reader';
import type { OutcomeUpdate, TimelineEvent } from '../../electron/common/analysis/timeline-event';
import { bucketEvents, TimelineBuckets } from '../../electron/common/report/timeline-buckets';
import { dissect } from '../../electron/common/decode/dissect';
import type { Frame } from '../../electron/common/model/frame';
import { CaptureFileError, readCaptureFile } from '../../electron/node/files/read-capture';
import { corpusCaptures } from '../capture/fixtures/corpus';
import { frameReadings, readBoth } from './support/frame-readings';
import { concat, dnsMessage, ethernet, ipv4Header, ipv4Udp, ipv6Header, udp } from './support/wire-bytes';

const { fastView, fastQuotedView } = frameReadings;

/** Compares the two readings of one frame, its own and its quoted datagram's; returns whether the fast path took it. */
function compareFrame(frame: Frame, label: string): boolean {
  const readings = readBoth(frame);
  if (!readings) return false;
  expect(readings.fast, `${label} frame ${frame.number}`).toEqual(readings.dissected);
  // No quote reads as a view without an IP header, as the analysis treats both.
  expect(readings.fastQuoted, `${label} frame ${frame.number}, quoted`).toEqual(readings.dissectedQuoted);
  return true;
}

function frameOf(linkType: number, data: Uint8Array, number = 1): Frame {
  return {
    number,
    seconds: 1_764_077_072 + number,
    nanoseconds: 192_571_000,
    capturedLength: data.length,
    originalLength: data.length,
    linkType,
    interfaceIndex: 0,
    data,
  };
}

const query = dnsMessage({ id: 35084, response: false, name: 'yummyrecipesforme.com' });
const ipv4Query = ipv4Udp('192.51.100.15', '203.0.113.2', 52444, 53, query, 0x1234);

describe('frame reader: field by field against the dissector', () => {
  it('reads every link type it claims, and leaves the rest to the dissector', () => {
    // 13:24:33.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)
    const frames: [string, Frame][] = [
      ['ethernet', frameOf(1, concat(ethernet(0x0800), ipv4Query))],
      // Ethernet padding after a short datagram is not data (IPv4 total length trims it).
      ['ethernet padded', frameOf(1, concat(ethernet(0x0800), ipv4Query, new Uint8Array(9)))],
      // 802.1Q tag: TCI 0x0064 (VLAN 100), then the EtherType IPv4.
      ['vlan', frameOf(1, concat(ethernet(0x8100), Uint8Array.from([0x00, 0x64, 0x08, 0x00]), ipv4Query))],
      // QinQ: an 802.1ad service tag over an 802.1Q tag.
      [
        'qinq',
        frameOf(1, concat(ethernet(0x88a8), Uint8Array.from([0x00, 0x0a, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00]), ipv4Query)),
      ],
      [
        'linux-sll',
        frameOf(
          113,
          concat(
            Uint8Array.from([
              0x00, 0x04, // packet type: outgoing
              0x00, 0x01, // ARPHRD_ETHER
              0x00, 0x06, // address length 6
              0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, // address, padded to 8
              0x08, 0x00, // protocol: IPv4
            ]),
            ipv4Query,
          ),
        ),
      ],
      [
        'linux-sll2',
        frameOf(
          276,
          concat(
            Uint8Array.from([
              0x08, 0x00, // protocol: IPv4
              0x00, 0x00, // reserved
              0x00, 0x00, 0x00, 0x02, // interface index 2
              0x00, 0x01, // ARPHRD_ETHER
              0x04, // packet type: outgoing
              0x06, // address length 6
              0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, // address, padded to 8
            ]),
            ipv4Query,
          ),
        ),
      ],
      ['null, host order', frameOf(0, concat(Uint8Array.from([0x02, 0x00, 0x00, 0x00]), ipv4Query))], // AF_INET little-endian
      ['loop, network order', frameOf(108, concat(Uint8Array.from([0x00, 0x00, 0x00, 0x02]), ipv4Query))], // AF_INET big-endian
      ['raw', frameOf(101, ipv4Query)],
      ['ipv4 link type', frameOf(228, ipv4Query)],
      ['arp', frameOf(1, concat(ethernet(0x0806), new Uint8Array(28)))],
      ['802.3 length', frameOf(1, concat(ethernet(0x002e), new Uint8Array(46)))],
    ];
    for (const [label, frame] of frames) expect(compareFrame(frame, label), label).toBe(true);
  });

  it('reads DNS over IPv6, and a response with an EDNS extended rcode through the full reader', () => {
    const ipv6Query = concat(
      ipv6Header('2001:db8::15', '2001:db8::2', 17, 8 + query.length, 64),
      udp('2001:db8::15', '2001:db8::2', 52444, 53, query),
    );
    expect(compareFrame(frameOf(229, ipv6Query), 'ipv6')).toBe(true);
    // 13:24:33.192571 IP 203.0.113.2.53 > 192.51.100.15.52444: 35084 BADVERS 0/0/1 (38)
    const badvers = Uint8Array.from([
      0x89, 0x0c, // ID 35084
      0x81, 0x80, // QR, RD, RA; header rcode 0
      0x00, 0x01, // QDCOUNT 1
      0x00, 0x00, // ANCOUNT 0
      0x00, 0x00, // NSCOUNT 0
      0x00, 0x01, // ARCOUNT 1
      0x03, 0x77, 0x77, 0x77, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00, // www.example.
      0x00, 0x01, 0x00, 0x01, // A, IN
      0x00, // OPT: root name
      0x00, 0x29, // TYPE OPT (41)
      0x04, 0xd0, // UDP payload size 1232
      0x01, 0x00, 0x00, 0x00, // extended rcode 1 (so rcode 16, BADVERS), version 0, flags 0
      0x00, 0x00, // RDLENGTH 0
    ]);
    const response = concat(ethernet(0x0800), ipv4Udp('203.0.113.2', '192.51.100.15', 53, 52444, badvers, 0x4321));
    expect(compareFrame(frameOf(1, response), 'badvers')).toBe(true);
    expect(fastView.dns?.rcode).toBe(16);
    // FORMERR without a question (RFC 1035 lets error responses drop it).
    const formerr = Uint8Array.from([0x89, 0x0c, 0x81, 0x81, 0, 0, 0, 0, 0, 0, 0, 0]);
    const formerrFrame = concat(ethernet(0x0800), ipv4Udp('203.0.113.2', '192.51.100.15', 53, 52444, formerr, 0x4322));
    expect(compareFrame(frameOf(1, formerrFrame), 'formerr')).toBe(true);
    expect(fastView.dns?.questions.length).toBe(0);
  });

  it('reads a DNS message cut before the end of its header as the dissector does', () => {
    // 13:24:33.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: [|domain]
    const short = Uint8Array.from([
      0x89, 0x0c, // ID 35084
      0x01, 0x00, // flags: RD
      0x00, // QDCOUNT, cut after its first byte
    ]);
    const frame = concat(ethernet(0x0800), ipv4Udp('192.51.100.15', '203.0.113.2', 52444, 53, short, 0x1235));
    expect(compareFrame(frameOf(1, frame), 'short dns')).toBe(true);
    expect(fastView.dns?.id).toBe(35084);
  });

  it('leaves IP in IP to the dissector', () => {
    const tunnel = concat(ethernet(0x0800), ipv4Header('198.51.100.1', '198.51.100.2', 4, ipv4Query.length, 64, 7), ipv4Query);
    expect(readFrameInto(fastView, fastQuotedView, frameOf(1, tunnel))).toBe(false);
  });

  it('leaves fragments and cut datagrams to the dissector', () => {
    const fragment = concat(ethernet(0x0800), ipv4Query);
    fragment[14 + 6] = 0x20; // IPv4 flags: more fragments
    expect(readFrameInto(fastView, fastQuotedView, frameOf(1, fragment))).toBe(false);
    const cut = concat(ethernet(0x0800), ipv4Query).subarray(0, 14 + 30);
    expect(readFrameInto(fastView, fastQuotedView, frameOf(1, cut))).toBe(false);
  });

  it('reads ICMP errors and the datagram they quote, whole or cut short', () => {
    const unreachable = (quote: Uint8Array): Uint8Array => {
      const message = concat(
        Uint8Array.from([
          0x03, // type 3: destination unreachable
          0x03, // code 3: port unreachable
          0x00, 0x00, // checksum (not verified)
          0x00, 0x00, 0x00, 0x00, // unused
        ]),
        quote,
      );
      return concat(ethernet(0x0800), ipv4Header('203.0.113.2', '192.51.100.15', 1, message.length, 64, 0x99), message);
    };
    // 13:24:33.192571 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 67
    expect(compareFrame(frameOf(1, unreachable(ipv4Query)), 'whole quote')).toBe(true);
    expect(fastQuotedView.dns?.questions[0]?.name).toBe('yummyrecipesforme.com');
    // RFC 792's minimum: the IP header and 8 bytes, so the quoted IP length claims more than is there.
    expect(compareFrame(frameOf(1, unreachable(ipv4Query.subarray(0, 28))), 'short quote')).toBe(true);
    expect(fastQuotedView.destinationPort).toBe(53);
    // An echo request quotes nothing.
    const echo = concat(ethernet(0x0800), ipv4Header('192.51.100.15', '203.0.113.2', 1, 8, 64, 1), Uint8Array.from([8, 0, 0, 0, 0, 1, 0, 1]));
    expect(compareFrame(frameOf(1, echo), 'echo')).toBe(true);
    expect(fastQuotedView.ipVersion).toBe(0);
  });

  it('agrees with the dissector on every frame of the corpus', async () => {
    let frames = 0;
    let fast = 0;
    let fastDns = 0;
    let fastQuoted = 0;
    for (const path of corpusCaptures()) {
      try {
        await readCaptureFile(path, {
          onFrame(frame) {
            frames++;
            if (compareFrame(frame, path)) {
              fast++;
              if (fastView.dns) fastDns++;
              if (fastQuotedView.ipVersion !== 0) fastQuoted++;
            }
          },
        });
      } catch (error) {
        if (!(error instanceof CaptureFileError)) throw error;
      }
    }
    // The fast path must actually carry the traffic, or this test would prove nothing.
    console.log(`frame reader: ${fast} of ${frames} corpus frames read from bytes, ${fastDns} with DNS, ${fastQuoted} ICMP errors with their quote`);
    expect(frames).toBeGreaterThan(2000);
    expect(fast).toBeGreaterThan(frames / 3);
    expect(fastDns).toBeGreaterThan(200);
    expect(fastQuoted).toBeGreaterThan(40);
  }, 120_000);
});

describe('frame reader: whole analyses', () => {
  it('gives the same analysis and events as the dissector for every corpus capture', async () => {
    let compared = 0;
    for (const path of corpusCaptures()) {
      // The fast analysis also counts its timeline straight into buckets (TimelineCounter).
      const counted = new TimelineBuckets();
      const dissected = new Analyzer({ events: true, eventLines: true });
      const read = new Analyzer({ events: true, eventLines: true, timeline: counted });
      const dissectedEvents: TimelineEvent[] = [];
      const dissectedUpdates: OutcomeUpdate[] = [];
      const readEvents: TimelineEvent[] = [];
      for (const [analyzer, events, updates, add] of [
        [dissected, dissectedEvents, dissectedUpdates, (frame: Frame) => dissected.add(dissect(frame))],
        [read, readEvents, [] as OutcomeUpdate[], (frame: Frame) => read.addFrame(frame)],
      ] as const) {
        const take = (): void => {
          const drained = analyzer.drain();
          events.push(...drained.events);
          updates.push(...drained.updates);
        };
        try {
          await readCaptureFile(path, {
            onFrame(frame) {
              add(frame);
              take();
            },
          });
        } catch (error) {
          if (!(error instanceof CaptureFileError)) throw error;
        }
        analyzer.result({ files: [] });
        take();
      }
      expect(counted.buckets(), path).toEqual(bucketEvents(dissectedEvents, dissectedUpdates));
      expect(read.result({ files: [] }), path).toEqual(dissected.result({ files: [] }));
      expect(readEvents, path).toEqual(dissectedEvents);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  }, 120_000);
});
