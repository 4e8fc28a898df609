import { describe, expect, it } from 'vitest';
import { PacketPrinter } from '../../electron/common/print/packet-printer';
import type { PrintOptions } from '../../electron/common/print/print-options';
import { frameFromHex } from './support/frame-fixture';
import {
  echoRequest6,
  icmp6ParameterOffset,
  icmp6TypeOffset,
  listenerReport,
  neighborSolicitation,
  portUnreachable6,
  routerAdvertisement,
} from './support/icmp6-frames';

// Expected lines are what tcpdump 4.99.3 (`TZ=UTC tcpdump -n`) prints for the same bytes.

function print(hex: string, options: PrintOptions = {}, edit?: (data: Uint8Array) => void): string {
  const frame = frameFromHex(hex);
  edit?.(frame.data);
  return new PacketPrinter(options).format({ frame, layers: [] });
}

describe('ICMPv6 lines (print-icmp6.c)', () => {
  it('prints echo requests', () => {
    expect(print(echoRequest6)).toBe(
      '13:24:32.192571 IP6 2001:db8::15 > 2001:db8::2: ICMP6, echo request, id 7, seq 1, length 16',
    );
    expect(print(echoRequest6, { verbosity: 1 })).toBe(
      '13:24:32.192571 IP6 (hlim 64, next-header ICMPv6 (58) payload length: 16) 2001:db8::15 > 2001:db8::2: [icmp6 sum ok] ICMP6, echo request, id 7, seq 1',
    );
  });

  it('names the quoted destination and port of a port unreachable', () => {
    expect(print(portUnreachable6)).toBe(
      '13:24:32.192571 IP6 2001:db8::2 > 2001:db8::15: ICMP6, destination unreachable, unreachable port, 2001:db8::2 udp port 53, length 56',
    );
  });

  it.each([
    [0, 'unreachable route 2001:db8::2'],
    [1, ' unreachable prohibited 2001:db8::2'], // tcpdump's table has the leading space
    [3, 'unreachable address 2001:db8::2'],
  ])('prints unreachable code %i', (code, text) => {
    expect(print(portUnreachable6, {}, (data) => (data[icmp6TypeOffset + 1] = code))).toContain(
      `ICMP6, destination unreachable, ${text}, length 56`,
    );
  });

  it('prints packet too big with the MTU, and time exceeded', () => {
    const tooBig = print(portUnreachable6, {}, (data) => {
      data[icmp6TypeOffset] = 2;
      data[icmp6TypeOffset + 1] = 0;
      data[icmp6ParameterOffset + 2] = 0x05; // MTU 1280
    });
    expect(tooBig).toContain('ICMP6, packet too big, mtu 1280, length 56');
    const exceeded = print(portUnreachable6, {}, (data) => {
      data[icmp6TypeOffset] = 3;
      data[icmp6TypeOffset + 1] = 0;
    });
    expect(exceeded).toContain('ICMP6, time exceeded in-transit for 2001:db8::2, length 56');
  });

  it('prints neighbor discovery, with its options under -v', () => {
    expect(print(neighborSolicitation)).toBe(
      '13:24:32.192571 IP6 fe80::15 > ff02::1:ff00:2: ICMP6, neighbor solicitation, who has 2001:db8::2, length 32',
    );
    expect(print(neighborSolicitation, { verbosity: 1 })).toBe(
      '13:24:32.192571 IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) fe80::15 > ff02::1:ff00:2: [icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has 2001:db8::2\n' +
        '\t  source link-address option (1), length 8 (1): 02:00:00:00:00:01',
    );
    expect(print(routerAdvertisement, { verbosity: 1 })).toBe(
      '13:24:32.192571 IP6 (hlim 255, next-header ICMPv6 (58) payload length: 48) fe80::1 > ff02::1: [icmp6 sum ok] ICMP6, router advertisement, length 48\n' +
        '\thop limit 64, Flags [none], pref medium, router lifetime 1800s, reachable time 0ms, retrans timer 0ms\n' +
        '\t  prefix info option (3), length 32 (4): 2001:db8::/64, Flags [onlink, auto], valid time 2592000s, pref. time 604800s',
    );
  });

  it('prints a neighbor advertisement target and flags', () => {
    const advertisement = print(neighborSolicitation, { verbosity: 1 }, (data) => {
      data[icmp6TypeOffset] = 136;
      data[icmp6TypeOffset + 4] = 0x60; // solicited, override (RFC 4861 §4.4)
    });
    expect(advertisement).toContain(
      'ICMP6, neighbor advertisement, length 32, tgt is 2001:db8::2, Flags [solicited, override]',
    );
  });

  it('prints MLD reports as tcpdump does, missing space included', () => {
    expect(print(listenerReport)).toBe(
      '13:24:32.192571 IP6 fe80::15 > ff02::1:3: ICMP6, multicast listener reportmax resp delay: 0 addr: ff02::1:3, length 24',
    );
  });
});
