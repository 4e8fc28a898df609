/**
 * ICMP for IPv4 (RFC 792, RFC 950 address mask, RFC 1191 next-hop MTU, RFC 1812 router
 * requirements, RFC 4884 extended messages). Errors (destination unreachable 3, source quench
 * 4, redirect 5, time exceeded 11, parameter problem 12) quote the original datagram after
 * the 8-byte header; `quoted` is that view and the dissector decodes it apart from the
 * packet's own layers. The checksum is kept, not verified.
 */
import type { IcmpLayer } from '../model/layers';
import { ipv4Text } from './address-text';
import { emptyBytes, shortReason } from './bytes';
import { internetChecksum } from './internet-checksum';
import type { DecodeResult } from './decode-result';
import { icmpHeaderLength, shortIcmpHeader } from './icmp-short-header';

/** RFC 4884 §4.1: an original-datagram length is only used when it is at least 128 bytes. */
const minimumExtendedQuote = 128;

export const IcmpType = {
  echoReply: 0,
  destinationUnreachable: 3,
  sourceQuench: 4,
  redirect: 5,
  echoRequest: 8,
  routerAdvertisement: 9,
  routerSolicitation: 10,
  timeExceeded: 11,
  parameterProblem: 12,
  timestampRequest: 13,
  timestampReply: 14,
  informationRequest: 15,
  informationReply: 16,
  addressMaskRequest: 17,
  addressMaskReply: 18,
} as const;

/**
 * Where the quoted datagram ends in the ICMP message data[start, end), an error of `type`, as an
 * offset in `data` (so that the fast path, frame-reader.ts, finds the quote where it lies).
 * With RFC 4884 extensions the length field says so, in 32-bit words; some routers leave it 0
 * and put the extension at byte 128 anyway (RFC 4884 §5.5, the "compliant" legacy layout),
 * which tcpdump recognises by a version 2 extension header whose checksum is right. Without
 * either, the whole rest of the message is the quote.
 */
export function icmpQuoteEnd(data: Uint8Array, start: number, end: number, type: number): number {
  if (type !== 3 && type !== 11 && type !== 12) return end;
  const length = end - start;
  const declared = data[start + 5]! * 4;
  if (declared >= minimumExtendedQuote)
    return icmpHeaderLength + declared <= length ? start + icmpHeaderLength + declared : end;
  const extension = start + icmpHeaderLength + minimumExtendedQuote;
  if (
    declared === 0 &&
    end >= extension + 4 &&
    data[extension]! >> 4 === 2 &&
    internetChecksum(data.subarray(extension, end)) === 0
  ) {
    return extension;
  }
  return end;
}

/** Types that quote the datagram that caused them (RFC 1812 §4.3.2.3). */
export function isIcmpError(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

/** The next-hop MTU of a fragmentation-needed error at data[start]: the low 16 bits of the unused word (RFC 1191 §4). */
export function nextHopMtu(data: Uint8Array, start: number, type: number, code: number): number | undefined {
  return type === 3 && code === 4 ? (data[start + 6]! << 8) | data[start + 7]! : undefined;
}

/** Types with an identifier and a sequence number in header bytes 4..7. */
function hasIdentifier(type: number): boolean {
  return type === 0 || type === 8 || (type >= 13 && type <= 18) || type === 42 || type === 43;
}

/** RFC 8335 §2: extended echo has an 8-bit sequence number (byte 6) and flags in byte 7. */
function sequenceOf(data: Uint8Array, type: number): number {
  return type === 42 || type === 43 ? data[6]! : (data[6]! << 8) | data[7]!;
}

/** The whole message length a type needs to be read: timestamps carry 3 times, masks 1 mask. */
function neededLength(type: number): number {
  if (type === 13 || type === 14) return icmpHeaderLength + 12;
  if (type === 17 || type === 18) return icmpHeaderLength + 4;
  return icmpHeaderLength;
}

export function decodeIcmp(data: Uint8Array): DecodeResult<IcmpLayer> {
  const length = data.length;
  if (length < icmpHeaderLength) return shortIcmpHeader('icmp', data);
  const type = data[0]!;
  const code = data[1]!;
  const needed = neededLength(type);
  const error = isIcmpError(type);
  let quoted: Uint8Array | undefined;
  if (error) quoted = data.subarray(icmpHeaderLength, icmpQuoteEnd(data, 0, length, type));
  const layer: IcmpLayer = {
    kind: 'icmp',
    type,
    code,
    checksum: (data[2]! << 8) | data[3]!,
    identifier: hasIdentifier(type) ? (data[4]! << 8) | data[5]! : undefined,
    sequence: hasIdentifier(type) ? sequenceOf(data, type) : undefined,
    mtu: nextHopMtu(data, 0, type, code),
    gateway: type === 5 ? ipv4Text(data, 4) : undefined,
    pointer: type === 12 ? data[4]! : undefined,
    address: undefined,
    body: data.subarray(icmpHeaderLength),
    quoted,
    message: data,
    truncated: length < needed ? shortReason('icmp', `type ${type}`, needed, length) : undefined,
  };
  return { layer, payload: emptyBytes, next: undefined };
}
