// ICMP and ICMPv6 decoders: every field they break out, the quoted datagram of errors, and
// the name tables.
import { describe, expect, it } from 'vitest';
import { dissect, dissectLayers } from '../../electron/common/decode/dissect';
import { decodeIcmp, isIcmpError } from '../../electron/common/decode/icmp';
import {
  icmpCodeName,
  icmpTypeName,
  icmpv6CodeName,
  icmpv6TypeName,
} from '../../electron/common/decode/icmp-names';
import { decodeIcmpv6, isIcmpv6Error } from '../../electron/common/decode/icmpv6';
import { findLayer } from '../../electron/common/model/packet';
import { corpusPath, hex, readPcap } from './read-pcap';

/** An IPv4 + TCP header from 192.0.2.1.50000 to 203.0.113.80.443, the datagram the errors below quote. */
const quotedTcp = `
  45000028 0001 4000 4006 0000 c0000201 cb007150 // IPv4 192.0.2.1 > 203.0.113.80, TCP
  c350 01bb 00000001 00000000 5010 fffe 0000 0000 // TCP 50000 > 443, ACK
`;

describe('icmp', () => {
  it('reads fragmentation needed with its next-hop MTU (RFC 1191) and quotes the datagram', () => {
    // IP 198.51.100.1 > 192.0.2.1: ICMP 203.0.113.80 unreachable - need to frag (mtu 1400), length 48
    const packet = hex(`
      45000044 0002 0000 4001 0000 c6336401 c0000201 // IPv4 198.51.100.1 > 192.0.2.1, ICMP
      03       // type 3: destination unreachable
      04       // code 4: fragmentation needed and DF set
      0000     // checksum
      0000     // unused
      0578     // next-hop MTU 1400
      ${quotedTcp}
    `);
    const { layers, quoted, truncated } = dissectLayers(packet, 'ipv4');
    expect(truncated).toBeUndefined();
    expect(layers[1]).toMatchObject({
      kind: 'icmp',
      type: 3,
      code: 4,
      mtu: 1400,
      identifier: undefined,
      gateway: undefined,
    });
    expect(quoted?.map((layer) => layer.kind)).toEqual(['ipv4', 'tcp']);
    expect(findLayer(quoted, 'tcp')).toMatchObject({ sourcePort: 50000, destinationPort: 443 });
  });

  it('reads the gateway of a redirect', () => {
    // IP 198.51.100.1 > 192.0.2.1: ICMP redirect 203.0.113.80 to host 198.51.100.254, length 48
    const message = hex(`
      05 01 0000 // type 5 redirect, code 1 for the host, checksum
      c63364fe   // gateway 198.51.100.254
      ${quotedTcp}
    `);
    const { layer } = decodeIcmp(message);
    expect(layer).toMatchObject({ type: 5, code: 1, gateway: '198.51.100.254' });
    expect(layer.quoted?.length).toBe(40);
  });

  it('quotes the datagram of time exceeded, and points at the bad octet of a parameter problem', () => {
    // IP 198.51.100.1 > 192.0.2.1: ICMP time exceeded in-transit, length 48
    const exceeded = decodeIcmp(hex(`0b00 0000 00000000 ${quotedTcp}`)).layer;
    expect(exceeded).toMatchObject({ type: 11, code: 0, pointer: undefined });
    expect(exceeded.quoted?.length).toBe(40);
    // IP 198.51.100.1 > 192.0.2.1: ICMP parameter problem - octet 9, length 48
    const problem = decodeIcmp(hex(`0c00 0000 09 000000 ${quotedTcp}`)).layer;
    expect(problem).toMatchObject({ type: 12, code: 0, pointer: 9 });
  });

  it('reads echo and timestamp identifiers; reports a cut timestamp', () => {
    // IP 198.51.100.1 > 192.0.2.1: ICMP time stamp reply id 4660 seq 1: org 00:00:00.100, recv 00:00:00.200, xmit 00:00:00.300, length 20
    const reply = decodeIcmp(
      hex(`
      0e 00 0000 // type 14 timestamp reply
      1234 0001  // identifier 4660, sequence 1
      00000064 000000c8 0000012c // originate 100 ms, receive 200 ms, transmit 300 ms
    `),
    ).layer;
    expect(reply).toMatchObject({
      type: 14,
      identifier: 4660,
      sequence: 1,
      quoted: undefined,
      truncated: undefined,
    });
    expect(reply.body.length).toBe(12);
    // IP 198.51.100.1 > 192.0.2.1:  [|icmp]
    expect(decodeIcmp(hex('0e00 0000 1234 0001 00000064')).layer.truncated).toBe(
      'icmp: type 14 needs 20 bytes, 12 present',
    );
    // tcpdump 4.99.3: ICMP type-#42, length 12 (RFC 8335 extended echo: 8-bit sequence, flags)
    expect(decodeIcmp(hex('2a00 0000 1234 05 01 00000000')).layer).toMatchObject({
      type: 42,
      identifier: 4660,
      sequence: 5,
    });
  });

  it('reports a message shorter than its header', () => {
    // icmp-icmp_print-oobr-1.pcap
    const { layer } = decodeIcmp(hex('0303 00'));
    expect(layer).toMatchObject({
      type: 3,
      code: 3,
      truncated: 'icmp: header needs 8 bytes, 3 present',
      quoted: undefined,
    });
  });

  it('keeps only the original datagram when RFC 4884 gives its length (tcpdump icmp-rfc5837.pcap)', () => {
    // IP 10.4.0.2 > 12.4.4.4: ICMP time exceeded in-transit, length 220
    //   IP (tos 0x0, ttl 1, id 42321, offset 0, flags [none], proto UDP (17), length 40)
    //   12.4.4.4.42315 > 12.1.1.1.33440: UDP, length 12
    //   ICMP Multi-Part extension v2, checksum 0x246c (correct), length 84
    // The capture is PPP (link type 9, which we do not decode): skip its 4-byte header.
    const frame = readPcap(corpusPath('tcpdump/icmp-rfc5837.pcap'))[0]!;
    expect([...frame.data.subarray(0, 4)]).toEqual([0xff, 0x03, 0x00, 0x21]); // PPP, protocol IPv4
    const packet = dissectLayers(frame.data.subarray(4), 'ipv4');
    const icmp = findLayer(packet.layers, 'icmp');
    expect(icmp).toMatchObject({ type: 11, code: 0 });
    expect(icmp?.body.length).toBe(212);
    expect(icmp?.quoted?.length).toBe(128); // length field 32 words; the 84-byte extension follows
    expect(findLayer(packet.quoted, 'udp')).toMatchObject({
      sourcePort: 42315,
      destinationPort: 33440,
      length: 20,
    });
  });

  it('reads the ICMP captures of Zeek', () => {
    // icmp-destunreach-udp.pcap: IP 192.168.1.102 > 192.168.1.1: ICMP 192.168.1.102 udp port 59207 unreachable, length 156
    const unreachable = dissect(readPcap(corpusPath('zeek/Traces/icmp/icmp-destunreach-udp.pcap'))[0]!);
    expect(findLayer(unreachable.layers, 'icmp')).toMatchObject({ type: 3, code: 3 });
    expect(findLayer(unreachable.quoted, 'ipv4')?.destination).toBe('192.168.1.102');
    expect(findLayer(unreachable.quoted, 'udp')?.destinationPort).toBe(59207);
    // icmp-destunreach-no-context.pcap: IP 10.0.0.1 > 10.0.0.2:  [|icmp]
    const noContext = dissect(readPcap(corpusPath('zeek/Traces/icmp/icmp-destunreach-no-context.pcap'))[0]!);
    expect(findLayer(noContext.layers, 'icmp')).toMatchObject({ type: 3 });
    expect(noContext.quoted).toBeUndefined();
    // 5-pings.pcap: ICMP echo request, id 1226, seq 1, length 64 / echo reply, id 1226, seq 1
    const pings = readPcap(corpusPath('zeek/Traces/icmp/5-pings.pcap')).map(dissect);
    expect(findLayer(pings[0]!.layers, 'icmp')).toMatchObject({
      type: 8,
      code: 0,
      identifier: 1226,
      sequence: 1,
    });
    expect(findLayer(pings[1]!.layers, 'icmp')).toMatchObject({ type: 0, identifier: 1226, sequence: 1 });
    expect(findLayer(pings[0]!.layers, 'icmp')?.body.length).toBe(56);
  });

  it('tells error types apart', () => {
    expect([0, 3, 4, 5, 8, 11, 12, 13].map(isIcmpError)).toEqual([
      false,
      true,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect([1, 2, 3, 4, 128, 135].map(isIcmpv6Error)).toEqual([true, true, true, true, false, false]);
  });
});

const a1 = '20010db8000000000000000000000001';
const a53 = '20010db8000000000000000000000053';

describe('icmpv6', () => {
  it('quotes the packet of a port unreachable, down to the DNS query', () => {
    // IP6 (hlim 64, next-header ICMPv6 (58) payload length: 95) 2001:db8::53 > 2001:db8::1: [bad icmp6 cksum 0x0000 -> 0x7e75!] ICMP6, destination unreachable, unreachable port, 2001:db8::53 udp port 53
    const packet = hex(`
      6000 0000 005f 3a 40 ${a53} ${a1} // IPv6 2001:db8::53 > 2001:db8::1, ICMPv6
      01 04 0000 // type 1 destination unreachable, code 4 port unreachable, checksum
      00000000   // unused
      6000 0000 002f 11 40 ${a1} ${a53} // quoted IPv6 2001:db8::1 > 2001:db8::53, UDP
      ccdc 0035 002f 0000               // UDP 52444 > 53
      890c 0100 0001 0000 0000 0000 1179756d6d7972656369706573666f726d6503636f6d00 0001 0001 // 35084+ A? yummyrecipesforme.com.
    `);
    const { layers, quoted } = dissectLayers(packet, 'ipv6');
    expect(layers.map((layer) => layer.kind)).toEqual(['ipv6', 'icmpv6']);
    expect(layers[1]).toMatchObject({ type: 1, code: 4 });
    expect(quoted?.map((layer) => layer.kind)).toEqual(['ipv6', 'udp', 'dns']);
    expect(findLayer(quoted, 'dns')).toMatchObject({
      id: 35084,
      questions: [{ name: 'yummyrecipesforme.com', type: 1, class: 1 }],
    });
  });

  it('reads the MTU of packet too big and the pointer of a parameter problem', () => {
    // IP6 2001:db8::53 > 2001:db8::1: ICMP6, packet too big, mtu 1280, length 48
    expect(decodeIcmpv6(hex(`0200 0000 00000500 6000 0000 0000 3b 40 ${a1} ${a53}`)).layer).toMatchObject({
      type: 2,
      mtu: 1280,
    });
    // IP6 2001:db8::53 > 2001:db8::1: ICMP6, parameter problem, next header - octet 6, length 48
    const problem = decodeIcmpv6(hex(`0401 0000 00000006 6000 0000 0000 fd 40 ${a1} ${a53}`)).layer;
    expect(problem).toMatchObject({ type: 4, code: 1, pointer: 6 });
    expect(problem.quoted?.length).toBe(40);
  });

  it('reads the target of neighbor solicitation and the two addresses of a redirect', () => {
    // IP6 2001:db8::1 > ff02::1:ff00:53: ICMP6, neighbor solicitation, who has 2001:db8::53, length 32
    const solicitation = decodeIcmpv6(
      hex(`
      87 00 0000 00000000 // type 135, code 0, checksum, reserved
      ${a53}              // target 2001:db8::53
      0101 00005e005301   // option: source link-layer address
    `),
    ).layer;
    expect(solicitation).toMatchObject({
      kind: 'icmpv6',
      type: 135,
      address: '2001:db8::53',
      quoted: undefined,
    });
    expect(solicitation.body.length).toBe(24);
    // IP6 2001:db8::53 > 2001:db8::1: ICMP6, redirect, 2001:db8::53 to fe80::1, length 40
    const redirect = decodeIcmpv6(hex(`89 00 0000 00000000 fe800000000000000000000000000001 ${a53}`)).layer;
    expect(redirect).toMatchObject({ type: 137, gateway: 'fe80::1', address: '2001:db8::53' });
  });

  it('reports neighbor discovery messages too short for their addresses (Zeek icmp6-nd-short-options.pcap)', () => {
    // IP6 fe80::1 > fe80::2: ICMP6, neighbor advertisement [|icmp6]
    const packets = readPcap(corpusPath('zeek/Traces/icmp/icmp6-nd-short-options.pcap')).map(dissect);
    expect(packets[2]!.truncated).toBe('icmpv6: type 136 needs 24 bytes, 16 present');
    expect(findLayer(packets[2]!.layers, 'icmpv6')?.address).toBeUndefined();
  });

  it('reads the ICMPv6 captures of Zeek', () => {
    const first = (name: string) =>
      findLayer(dissect(readPcap(corpusPath(`zeek/Traces/icmp/${name}`))[0]!).layers, 'icmpv6');
    // icmp6-toobig.pcap: ICMP6, packet too big, mtu 1280, length 60
    expect(first('icmp6-toobig.pcap')).toMatchObject({ type: 2, mtu: 1280 });
    // icmp6-paramprob.pcap: ICMP6, parameter problem, erroneous - octet 6, length 60
    expect(first('icmp6-paramprob.pcap')).toMatchObject({ type: 4, code: 0, pointer: 6 });
    // icmp6-neighbor-advert.pcap: ICMP6, neighbor advertisement, tgt is fe80::babe, length 24
    expect(first('icmp6-neighbor-advert.pcap')).toMatchObject({ type: 136, address: 'fe80::babe' });
    // icmp6-neighbor-solicit.pcap: ICMP6, neighbor solicitation, who has fe80::babe, length 24
    expect(first('icmp6-neighbor-solicit.pcap')).toMatchObject({ type: 135, address: 'fe80::babe' });
    // icmp6-redirect.pcap: ICMP6, redirect, fe80::babe to fe80::cafe, length 40
    expect(first('icmp6-redirect.pcap')).toMatchObject({
      type: 137,
      address: 'fe80::babe',
      gateway: 'fe80::cafe',
    });
    // icmp6-mldv1.pcap: ICMP6, multicast listener reportmax resp delay: 0 addr: ff02::1:ff9a:3b7c, length 24
    expect(first('icmp6-mldv1.pcap')).toMatchObject({ type: 131, address: 'ff02::1:ff9a:3b7c' });
    // icmp6-mld-query.pcap: HBH ICMP6, multicast listener querymax resp delay: 10000 addr: ::, length 24
    expect(first('icmp6-mld-query.pcap')).toMatchObject({ type: 130, address: '::' });
    // icmp6-mldv2.pcap: ICMP6, multicast listener report v2, 4 group record(s), length 152
    expect(first('icmp6-mldv2.pcap')).toMatchObject({ type: 143 });
    // icmp6-ping.pcap: ICMP6, echo request, id 1, seq 3, length 40
    expect(first('icmp6-ping.pcap')).toMatchObject({ type: 128, identifier: 1, sequence: 3 });
    // icmp6-timeexceeded.pcap: ICMP6, time exceeded in-transit for fe80::dead, length 60
    const exceeded = dissect(readPcap(corpusPath('zeek/Traces/icmp/icmp6-timeexceeded.pcap'))[0]!);
    expect(findLayer(exceeded.layers, 'icmpv6')).toMatchObject({ type: 3, code: 0 });
    expect(findLayer(exceeded.quoted, 'ipv6')?.destination).toBe('fe80::dead');
  });

  it('reports a message shorter than its header', () => {
    expect(decodeIcmpv6(hex('80')).layer).toMatchObject({
      type: 128,
      truncated: 'icmpv6: header needs 8 bytes, 1 present',
    });
  });
});

describe('icmp names', () => {
  it('names every ICMP type and code tcpdump names, in its words', () => {
    expect(icmpTypeName(0)).toBe('echo reply');
    expect(icmpTypeName(3)).toBe('destination unreachable');
    expect(icmpTypeName(13)).toBe('time stamp request');
    expect(icmpTypeName(99)).toBe('type-#99');
    expect(icmpCodeName(3, 3)).toBe('port unreachable');
    expect(icmpCodeName(3, 4)).toBe('need to frag');
    expect(icmpCodeName(3, 13)).toBe('host unreachable - admin prohibited filter');
    expect(icmpCodeName(11, 0)).toBe('time exceeded in-transit');
    expect(icmpCodeName(11, 1)).toBe('ip reassembly time exceeded');
    expect(icmpCodeName(5, 3)).toBe('redirect-tos to host');
    expect(icmpCodeName(3, 16)).toBeUndefined();
    for (const type of [0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18])
      expect(icmpTypeName(type)).not.toMatch(/^type-#/);
    for (let code = 0; code <= 15; code++) expect(icmpCodeName(3, code)).toBeDefined();
  });

  it('names every ICMPv6 type and code', () => {
    expect(icmpv6TypeName(1)).toBe('destination unreachable');
    expect(icmpv6TypeName(3)).toBe('time exceeded in-transit');
    expect(icmpv6TypeName(143)).toBe('multicast listener report v2');
    expect(icmpv6TypeName(250)).toBe('unknown icmp6 type (250)');
    expect(icmpv6CodeName(1, 4)).toBe('unreachable port');
    expect(icmpv6CodeName(1, 1)).toBe('unreachable prohibited');
    expect(icmpv6CodeName(3, 1)).toBe('fragment reassembly time exceeded');
    expect(icmpv6CodeName(4, 3)).toBe('incomplete header chain');
    for (const type of [1, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 143])
      expect(icmpv6TypeName(type)).not.toMatch(/^unknown/);
    for (let code = 0; code <= 8; code++) expect(icmpv6CodeName(1, code)).toBeDefined();
  });
});
