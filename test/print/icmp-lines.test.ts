import { describe, expect, it } from 'vitest';
import { PacketPrinter } from '../../electron/common/print/packet-printer';
import type { PrintOptions } from '../../electron/common/print/print-options';
import { frameFromHex } from './support/frame-fixture';
import { echoRequest, icmpMtuOffset, icmpTypeOffset, timeExceeded } from './support/icmp-frames';
import { portUnreachable } from './support/scenario-frames';

// Expected lines are what tcpdump 4.99.3 (`TZ=UTC tcpdump -n`) prints for the same bytes.

function print(hex: string, options: PrintOptions = {}, edit?: (data: Uint8Array) => void): string {
  const frame = frameFromHex(hex);
  edit?.(frame.data);
  return new PacketPrinter(options).format({ frame, layers: [] });
}

describe('ICMP lines (print-icmp.c)', () => {
  it("prints the scenario's port unreachable", () => {
    expect(print(portUnreachable)).toBe(
      '13:24:32.192571 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 36',
    );
  });

  it('prints echo requests with id and sequence', () => {
    expect(print(echoRequest)).toBe(
      '13:24:32.192571 IP 192.51.100.15 > 203.0.113.2: ICMP echo request, id 1, seq 1, length 64',
    );
    expect(print(echoRequest, {}, (data) => (data[icmpTypeOffset] = 0))).toContain(
      'ICMP echo reply, id 1, seq 1, length 64',
    );
  });

  it('prints time exceeded', () => {
    expect(print(timeExceeded)).toBe(
      '13:24:32.192571 IP 198.51.100.1 > 192.51.100.15: ICMP time exceeded in-transit, length 36',
    );
  });

  it.each([
    [3, 0, 'net 203.0.113.2 unreachable'],
    [3, 1, 'host 203.0.113.2 unreachable'],
    [3, 2, '203.0.113.2 protocol 17 unreachable'],
    [3, 9, 'net 203.0.113.2 unreachable - admin prohibited'],
    [3, 10, 'host 203.0.113.2 unreachable - admin prohibited'],
    [3, 13, 'host 203.0.113.2 unreachable - admin prohibited filter'],
    [11, 1, 'ip reassembly time exceeded'],
    [12, 0, 'parameter problem - octet 0'],
    [4, 0, 'source quench'],
    [5, 1, 'redirect 203.0.113.2 to host 0.0.0.0'],
  ])('names type %i code %i', (type, code, text) => {
    const line = print(portUnreachable, {}, (data) => {
      data[icmpTypeOffset] = type;
      data[icmpTypeOffset + 1] = code;
    });
    expect(line).toBe(`13:24:32.192571 IP 203.0.113.2 > 192.51.100.15: ICMP ${text}, length 36`);
  });

  it('gives the next-hop MTU of a fragmentation-needed error (RFC 1191)', () => {
    const line = print(portUnreachable, {}, (data) => {
      data[icmpTypeOffset + 1] = 4;
      data[icmpMtuOffset] = 0x05; // 1400
      data[icmpMtuOffset + 1] = 0x78;
    });
    expect(line).toContain('ICMP 203.0.113.2 unreachable - need to frag (mtu 1400), length 36');
  });

  it('prints the quoted datagram on its own lines with -v', () => {
    expect(print(portUnreachable, { verbosity: 1 })).toBe(
      '13:24:32.192571 IP (tos 0x0, ttl 64, id 2, offset 0, flags [none], proto ICMP (1), length 56)\n' +
        '    203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 36\n' +
        '\tIP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 67)\n' +
        '    192.51.100.15.52444 > 203.0.113.2.53:  [|domain]',
    );
  });

  it('flags a wrong ICMP checksum with -v', () => {
    expect(print(echoRequest, { verbosity: 1 }, (data) => (data[icmpTypeOffset + 3] = 0))).toContain(
      'ICMP echo request, id 1, seq 1, length 64 (wrong icmp cksum 0 (->eb)!)',
    );
  });
});
