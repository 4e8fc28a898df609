// Link-layer decoders: Ethernet and 802.3, VLAN tags (802.1Q, 802.1ad QinQ), Linux cooked
// captures v1 and v2, BSD loopback in both byte orders, and the raw IP link types.
import { describe, expect, it } from 'vitest';
import { decodeEthernet } from '../../electron/common/decode/ethernet';
import { decodeLinuxSll } from '../../electron/common/decode/linux-sll';
import { decodeLinuxSll2 } from '../../electron/common/decode/linux-sll2';
import { decodeLoopback } from '../../electron/common/decode/loopback';
import { rawIpNextKey } from '../../electron/common/decode/raw-ip';
import { decodeVlan8021ad, decodeVlan8021Q } from '../../electron/common/decode/vlan';
import { dissect } from '../../electron/common/decode/dissect';
import { findLayer } from '../../electron/common/model/packet';
import { corpusPath, hex, readPcap } from './read-pcap';

describe('ethernet', () => {
  it('reads the addresses and the EtherType, and hands the rest to the EtherType table', () => {
    // 00:00:5e:00:53:02 > 00:00:5e:00:53:0f, ethertype IPv4 (0x0800), length 18:  [|ip]
    const frame = hex(`
      00005e00530f // destination
      00005e005302 // source
      0800         // EtherType: IPv4
      45000014     // first bytes of the IPv4 header
    `);
    const { layer, payload, next } = decodeEthernet(frame);
    expect(layer).toMatchObject({ kind: 'ethernet', etherType: 0x0800, truncated: undefined });
    expect([...layer.destination]).toEqual([0, 0, 0x5e, 0, 0x53, 0x0f]);
    expect([...layer.source]).toEqual([0, 0, 0x5e, 0, 0x53, 0x02]);
    expect(next).toEqual({ table: 'ethertype', value: 0x0800 });
    expect([...payload]).toEqual([0x45, 0, 0, 0x14]);
    // Views into the frame, not copies.
    expect(payload.buffer).toBe(frame.buffer);
    expect(layer.source.byteOffset).toBe(frame.byteOffset + 6);
  });

  it('takes a value below 0x0600 as an 802.3 length and trims the padding after it', () => {
    // 00:00:5e:00:53:02 > 01:80:c2:00:00:00, 802.3, length 3: LLC, dsap STP (0x42) Individual, ssap STP (0x42) Command, ctrl 0x03:  (invalid)
    const frame = hex(`
      0180c2000000 // destination (STP multicast)
      00005e005302 // source
      0003         // 802.3 length: 3 bytes of LLC follow
      424203       // LLC: DSAP 0x42, SSAP 0x42, control 0x03
      0000         // padding
    `);
    const { layer, payload, next } = decodeEthernet(frame);
    expect(layer.etherType).toBe(3);
    expect(next).toBeUndefined();
    expect([...payload]).toEqual([0x42, 0x42, 0x03]);
  });

  it('reports a frame shorter than its header', () => {
    const { layer, payload, next } = decodeEthernet(hex('00005e00530f 00005e00'));
    expect(layer.truncated).toBe('ethernet: header needs 14 bytes, 10 present');
    expect(layer.destination.length).toBe(6);
    expect(layer.source.length).toBe(4);
    expect(payload.length).toBe(0);
    expect(next).toBeUndefined();
  });
});

describe('vlan', () => {
  it('reads priority, drop eligibility and VLAN id of one tag', () => {
    // (in a frame) ... ethertype 802.1Q (0x8100), length 18: vlan 100, p 5, DEI, ethertype IPv6 (0x86dd),  [|ip6]
    const tag = hex(`
      b064 // TCI: PCP 5 (101), DEI 1, VID 100 (0x064)
      86dd // EtherType of what follows: IPv6
    `);
    const { layer, next } = decodeVlan8021Q(tag);
    expect(layer).toMatchObject({
      kind: 'vlan',
      tagProtocol: 0x8100,
      priority: 5,
      dropEligible: true,
      vlanId: 100,
      etherType: 0x86dd,
    });
    expect(next).toEqual({ table: 'ethertype', value: 0x86dd });
  });

  it('follows stacked QinQ tags, outermost first (hand-built)', () => {
    // 00:00:5e:00:53:02 > 00:00:5e:00:53:0f, ethertype 802.1Q-QinQ (0x88a8), length 42: vlan 10, p 0, ethertype 802.1Q (0x8100), vlan 20, p 0, ethertype IPv4 (0x0800), 192.0.2.1 > 192.0.2.2:  ip-proto-253 0
    const frame = hex(`
      00005e00530f 00005e005302 // destination, source
      88a8                      // EtherType: 802.1ad service tag
      000a 8100                 // S-tag: VID 10; then a C-tag
      0014 0800                 // C-tag: VID 20; then IPv4
      45000014 00010000 40fd0000 c0000201 c0000202 // IPv4: 20 bytes, protocol 253 (experimental)
    `);
    const packet = dissect({
      number: 1,
      seconds: 0,
      nanoseconds: 0,
      capturedLength: frame.length,
      originalLength: frame.length,
      linkType: 1,
      interfaceIndex: 0,
      data: frame,
    });
    expect(packet.layers.map((layer) => layer.kind)).toEqual(['ethernet', 'vlan', 'vlan', 'ipv4']);
    expect(packet.layers[1]).toMatchObject({ tagProtocol: 0x88a8, vlanId: 10, etherType: 0x8100 });
    expect(packet.layers[2]).toMatchObject({ tagProtocol: 0x8100, vlanId: 20, etherType: 0x0800 });
    expect(packet.truncated).toBeUndefined();
  });

  it('decodes the QinQ captures of tcpdump and Zeek', () => {
    // tcpdump 802.1ad_QinQ.pcap, frame 1 with -e:
    // 00:20:d2:5a:fb:3f > ff:ff:ff:ff:ff:ff, ethertype 802.1Q-QinQ (0x88a8), length 64: vlan 200, p 0, ethertype 802.1Q (0x8100), vlan 2001, p 0, ethertype ARP (0x0806), Request who-has 172.21.79.100 tell 172.21.79.97, length 42
    for (const path of ['tcpdump/802.1ad_QinQ.pcap', 'zeek/Traces/q-in-q.pcap']) {
      const packets = readPcap(corpusPath(path)).map(dissect);
      const tagged = packets.filter(
        (packet) => packet.layers.filter((layer) => layer.kind === 'vlan').length >= 2,
      );
      expect(tagged.length, path).toBeGreaterThan(0);
      for (const packet of tagged) {
        const outer = findLayer(packet.layers, 'vlan');
        expect([0x88a8, 0x8100, 0x9100]).toContain(outer?.tagProtocol);
      }
    }
    const first = dissect(readPcap(corpusPath('tcpdump/802.1ad_QinQ.pcap'))[0]!);
    expect(first.layers.slice(1, 3)).toMatchObject([
      { kind: 'vlan', tagProtocol: 0x88a8, vlanId: 200, priority: 0, etherType: 0x8100 },
      { kind: 'vlan', tagProtocol: 0x8100, vlanId: 2001, priority: 0, etherType: 0x0806 },
    ]);
    // ARP has no decoder: its bytes stay as the payload.
    expect(first.layers.map((layer) => layer.kind)).toEqual(['ethernet', 'vlan', 'vlan', 'payload']);
  });

  it('reads the 802.1ad tag decoder with its own TPID', () => {
    expect(decodeVlan8021ad(hex('0005 0800')).layer).toMatchObject({ tagProtocol: 0x88a8, vlanId: 5 });
  });

  it('reports a cut tag', () => {
    expect(decodeVlan8021Q(hex('00')).layer.truncated).toBe('vlan: tag needs 4 bytes, 1 present');
  });
});

describe('linux cooked captures', () => {
  it('reads SLL v1 (tcp-handshake-nano.pcap, frame 1)', () => {
    // 17:16:09.924505 Out ethertype IPv4 (0x0800), length 76: 131.155.215.69.46656 > 137.116.81.94.80: Flags [S], ...
    const header = hex(`
      0004             // packet type 4: sent by us ("Out")
      0200             // ARPHRD_ type 512 (ARPHRD_NONE)
      0000             // address length 0
      0000000000000000 // address (padding)
      0800             // protocol: IPv4
    `);
    const { layer, next, payload } = decodeLinuxSll(header);
    expect(layer).toMatchObject({ kind: 'linux-sll', packetType: 4, addressType: 0x200, protocol: 0x0800 });
    expect(layer.address.length).toBe(0);
    expect(next).toEqual({ table: 'ethertype', value: 0x0800 });
    expect(payload.length).toBe(0);
    const frame = readPcap(corpusPath('tcpdump/tcp-handshake-nano.pcap'))[0]!;
    expect(frame.linkType).toBe(113);
    expect([...frame.data.subarray(0, 16)]).toEqual([...header]);
    const packet = dissect(frame);
    expect(packet.layers.map((each) => each.kind)).toEqual(['linux-sll', 'ipv4', 'tcp']);
    expect(findLayer(packet.layers, 'tcp')).toMatchObject({
      sourcePort: 46656,
      destinationPort: 80,
      flags: 0x02,
    });
  });

  it('reads SLL v2 (Zeek linux_dlt_sll2.pcap, frame 1)', () => {
    // 03:30:49.872259 lo    In  ifindex 1 00:00:00:00:00:00 ethertype IPv4 (0x0800), length 104: 192.0.2.1 > 192.0.2.1: ICMP echo request, id 8, seq 1, length 64
    const header = hex(`
      0800             // protocol: IPv4
      0000             // reserved
      00000001         // interface index 1 (lo)
      0304             // ARPHRD_ type 772 (ARPHRD_LOOPBACK)
      00               // packet type 0: to us ("In")
      06               // address length 6
      0000000000000000 // address 00:00:00:00:00:00, padded to 8
    `);
    const { layer, next } = decodeLinuxSll2(header);
    expect(layer).toMatchObject({
      kind: 'linux-sll2',
      protocol: 0x0800,
      interfaceIndex: 1,
      addressType: 772,
      packetType: 0,
    });
    expect(layer.address.length).toBe(6);
    expect(next).toEqual({ table: 'ethertype', value: 0x0800 });
    const frames = readPcap(corpusPath('zeek/Traces/linux_dlt_sll2.pcap'));
    expect([...frames[0]!.data.subarray(0, 20)]).toEqual([...header]);
    const packet = dissect(frames[0]!);
    expect(packet.layers.map((each) => each.kind)).toEqual(['linux-sll2', 'ipv4', 'icmp']);
    expect(findLayer(packet.layers, 'icmp')).toMatchObject({ type: 8, identifier: 8, sequence: 1 });
    // 03:31:04.088564 lo    In  ifindex 1 ... ethertype IPv6 (0x86dd), length 124: fe80::8c36:6ff:fe44:acaf > fe80::8c36:6ff:fe44:acaf: ICMP6, echo request, id 9, seq 1, length 64
    const ipv6 = frames.map(dissect).find((each) => findLayer(each.layers, 'ipv6'));
    expect(findLayer(ipv6?.layers, 'ipv6')?.source).toBe('fe80::8c36:6ff:fe44:acaf');
    expect(findLayer(ipv6?.layers, 'icmpv6')).toMatchObject({ type: 128, identifier: 9, sequence: 1 });
  });

  it('does not follow a netlink protocol or an LLC one as an EtherType', () => {
    expect(decodeLinuxSll(hex('0000 0338 0000 0000000000000000 0000')).next).toBeUndefined(); // ARPHRD_NETLINK
    expect(decodeLinuxSll(hex('0000 0001 0006 00005e0053020000 0004')).next).toBeUndefined(); // ETH_P_802_2
    expect(decodeLinuxSll2(hex('0800 0000 00000001 0338 00 00 0000000000000000')).next).toBeUndefined();
  });

  it('reports cut headers', () => {
    expect(decodeLinuxSll(hex('0004 0200')).layer.truncated).toBe(
      'linux-sll: header needs 16 bytes, 4 present',
    );
    expect(decodeLinuxSll2(hex('0800 0000 00000001')).layer).toMatchObject({
      interfaceIndex: 1,
      truncated: 'linux-sll2: header needs 20 bytes, 8 present',
    });
  });
});

describe('loopback', () => {
  it('reads the family in host byte order (LINKTYPE_NULL from a little-endian host)', () => {
    // dns-svcb.pcap: AF IPv4 (2), length 84: 127.0.0.1.57549 > 127.0.0.1.53: 51556+ [1au] Type64? example.com. (52)
    const { layer, next } = decodeLoopback(hex('02000000 // AF_INET, little-endian'));
    expect(layer).toMatchObject({ kind: 'loopback', family: 2 });
    expect(next).toEqual({ table: 'address-family', value: 2 });
    const packet = dissect(readPcap(corpusPath('zeek/Traces/dns-svcb.pcap'))[0]!);
    expect(packet.layers.map((each) => each.kind)).toEqual(['loopback', 'ipv4', 'udp', 'dns']);
  });

  it('reads the family in network byte order (LINKTYPE_LOOP, big-endian hosts)', () => {
    expect(decodeLoopback(hex('0000001e // 30: AF_INET6 on Darwin')).layer.family).toBe(30);
    expect(
      decodeLoopback(hex('18000000 // 24: AF_INET6 on the other BSDs, little-endian')).layer.family,
    ).toBe(24);
  });

  it('takes IPv6 for families 24, 28 and 30, under link types 0 and 108', () => {
    // AF IPv6 (28), length 44: ::1 > ::1: no next header
    const ipv6 = hex('60000000 0000 3b 40 00000000000000000000000000000001 00000000000000000000000000000001');
    for (const [linkType, family] of [
      [0, '1c000000'],
      [108, '0000001c'],
      [0, '1e000000'],
      [108, '00000018'],
    ] as const) {
      const data = new Uint8Array([...hex(family), ...ipv6]);
      const packet = dissect({
        number: 1,
        seconds: 0,
        nanoseconds: 0,
        capturedLength: data.length,
        originalLength: data.length,
        linkType,
        interfaceIndex: 0,
        data,
      });
      expect(packet.layers.map((each) => each.kind)).toEqual(['loopback', 'ipv6']);
    }
  });

  it('reports a cut family', () => {
    expect(decodeLoopback(hex('0200')).layer.truncated).toBe(
      'loopback: address family needs 4 bytes, 2 present',
    );
  });
});

describe('raw IP', () => {
  it('picks IPv4 or IPv6 by the version nibble for LINKTYPE_RAW', () => {
    expect(rawIpNextKey(hex('45'))).toEqual({ table: 'ethertype', value: 0x0800 });
    expect(rawIpNextKey(hex('60'))).toEqual({ table: 'ethertype', value: 0x86dd });
    expect(rawIpNextKey(hex('30'))).toBeUndefined();
    expect(rawIpNextKey(new Uint8Array(0))).toBeUndefined();
  });

  it('decodes the raw IP captures (101, 228, 229)', () => {
    // LINKTYPE_RAW_ipv4: IP 192.168.1.100.12345 > 9.9.9.9.53: 4660+ A? example.com. (29)
    // LINKTYPE_RAW_ipv6: IP6 2001:db8::1.12345 > 2620:fe::9.53: 4660+ A? example.com. (29)
    const v4 = dissect(readPcap(corpusPath('tcpdump/LINKTYPE_RAW_ipv4.pcap'))[0]!);
    expect(v4.layers.map((each) => each.kind)).toEqual(['ipv4', 'udp', 'dns']);
    expect(findLayer(v4.layers, 'ipv4')).toMatchObject({ source: '192.168.1.100', destination: '9.9.9.9' });
    const v6 = dissect(readPcap(corpusPath('tcpdump/LINKTYPE_RAW_ipv6.pcap'))[0]!);
    expect(findLayer(v6.layers, 'ipv6')).toMatchObject({ source: '2001:db8::1', destination: '2620:fe::9' });
    expect(findLayer(v6.layers, 'dns')?.questions[0]).toMatchObject({ name: 'example.com', type: 1 });
    for (const path of ['tcpdump/LINKTYPE_IPV4.pcap', 'tcpdump/LINKTYPE_IPV6.pcap']) {
      const packet = dissect(readPcap(corpusPath(path))[0]!);
      expect(packet.truncated, path).toBeUndefined();
      expect(
        packet.layers.some((each) => each.kind === 'dns'),
        path,
      ).toBe(true);
    }
  });

  it('reports the wrong version under the fixed link types, as tcpdump does', () => {
    // LINKTYPE_IPV4_invalid: IP  [version 6 != 4] (invalid)
    expect(dissect(readPcap(corpusPath('tcpdump/LINKTYPE_IPV4_invalid.pcap'))[0]!).truncated).toBe(
      'ipv4: version 6 != 4',
    );
    // LINKTYPE_IPV6_invalid: IP6  [version 4 != 6] (invalid)
    expect(dissect(readPcap(corpusPath('tcpdump/LINKTYPE_IPV6_invalid.pcap'))[0]!).truncated).toBe(
      'ipv6: version 4 != 6',
    );
  });
});
