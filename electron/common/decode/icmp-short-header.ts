/**
 * An ICMP or ICMPv6 message cut before the end of its 8-byte header (RFC 792; RFC 4443 §2.1):
 * the type, code and checksum that are there, and why the rest is missing. Both decoders
 * report it the same way.
 */
import type { IcmpLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import type { DecodeResult } from './decode-result';

/** The header both versions share: type, code, checksum and 4 bytes that depend on the type. */
export const icmpHeaderLength = 8;

export function shortIcmpHeader(kind: 'icmp' | 'icmpv6', data: Uint8Array): DecodeResult<IcmpLayer> {
  const length = data.length;
  const layer: IcmpLayer = {
    kind,
    type: length > 0 ? data[0]! : 0,
    code: length > 1 ? data[1]! : 0,
    checksum: length > 3 ? (data[2]! << 8) | data[3]! : 0,
    identifier: undefined,
    sequence: undefined,
    mtu: undefined,
    gateway: undefined,
    pointer: undefined,
    address: undefined,
    body: emptyBytes,
    quoted: undefined,
    message: data,
    truncated: shortReason(kind, 'header', icmpHeaderLength, length),
  };
  return { layer, payload: emptyBytes, next: undefined };
}
