import { describe, expect, it } from 'vitest';
import { declaredLinkTypes } from '../../electron/common/print/capture-link-types';
import { bytesFromHex } from './support/frame-fixture';

describe('declaredLinkTypes', () => {
  it('reads the pcap file header, in either byte order', () => {
    const littleEndian = bytesFromHex(`
      d4 c3 b2 a1 02 00 04 00    // magic (microseconds, little-endian), version 2.4
      00 00 00 00 00 00 00 00    // time zone, accuracy
      ff ff 00 00 81 00 00 00    // snap length 65535, link type 129 (ARCNET_LINUX)
    `);
    expect(declaredLinkTypes(littleEndian)).toEqual([{ linkType: 129, offset: 20 }]);
    const bigEndian = bytesFromHex(`
      a1 b2 3c 4d 00 02 00 04    // magic (nanoseconds, big-endian), version 2.4
      00 00 00 00 00 00 00 00
      00 00 ff ff 00 00 00 01    // snap length 65535, link type 1 (EN10MB)
    `);
    expect(declaredLinkTypes(bigEndian)).toEqual([{ linkType: 1, offset: 20 }]);
  });

  it('reads every interface description block of a pcapng section', () => {
    const pcapng = bytesFromHex(`
      0a 0d 0d 0a 1c 00 00 00    // section header block, 28 bytes
      4d 3c 2b 1a 01 00 00 00    // byte-order magic (little-endian), version 1.0
      ff ff ff ff ff ff ff ff    // section length unknown
      1c 00 00 00                // block length again
      01 00 00 00 14 00 00 00    // interface description block, 20 bytes
      01 00 00 00 00 00 04 00    // link type 1, reserved, snap length 262144
      14 00 00 00
      01 00 00 00 14 00 00 00    // a second interface
      09 00 00 00 00 00 04 00    // link type 9 (PPP)
      14 00 00 00
    `);
    expect(declaredLinkTypes(pcapng)).toEqual([
      { linkType: 1, offset: 36 },
      { linkType: 9, offset: 56 },
    ]);
  });

  it('finds nothing in a text log', () => {
    expect(
      declaredLinkTypes(
        new TextEncoder().encode('13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: ...'),
      ),
    ).toEqual([]);
  });
});
