import { describe, expect, it } from 'vitest';
import { PacketPrinter } from '../../electron/common/print/packet-printer';
import type { PrintOptions } from '../../electron/common/print/print-options';
import { dnsQueryWithCookie, dnsResponse, responseFlagsOffset } from './support/dns-frames';
import { frameFromHex } from './support/frame-fixture';
import { dnsQuery } from './support/scenario-frames';

// Expected lines are what tcpdump 4.99.3 (`TZ=UTC tcpdump -n`) prints for the same bytes.

function print(
  hex: string,
  options: PrintOptions = {},
  edit?: (data: Uint8Array) => void,
  captured?: number,
): string {
  const frame = frameFromHex(hex);
  edit?.(frame.data);
  if (captured !== undefined) {
    frame.data = frame.data.subarray(0, captured);
    frame.capturedLength = captured;
  }
  return new PacketPrinter(options).format({ frame, layers: [] });
}

function withFlags(flags: number): (data: Uint8Array) => void {
  return (data) => {
    data[responseFlagsOffset] = flags >> 8;
    data[responseFlagsOffset + 1] = flags & 0xff;
  };
}

describe('DNS lines (print-domain.c)', () => {
  it('prints a query: id, + for recursion desired, type, name, length', () => {
    expect(print(dnsQuery)).toBe(
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
    );
  });

  it('prints a response with its answer and counts', () => {
    expect(print(dnsResponse)).toBe(
      '13:24:32.192571 IP 203.0.113.2.53 > 192.51.100.15.52444: 35084 1/0/1 A 192.0.2.1 (66)',
    );
  });

  it.each([
    [0x8580, '35084* 1/0/1'], // authoritative
    [0x8100, '35084- 1/0/1'], // recursion not available
    [0x8380, '35084| 1/0/1'], // truncated (TC)
    [0x81a0, '35084$ 1/0/1'], // authentic data
    [0x8183, '35084 NXDomain 1/0/1'],
    [0x8182, '35084 ServFail 1/0/1'],
    [0x8185, '35084 Refused 1/0/1'],
    [0x8584, '35084 NotImp* 1/0/1'],
    [0xa980, '35084 update 1/0/1'], // opcode 5 (RFC 2136)
  ])('marks flags 0x%s', (flags, text) => {
    expect(print(dnsResponse, {}, withFlags(flags))).toContain(`: ${text} A 192.0.2.1 (66)`);
  });

  it('counts the additional (EDNS) record in a query as [1au] and shows the OPT record with -vv', () => {
    expect(print(dnsQueryWithCookie)).toContain(': 4660+ [1au] AAAA? example.com. (52)');
    expect(print(dnsQueryWithCookie, { verbosity: 2 })).toBe(
      '13:24:32.192571 IP (tos 0x0, ttl 64, id 4, offset 0, flags [none], proto UDP (17), length 80)\n' +
        '    192.51.100.15.40000 > 203.0.113.2.53: [udp sum ok] 4660+ [1au] AAAA? example.com. ar: . OPT UDPsize=1232 [COOKIE 0102030405060708] (52)',
    );
  });

  it('prints the questions, every section and the DO flag with -vv, TTLs with -vvv', () => {
    const tail = '35084 q: A? yummyrecipesforme.com. 1/0/1 yummyrecipesforme.com.';
    expect(print(dnsResponse, { verbosity: 2 })).toContain(
      `[udp sum ok] ${tail} A 192.0.2.1 ar: . OPT UDPsize=4096 DO (66)`,
    );
    expect(print(dnsResponse, { verbosity: 3 })).toContain(
      `[udp sum ok] ${tail} [5m] A 192.0.2.1 ar: . OPT UDPsize=4096 DO (66)`,
    );
  });

  it('flags a bad UDP checksum with -vv', () => {
    expect(print(dnsResponse, { verbosity: 2 }, (data) => (data[41] = data[41]! ^ 0xff))).toContain(
      '[bad udp cksum 0xf7dd -> 0xf722!] ',
    );
  });

  it('marks a message cut by the snap length with [|domain]', () => {
    // 80 bytes captured: the question is there, the answer is not; tcpdump then stops quietly.
    expect(print(dnsResponse, {}, undefined, 80)).toContain(': 35084 1/0/1 (66)');
    expect(print(dnsResponse, { verbosity: 2 }, undefined, 80)).toContain(': 35084 q: [|domain]');
    // 45 bytes: the DNS header itself is cut.
    expect(print(dnsResponse, {}, undefined, 45)).toBe(
      '13:24:32.192571 IP 203.0.113.2.53 > 192.51.100.15.52444:  [|domain]',
    );
  });

  it('prints DNS as plain UDP with -q', () => {
    expect(print(dnsQuery, { quiet: true })).toBe(
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: UDP, length 39',
    );
  });
});
