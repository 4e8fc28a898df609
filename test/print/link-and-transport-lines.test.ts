import { describe, expect, it } from 'vitest';
import { PacketPrinter } from '../../electron/common/print/packet-printer';
import type { PrintOptions } from '../../electron/common/print/print-options';
import { bytesFromHex, frameFromHex, type FixtureOptions } from './support/frame-fixture';
import { dnsQuery } from './support/scenario-frames';
import { plainUdp, tcpAck, tcpSyn, tcpSynAck } from './support/tcp-frames';

// Expected lines are what tcpdump 4.99.3 (`TZ=UTC tcpdump -n`) prints for the same bytes.

function printAll(hexes: string[], options: PrintOptions = {}, fixture: FixtureOptions = {}): string[] {
  const printer = new PacketPrinter({ timestamp: 'none', ...options });
  return hexes.map((hex) => printer.format({ frame: frameFromHex(hex, fixture), layers: [] }));
}

/** The scenario query without its Ethernet header: what a raw-IP capture holds. */
const ipQuery = Array.from(bytesFromHex(dnsQuery).subarray(14), (byte) =>
  byte.toString(16).padStart(2, '0'),
).join(' ');
const query = '192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)';

describe('TCP, UDP and link-level lines', () => {
  it('prints TCP flags, options and sequence numbers relative to the handshake', () => {
    expect(printAll([tcpSyn, tcpSynAck, tcpAck])).toEqual([
      'IP 192.51.100.15.40001 > 203.0.113.2.53: Flags [S], seq 1000, win 65535, options [mss 1460,sackOK,TS val 10 ecr 0,nop,wscale 7], length 0',
      'IP 203.0.113.2.53 > 192.51.100.15.40001: Flags [S.], seq 5000, ack 1001, win 65535, options [mss 1460], length 0',
      'IP 192.51.100.15.40001 > 203.0.113.2.53: Flags [.], ack 1, win 65535, length 0',
    ]);
  });

  it('verifies the TCP checksum with -v', () => {
    expect(printAll([tcpSynAck], { verbosity: 2 })[0]).toBe(
      'IP (tos 0x0, ttl 64, id 10, offset 0, flags [none], proto TCP (6), length 44)\n' +
        '    203.0.113.2.53 > 192.51.100.15.40001: Flags [S.], cksum 0x83e9 (correct), seq 5000, ack 1001, win 65535, options [mss 1460], length 0',
    );
  });

  it('prints other UDP as its length', () => {
    expect(printAll([plainUdp])).toEqual(['IP 192.51.100.15.40002 > 203.0.113.2.9999: UDP, length 5']);
  });

  it('prints the Ethernet header with -e, and its short form with -e -q', () => {
    expect(printAll([plainUdp], { linkHeader: true })).toEqual([
      '02:00:00:00:00:01 > 00:00:5e:00:53:01, ethertype IPv4 (0x0800), length 47: 192.51.100.15.40002 > 203.0.113.2.9999: UDP, length 5',
    ]);
    expect(printAll([tcpSyn, plainUdp], { linkHeader: true, quiet: true })).toEqual([
      '02:00:00:00:00:01 > 00:00:5e:00:53:01, IPv4, length 74: 192.51.100.15.40001 > 203.0.113.2.53: tcp 0',
      '02:00:00:00:00:01 > 00:00:5e:00:53:01, IPv4, length 47: 192.51.100.15.40002 > 203.0.113.2.9999: UDP, length 5',
    ]);
  });

  it('prints 802.1Q tags with -e and hides them without', () => {
    const tagged = dnsQuery.replace(
      '08 00                      // EtherType IPv4',
      '81 00 00 64 08 00 // 802.1Q: VLAN 100, priority 0; EtherType IPv4',
    );
    expect(printAll([tagged])).toEqual([`IP ${query}`]);
    expect(printAll([tagged], { linkHeader: true })).toEqual([
      `02:00:00:00:00:01 > 00:00:5e:00:53:01, ethertype 802.1Q (0x8100), length 85: vlan 100, p 0, ethertype IPv4 (0x0800), ${query}`,
    ]);
  });

  it('prints raw IP, Linux cooked and BSD loopback captures', () => {
    expect(printAll([ipQuery], { linkHeader: true }, { linkType: 101 })).toEqual([`ip: ${query}`]);
    // LINKTYPE_LINUX_SLL: packet type 4 (outgoing), ARPHRD_ETHER, 6-byte address, protocol IPv4.
    const cooked = `00 04 00 01 00 06 02 00 00 00 00 01 00 00 08 00 ${ipQuery}`;
    expect(printAll([cooked], {}, { linkType: 113 })).toEqual([`IP ${query}`]);
    expect(printAll([cooked], { linkHeader: true }, { linkType: 113 })).toEqual([
      `Out 02:00:00:00:00:01 ethertype IPv4 (0x0800), length 83: ${query}`,
    ]);
    // LINKTYPE_NULL: address family 2 (AF_INET) in the capturing host's (little-endian) order.
    const loopback = `02 00 00 00 ${ipQuery}`;
    expect(printAll([loopback], { linkHeader: true }, { linkType: 0 })).toEqual([
      `AF IPv4 (2), length 71: ${query}`,
    ]);
  });

  it('marks truncated headers as tcpdump does', () => {
    expect(printAll(['00 00 5e 00 53 01 02 00 00'])).toEqual([' [|ether]']);
    expect(printAll([dnsQuery.split('\n').slice(0, 5).join('\n')])).toEqual(['IP  [|ip]']);
  });

  it('marks frames of a link type it cannot decode', () => {
    expect(printAll([plainUdp], {}, { linkType: 129 })).toEqual(['[|unsupported link type 129]']);
  });
});
