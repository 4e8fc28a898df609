// Address text: dotted quads (through the cache) and RFC 5952 IPv6, as inet_ntop and tcpdump write them.
import fc from 'fast-check';
import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipv4Text, ipv6Text, macText } from '../../electron/common/decode/address-text';
import { hex } from './read-pcap';

describe('ipv4Text', () => {
  it('writes dotted quads, at any offset', () => {
    expect(ipv4Text(hex('00 c0000201'), 1)).toBe('192.0.2.1');
    expect(ipv4Text(hex('00000000'), 0)).toBe('0.0.0.0');
    expect(ipv4Text(hex('ffffffff'), 0)).toBe('255.255.255.255');
  });

  it('returns the right text for every address, whatever the cache holds', () => {
    // Addresses that share a cache slot follow each other; the text must still be each one's own.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), {
          minLength: 1,
          maxLength: 50,
        }),
        (addresses) => {
          for (const [a, b, c, d] of [...addresses, ...addresses])
            expect(ipv4Text(Uint8Array.of(a, b, c, d), 0)).toBe(`${a}.${b}.${c}.${d}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ipv6Text', () => {
  const text = (bytes: string) => ipv6Text(hex(bytes), 0);

  it('follows RFC 5952: lowercase, no leading zeros, the longest zero run as ::', () => {
    expect(text('20010db8000000000000000000000001')).toBe('2001:db8::1');
    expect(text('20010db8000000010000000000000001')).toBe('2001:db8:0:1::1'); // the longer run wins
    expect(text('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1'); // the first of two equal runs
    expect(text('20010db8000100010001000100010001')).toBe('2001:db8:1:1:1:1:1:1'); // no run of two
    expect(text('20010db8000000010001000100010001')).toBe('2001:db8:0:1:1:1:1:1'); // a single zero stays
    expect(text('fe800000000000000000000000000000')).toBe('fe80::');
    expect(text('00000000000000000000000000000000')).toBe('::');
    expect(text('00000000000000000000000000000001')).toBe('::1');
    expect(text('ABCD0DB8000000000000000000000000'.toLowerCase())).toBe('abcd:db8::');
  });

  it('writes IPv4-mapped and IPv4-compatible addresses with a dotted quad, as inet_ntop does', () => {
    expect(text('00000000000000000000ffffc0000201')).toBe('::ffff:192.0.2.1');
    expect(text('000000000000000000000000c0000201')).toBe('::192.0.2.1');
  });

  it('writes text that parses back to the same address', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.array(fc.nat(7), { maxLength: 8 }),
        (bytes, zeroGroups) => {
          for (const group of zeroGroups) bytes[group * 2] = bytes[group * 2 + 1] = 0; // make zero runs likely
          const written = ipv6Text(bytes, 0);
          expect(isIP(written)).toBe(6);
          const url = new URL(`http://[${written}]/`); // WHATWG canonical form for comparison
          const back = new URL(
            `http://[${Array.from({ length: 8 }, (_, group) => ((bytes[group * 2]! << 8) | bytes[group * 2 + 1]!).toString(16)).join(':')}]/`,
          );
          expect(url.hostname).toBe(back.hostname);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('macText', () => {
  it('writes colon-separated lowercase hex', () => {
    expect(macText(hex('00005e00530f'))).toBe('00:00:5e:00:53:0f');
  });
});
