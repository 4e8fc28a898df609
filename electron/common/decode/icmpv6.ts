/**
 * ICMPv6 (RFC 4443) with neighbor discovery (RFC 4861), MLD (RFC 2710, RFC 3810) and the
 * mobile IPv6 discovery messages (RFC 6275 §6.5-6.8). Errors (1 destination unreachable,
 * 2 packet too big, 3 time exceeded, 4 parameter problem) quote the original packet after
 * the 8-byte header; `quoted` is that view. The checksum is kept, not verified.
 */
import type { IcmpLayer } from '../model/layers';
import { ipv6Text } from './address-text';
import { emptyBytes, shortReason } from './bytes';
import type { DecodeResult } from './decode-result';
import { icmpHeaderLength, shortIcmpHeader } from './icmp-short-header';

/** RFC 4884 §4.1: an original-datagram length is only used when it is at least 128 bytes. */
const minimumExtendedQuote = 128;

export const Icmpv6Type = {
  destinationUnreachable: 1,
  packetTooBig: 2,
  timeExceeded: 3,
  parameterProblem: 4,
  echoRequest: 128,
  echoReply: 129,
  multicastListenerQuery: 130,
  multicastListenerReport: 131,
  multicastListenerDone: 132,
  routerSolicitation: 133,
  routerAdvertisement: 134,
  neighborSolicitation: 135,
  neighborAdvertisement: 136,
  redirect: 137,
  multicastListenerReportV2: 143,
} as const;

export function isIcmpv6Error(type: number): boolean {
  return type >= 1 && type <= 4;
}

/** Types with a 16-bit identifier in header bytes 4..5: echo, mobile IPv6 discovery (RFC 6275), extended echo (RFC 8335). */
function hasIdentifier(type: number): boolean {
  return type === 128 || type === 129 || (type >= 144 && type <= 147) || type === 160 || type === 161;
}

/** Echo has a 16-bit sequence in bytes 6..7; extended echo an 8-bit one in byte 6 (RFC 8335 §2). */
function sequenceOf(data: Uint8Array, type: number): number | undefined {
  if (type === 128 || type === 129) return (data[6]! << 8) | data[7]!;
  if (type === 160 || type === 161) return data[6]!;
  return undefined;
}

/** Bytes a type needs for the fields we read: ND and MLD carry a 16-byte address after the header. */
function neededLength(type: number): number {
  if (type === 130 || type === 131 || type === 132 || type === 135 || type === 136)
    return icmpHeaderLength + 16;
  if (type === 137) return icmpHeaderLength + 32;
  if (type === 134) return icmpHeaderLength + 8;
  return icmpHeaderLength;
}

export function decodeIcmpv6(data: Uint8Array): DecodeResult<IcmpLayer> {
  const length = data.length;
  if (length < icmpHeaderLength) return shortIcmpHeader('icmpv6', data);
  const type = data[0]!;
  const code = data[1]!;
  const needed = neededLength(type);
  const complete = length >= needed;
  let quoted: Uint8Array | undefined;
  if (isIcmpv6Error(type)) {
    // RFC 4884: types 1 and 3 may give the quoted packet's length (64-bit words) in byte 4.
    const quotedLength = type === 1 || type === 3 ? data[4]! * 8 : 0;
    quoted =
      quotedLength >= minimumExtendedQuote && icmpHeaderLength + quotedLength <= length
        ? data.subarray(icmpHeaderLength, icmpHeaderLength + quotedLength)
        : data.subarray(icmpHeaderLength);
  }
  let address: string | undefined;
  let gateway: string | undefined;
  if (complete) {
    if (type === 130 || type === 131 || type === 132 || type === 135 || type === 136)
      address = ipv6Text(data, 8);
    else if (type === 137) {
      gateway = ipv6Text(data, 8); // target: the better first hop
      address = ipv6Text(data, 24); // destination: the address being redirected
    }
  }
  const word = ((data[4]! << 24) | (data[5]! << 16) | (data[6]! << 8) | data[7]!) >>> 0;
  const layer: IcmpLayer = {
    kind: 'icmpv6',
    type,
    code,
    checksum: (data[2]! << 8) | data[3]!,
    identifier: hasIdentifier(type) ? (data[4]! << 8) | data[5]! : undefined,
    sequence: sequenceOf(data, type),
    mtu: type === 2 ? word : undefined,
    gateway,
    pointer: type === 4 ? word : undefined,
    address,
    body: data.subarray(icmpHeaderLength),
    quoted,
    message: data,
    truncated: complete ? undefined : shortReason('icmpv6', `type ${type}`, needed, length),
  };
  return { layer, payload: emptyBytes, next: undefined };
}
