/**
 * BSD loopback (LINKTYPE_NULL, 0) and OpenBSD loopback (LINKTYPE_LOOP, 108): a 4-byte address
 * family. LINKTYPE_NULL writes it in the capturing host's byte order and LINKTYPE_LOOP in
 * network order; families are small numbers, so whichever end holds the two zero bytes tells
 * the order (https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html).
 * IPv4 is AF_INET 2 everywhere; IPv6 is 24 (NetBSD, OpenBSD, BSD/OS), 28 (FreeBSD, DragonFly)
 * or 30 (Darwin).
 */
import type { LoopbackLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import type { DecodeResult } from './decode-result';

const headerLength = 4;

export function decodeLoopback(data: Uint8Array): DecodeResult<LoopbackLayer> {
  const length = data.length;
  if (length < headerLength) {
    const layer: LoopbackLayer = {
      kind: 'loopback',
      family: 0,
      truncated: shortReason('loopback', 'address family', headerLength, length),
    };
    return { layer, payload: emptyBytes, next: undefined };
  }
  // Big-endian when the first two bytes are zero, little-endian otherwise.
  const family =
    data[0] === 0 && data[1] === 0
      ? (data[2]! << 8) | data[3]!
      : (data[0]! | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24)) >>> 0;
  const layer: LoopbackLayer = { kind: 'loopback', family, truncated: undefined };
  return { layer, payload: data.subarray(headerLength), next: { table: 'address-family', value: family } };
}
