// IPv4 (options, fragments, lengths) and IPv6 (extension headers, fragments) decoders.
import { describe, expect, it } from 'vitest';
import { dissect, dissectLayers } from '../../electron/common/decode/dissect';
import { decodeIpv4 } from '../../electron/common/decode/ipv4';
import { decodeIpv6 } from '../../electron/common/decode/ipv6';
import { findLayer } from '../../electron/common/model/packet';
import { corpusPath, hex, readPcap } from './read-pcap';

describe('ipv4', () => {
  it('reads the header, the options, and trims the payload to the total length', () => {
    // IP (tos 0x0, ttl 1, id 4660, offset 0, flags [none], proto UDP (17), length 32, options (RA), bad cksum 0 (->707d)!)
    //     192.0.2.1.1234 > 224.0.0.22.53: domain [length 0 < 12] (invalid)
    const packet = hex(`
      46       // version 4, header length 6 words (24 bytes)
      00       // TOS
      0020     // total length 32
      1234     // identification 4660
      0000     // flags none, fragment offset 0
      01       // TTL 1
      11       // protocol 17 (UDP)
      0000     // header checksum (not verified)
      c0000201 // source 192.0.2.1
      e0000016 // destination 224.0.0.22
      94040000 // option: router alert (RFC 2113)
      04d2 0035 0008 0000 // UDP 1234 > 53, length 8
      eeee     // trailing bytes beyond the total length (link padding)
    `);
    const { layer, payload, next } = decodeIpv4(packet);
    expect(layer).toMatchObject({
      kind: 'ipv4',
      headerLength: 24,
      tos: 0,
      totalLength: 32,
      identification: 4660,
      dontFragment: false,
      moreFragments: false,
      fragmentOffset: 0,
      ttl: 1,
      protocol: 17,
      checksum: 0,
      source: '192.0.2.1',
      destination: '224.0.0.22',
      truncated: undefined,
    });
    expect([...layer.options]).toEqual([0x94, 0x04, 0x00, 0x00]);
    expect(payload.length).toBe(8);
    expect(next).toEqual({ table: 'ip-protocol', value: 17 });
  });

  it('follows a first fragment to its transport header', () => {
    // IP (tos 0x0, ttl 64, id 43981, offset 0, flags [+], proto UDP (17), length 41, bad cksum 0 (->2af3)!)
    //     192.0.2.1.54321 > 192.0.2.2.53: 1+ [|domain]
    const packet = hex(`
      45000029 abcd
      2000      // flags: more fragments; offset 0
      4011 0000 c0000201 c0000202
      d431 0035 0100 0000         // UDP 54321 > 53, length 256: the rest is in later fragments
      00010100000100000000000000  // the start of a DNS query, id 1
    `);
    const { layers, truncated } = dissectLayers(packet, 'ipv4');
    expect(layers[0]).toMatchObject({ moreFragments: true, fragmentOffset: 0 });
    expect(layers.map((layer) => layer.kind)).toEqual(['ipv4', 'udp', 'dns']);
    expect(truncated).toBe('udp: length 256, 21 bytes present');
  });

  it('does not follow a later fragment: it carries no transport header', () => {
    // IP (tos 0x0, ttl 64, id 43981, offset 1480, flags [none], proto UDP (17), length 32, bad cksum 0 (->4a43)!)
    //     192.0.2.1 > 192.0.2.2: ip-proto-17
    const packet = hex(`
      45000020 abcd
      00b9      // offset 185 * 8 = 1480 bytes
      4011 0000 c0000201 c0000202
      000102030405060708090a0b
    `);
    const { layer, payload, next } = decodeIpv4(packet);
    expect(layer.fragmentOffset).toBe(1480);
    expect(next).toBeUndefined();
    expect(payload.length).toBe(12);
    expect(dissectLayers(packet, 'ipv4').layers.map((each) => each.kind)).toEqual(['ipv4', 'payload']);
  });

  it('reads a total length of 0 (TCP segmentation offload) as the captured length', () => {
    // tcpdump 4.99.3: IP bad-len 0 (Wireshark: "may be caused by TCP segmentation offload")
    const packet = hex(`
      45000000 abcd 4000 4006 0000 c0000201 c0000202 // total length 0
      c350 01bb 00000001 00000000 5010 fffe 0000 0000 // TCP 50000 > 443, ACK
      616263                                          // 3 bytes of data
    `);
    const { layers, truncated } = dissectLayers(packet, 'ipv4');
    expect(truncated).toBeUndefined();
    expect(layers[1]).toMatchObject({ kind: 'tcp', payloadLength: 3 });
  });

  it('reports a total length shorter than the header and stops', () => {
    // IP bad-len 12
    const { layer, next } = decodeIpv4(hex('4500000c abcd 4000 4006 0000 c0000201 c0000202'));
    expect(layer.truncated).toBe('ipv4: total length 12 < header length 20');
    expect(next).toBeUndefined();
  });

  it('reports a total length beyond the captured bytes and goes on with what is there', () => {
    // ipv4_invalid_total_length.pcap with -v:
    // IP [total length 85 > length 84] (invalid) (tos 0x0, ttl 64, id 61862, offset 0, flags [none], proto UDP (17), length 85)
    //     140.211.9.206.39095 > 45.33.127.156.53: 37546+ [1au] A? www.tcpdump.org. (56)
    const packet = dissect(readPcap(corpusPath('tcpdump/ipv4_invalid_total_length.pcap'))[0]!);
    expect(packet.truncated).toBe('ipv4: total length 85, 84 bytes present');
    expect(findLayer(packet.layers, 'dns')?.questions[0]?.name).toBe('www.tcpdump.org');
  });

  it('reports a bad version, a short header and a header length below 20', () => {
    expect(decodeIpv4(hex('65000014 0000 0000 4011 0000 c0000201 c0000202')).layer.truncated).toBe(
      'ipv4: version 6 != 4',
    );
    expect(decodeIpv4(hex('45000014 0000')).layer).toMatchObject({
      totalLength: 20,
      truncated: 'ipv4: header needs 20 bytes, 6 present',
    });
    expect(decodeIpv4(hex('44000014 0000 0000 4011 0000 c0000201 c0000202')).layer.truncated).toBe(
      'ipv4: header length 16 < 20',
    );
    expect(decodeIpv4(hex('4f000014 0000 0000 4011 0000 c0000201 c0000202')).layer.truncated).toBe(
      'ipv4: header with options needs 60 bytes, 20 present',
    );
  });
});

const ipv6Header = '20010db8000000000000000000000001 20010db8000000000000000000000002';

describe('ipv6', () => {
  it('walks hop-by-hop, destination options and a first fragment to UDP', () => {
    // IP6 (hlim 64, next-header Options (0) payload length: 45) 2001:db8::1 > 2001:db8::2: HBH (padn) DSTOPT (padn) frag (0x12345678:0|21) 54321 > 53: 1+ [|domain]
    const packet = hex(`
      6000 0000 // version 6, traffic class 0, flow label 0
      002d      // payload length 45
      00        // next header: hop-by-hop options
      40        // hop limit 64
      ${ipv6Header}
      3c00 0104 00000000  // hop-by-hop: next 60 (destination options), length 8, PadN
      2c00 0104 00000000  // destination options: next 44 (fragment), length 8, PadN
      1100 0001 12345678  // fragment: next 17 (UDP), offset 0, more fragments, id 0x12345678
      d431 0035 0015 0000 00010100000100000000000000 // UDP 54321 > 53, length 21; DNS header
    `);
    const { layer, next, payload } = decodeIpv6(packet);
    expect(layer).toMatchObject({
      kind: 'ipv6',
      payloadLength: 45,
      nextHeader: 0,
      hopLimit: 64,
      source: '2001:db8::1',
      destination: '2001:db8::2',
      protocol: 17,
      fragment: { offset: 0, moreFragments: true, identification: 0x12345678 },
      truncated: undefined,
    });
    expect(layer.extensionHeaders).toEqual([
      { type: 0, length: 8 },
      { type: 60, length: 8 },
      { type: 44, length: 8 },
    ]);
    expect(next).toEqual({ table: 'ip-protocol', value: 17 });
    expect(payload.length).toBe(21);
    expect(dissectLayers(packet, 'ipv6').layers.map((each) => each.kind)).toEqual(['ipv6', 'udp', 'dns']);
  });

  it('stops at a fragment with a non-zero offset', () => {
    // IP6 (hlim 64, next-header Fragment (44) payload length: 16) 2001:db8::1 > 2001:db8::2: frag (0x12345678:1448|8)
    const packet = hex(`
      6000 0000 0010 2c 40 ${ipv6Header}
      1100 05a8 12345678 // fragment: next 17, offset 181 * 8 = 1448, last fragment
      0102030405060708   // 8 bytes of the UDP datagram's middle
    `);
    const { layer, next, payload } = decodeIpv6(packet);
    expect(layer.fragment).toEqual({ offset: 1448, moreFragments: false, identification: 0x12345678 });
    expect(layer.protocol).toBe(17);
    expect(next).toBeUndefined();
    expect(payload.length).toBe(8);
  });

  it('skips an authentication header, whose length counts 4-byte words', () => {
    // IP6 (hlim 64, next-header AH (51) payload length: 37) 2001:db8::1 > 2001:db8::2: AH(length=4(24-bytes),spi=0x00000100,seq=0x1,icv=0x000102030405060708090a0b): 54321 > 53: [bad udp cksum 0x0000 -> 0xcef7!] domain [length 5 < 12] (invalid)
    const packet = hex(`
      6000 0000 0025 33 40 ${ipv6Header}
      1104 0000 00000100 00000001 000102030405060708090a0b // AH: next 17, length (4 + 2) * 4 = 24
      d431 0035 000d 0000 0001010000                      // UDP, 5 bytes of DNS
    `);
    const { layer, next } = decodeIpv6(packet);
    expect(layer.extensionHeaders).toEqual([{ type: 51, length: 24 }]);
    expect(next).toEqual({ table: 'ip-protocol', value: 17 });
    expect(dissectLayers(packet, 'ipv6').truncated).toBe('dns: header needs 12 bytes, 5 present');
  });

  it('stops at No Next Header', () => {
    const { layer, next } = decodeIpv6(hex(`6000 0000 0000 3b 40 ${ipv6Header}`));
    expect(layer.protocol).toBe(59);
    expect(next).toBeUndefined();
  });

  it('shares one empty array among packets without extension headers', () => {
    const first = decodeIpv6(hex(`6000 0000 0000 3b 40 ${ipv6Header}`)).layer.extensionHeaders;
    const second = decodeIpv6(hex(`6000 0000 0008 11 40 ${ipv6Header} 0035 0035 0008 0000`)).layer
      .extensionHeaders;
    expect(first).toBe(second);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reports an extension header that runs past the payload', () => {
    const { layer, next } = decodeIpv6(hex(`6000 0000 0008 00 40 ${ipv6Header} 3c05 0104 00000000`));
    expect(layer.truncated).toBe('ipv6: extension header 0 needs 48 bytes, 8 present');
    expect(next).toBeUndefined();
  });

  it('reports a payload length beyond the captured bytes, and a bad version', () => {
    expect(decodeIpv6(hex(`6000 0000 0100 3b 40 ${ipv6Header}`)).layer.truncated).toBe(
      'ipv6: payload length 256, 0 bytes present',
    );
    // ipv6-bad-version.pcap frame 2: IP6  [version 0 != 6] (invalid)
    expect(dissect(readPcap(corpusPath('tcpdump/ipv6-bad-version.pcap'))[1]!).truncated).toBe(
      'ipv6: version 0 != 6',
    );
  });

  it('decodes a fragmented DNS response (Zeek ipv6-fragmented-dns.pcap)', () => {
    const packets = readPcap(corpusPath('zeek/Traces/ipv6-fragmented-dns.pcap')).map(dissect);
    // Frame 6: IP6 (hlim 53, next-header Fragment (44) payload length: 1440) 2607:f740:b::f93 > 2001:470:1f11:81f:d138:5f55:6d4:1fe2: frag (0x00000002:0|1432) 53 > 51851: 40849*- 1/1/2 txtpadding_323...
    const first = packets[5]!;
    expect(findLayer(first.layers, 'ipv6')?.fragment).toEqual({
      offset: 0,
      moreFragments: true,
      identification: 2,
    });
    expect(findLayer(first.layers, 'udp')).toMatchObject({ sourcePort: 53, destinationPort: 51851 });
    expect(findLayer(first.layers, 'dns')).toMatchObject({ id: 40849, response: true });
    // Frame 7: ... frag (0x00000002:1432|1432)
    const middle = packets[6]!;
    expect(findLayer(middle.layers, 'ipv6')?.fragment).toEqual({
      offset: 1432,
      moreFragments: true,
      identification: 2,
    });
    expect(middle.layers.map((each) => each.kind)).toEqual(['ethernet', 'ipv6', 'payload']);
  });

  it('walks a routing header (tcpdump ipv6-routing-header.pcap)', () => {
    // IP6 2200::244:212:3fff:feae:22f7 > 2200::240:2:0:0:4: RT6 (len=2, type=0 [Deprecated], segleft=1, [0]2200::210:2:0:0:4) ICMP6, echo request, id 0, seq 0, length 8
    const packet = dissect(readPcap(corpusPath('tcpdump/ipv6-routing-header.pcap'))[0]!);
    const ipv6 = findLayer(packet.layers, 'ipv6');
    expect(ipv6).toMatchObject({
      source: '2200::244:212:3fff:feae:22f7',
      destination: '2200::240:2:0:0:4',
      protocol: 58,
    });
    expect(ipv6?.extensionHeaders).toEqual([{ type: 43, length: 24 }]);
    expect(findLayer(packet.layers, 'icmpv6')).toMatchObject({ type: 128, identifier: 0, sequence: 0 });
  });
});
