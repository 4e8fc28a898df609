// Property tests (fast-check): random bytes and mutated real frames, fed to every decoder and
// to the dissector under every supported link type. None throws; every result is well-formed
// (views into the input, sane numbers, printable names, at most the bounded number of layers).
// A decoder that looped would never return, and the test would not finish.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decoder } from '../../electron/common/decode/decode-result';
import { dissect } from '../../electron/common/decode/dissect';
import { decodeDns, decodeMulticastDns } from '../../electron/common/decode/dns';
import { decodeDnsTcp } from '../../electron/common/decode/dns-tcp';
import { decodeEthernet } from '../../electron/common/decode/ethernet';
import { decodeIcmp } from '../../electron/common/decode/icmp';
import { decodeIcmpv6 } from '../../electron/common/decode/icmpv6';
import { decodeIpv4 } from '../../electron/common/decode/ipv4';
import { decodeIpv6 } from '../../electron/common/decode/ipv6';
import { decodeLinuxSll } from '../../electron/common/decode/linux-sll';
import { decodeLinuxSll2 } from '../../electron/common/decode/linux-sll2';
import { decodeLoopback } from '../../electron/common/decode/loopback';
import { decodeTcp } from '../../electron/common/decode/tcp';
import { decodeUdp } from '../../electron/common/decode/udp';
import { decodeVlan8021ad, decodeVlan8021Q, decodeVlan9100 } from '../../electron/common/decode/vlan';
import type { Frame } from '../../electron/common/model/frame';
import { corpusPath, readPcap } from './read-pcap';
import { checkLayers, checkPacket } from './well-formed';

const decoders: [string, Decoder, string][] = [
  ['ethernet', decodeEthernet, 'ethernet'],
  ['vlan 802.1Q', decodeVlan8021Q, 'vlan'],
  ['vlan 802.1ad', decodeVlan8021ad, 'vlan'],
  ['vlan 0x9100', decodeVlan9100, 'vlan'],
  ['linux-sll', decodeLinuxSll, 'linux-sll'],
  ['linux-sll2', decodeLinuxSll2, 'linux-sll2'],
  ['loopback', decodeLoopback, 'loopback'],
  ['ipv4', decodeIpv4, 'ipv4'],
  ['ipv6', decodeIpv6, 'ipv6'],
  ['udp', decodeUdp, 'udp'],
  ['tcp', decodeTcp, 'tcp'],
  ['icmp', decodeIcmp, 'icmp'],
  ['icmpv6', decodeIcmpv6, 'icmpv6'],
  ['dns', decodeDns, 'dns'],
  ['mdns', decodeMulticastDns, 'dns'],
  ['dns-tcp', decodeDnsTcp, 'dns'],
];

const linkTypes = [0, 1, 101, 108, 113, 228, 229, 276];

/** Bytes inside a larger buffer, so that a decoder that ignored byteOffset would be caught. */
const embeddedBytes = (maxLength: number) =>
  fc
    .tuple(fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength }), fc.uint8Array({ maxLength: 16 }))
    .map(([before, bytes, after]) => {
      const buffer = new Uint8Array(before.length + bytes.length + after.length);
      buffer.set(before, 0);
      buffer.set(bytes, before.length);
      buffer.set(after, before.length + bytes.length);
      return buffer.subarray(before.length, before.length + bytes.length);
    });

function frame(data: Uint8Array, linkType: number): Frame {
  return {
    number: 1,
    seconds: 0,
    nanoseconds: 0,
    capturedLength: data.length,
    originalLength: data.length,
    linkType,
    interfaceIndex: 0,
    data,
  };
}

describe('decoders on random bytes', () => {
  for (const [name, decoder, kind] of decoders) {
    it(`${name} never throws and returns views into its input`, () => {
      fc.assert(
        fc.property(embeddedBytes(400), (data) => {
          const result = decoder(data);
          expect(result.layer.kind).toBe(kind);
          const problems: string[] = [];
          checkLayers([result.layer], data, name, problems);
          expect(problems).toEqual([]);
          const payload = result.payload;
          if (payload.length > 0) {
            expect(payload.buffer).toBe(data.buffer);
            expect(payload.byteOffset).toBeGreaterThanOrEqual(data.byteOffset);
            expect(payload.byteOffset + payload.length).toBeLessThanOrEqual(data.byteOffset + data.length);
          }
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe('dissect on random bytes', () => {
  it('never throws under any supported link type, and every packet is well-formed', () => {
    fc.assert(
      fc.property(embeddedBytes(600), fc.constantFrom(...linkTypes), (data, linkType) => {
        expect(checkPacket(dissect(frame(data, linkType)))).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on frames that start like real headers and go random after', () => {
    // Random bytes rarely get past the link layer; these start with a plausible Ethernet/IPv4/UDP
    // to port 53 (or ICMP) header, so that the random part lands in the DNS and ICMP decoders.
    const prefixes = [
      '00005e00530f00005e0053020800' + '450001000001000040110000c0000201c0000235' + 'd43100350100' + '0000',
      '00005e00530f00005e0053020800' + '450001000001000040010000c0000235c0000201' + '0303',
      '00005e00530f00005e00530286dd' +
        '60000000010011402001' +
        '0db8000000000000000000000001' +
        '20010db8000000000000000000000053' +
        '14e914e90100' +
        '0000',
      '00005e00530f00005e00530286dd' +
        '600000000100' +
        '3a40' +
        '20010db8000000000000000000000053' +
        '20010db8000000000000000000000001' +
        '0104',
      '00005e00530f00005e0053020800' +
        '450001000001000040060000c0000201c0000235' +
        'd4310035000000010000000050180200' +
        '00000000',
    ].map((text) => Uint8Array.from(Buffer.from(text, 'hex')));
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 300 }), (prefix, tail) => {
        const data = new Uint8Array(prefix.length + tail.length);
        data.set(prefix);
        data.set(tail, prefix.length);
        expect(checkPacket(dissect(frame(data, 1)))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('dissect on mutated real frames', () => {
  const sources = [
    'tcpdump/dns_udp.pcap',
    'tcpdump/dns_tcp.pcap',
    'tcpdump/dnssec.pcap',
    'tcpdump/edns-opts.pcap',
    'tcpdump/dns_fwdptr.pcap',
    'tcpdump/icmpv6.pcap',
    'tcpdump/802.1ad_QinQ.pcap',
    'tcpdump/tcp-handshake-nano.pcap',
    'zeek/Traces/linux_dlt_sll2.pcap',
    'zeek/Traces/dns-svcb.pcap',
    'zeek/Traces/dns-https.pcap',
    'zeek/Traces/dns/mdns.pcap',
    'zeek/Traces/dns/max-compression-depth.pcap',
    'zeek/Traces/ipv6-fragmented-dns.pcap',
    'zeek/Traces/icmp/icmp-destunreach-udp.pcap',
    'zeek/Traces/icmp/icmp6-timeexceeded.pcap',
    'zeek/Traces/dnssec/nsec3.pcap',
  ];
  const frames = sources.flatMap((path) => readPcap(corpusPath(path)).slice(0, 60));

  const mutation = fc.record({
    index: fc.nat(),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
    linkType: fc.option(fc.constantFrom(...linkTypes), { nil: undefined }),
  });

  it('never throws and stays well-formed, under the frame link type and every other', () => {
    expect(frames.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(mutation, ({ index, edits, cut, linkType }) => {
        const original = frames[index % frames.length]!;
        const data = Uint8Array.from(original.data);
        // Bytes near the start matter most (headers, counts, pointers): aim half the edits there.
        for (const [position, value] of edits)
          data[position % 2 === 0 ? position % Math.min(data.length, 80) : position % data.length] = value;
        const bytes = cut === undefined ? data : data.subarray(0, cut % (data.length + 1));
        const packet = dissect(frame(bytes, linkType ?? original.linkType));
        expect(checkPacket(packet)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
