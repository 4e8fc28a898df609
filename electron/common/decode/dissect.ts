/**
 * The dissector: the one loop that turns a frame into layers. It starts at the link type's
 * decoder, follows each layer's `next` key through next-layer.ts until none is left, and
 * keeps bytes nobody claimed as a `payload` layer. When the packet ends in an ICMP or ICMPv6
 * error, the datagram the error quotes is dissected too, from IPv4 or IPv6, into
 * `packet.quoted` (never into the packet's own layers, so a quoted DNS query is not DNS
 * traffic); an error quoted inside it is not followed again, which bounds the recursion.
 */
import { linkTypeName, type Frame } from '../model/frame';
import type { Layer } from '../model/layers';
import type { DecodedPacket } from '../model/packet';
import type { Decoder } from './decode-result';
import { decodeDns } from './dns';
import { decodeDnsTcp } from './dns-tcp';
import { decodeEthernet } from './ethernet';
import { decodeIcmp } from './icmp';
import { decodeIcmpv6 } from './icmpv6';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';
import { decodeLinuxSll } from './linux-sll';
import { decodeLinuxSll2 } from './linux-sll2';
import { decodeLoopback } from './loopback';
import { isSupportedLinkType, linkDecoder, nextDecoder } from './next-layer';
import { decodeTcp } from './tcp';
import { decodeUdp } from './udp';

export { isSupportedLinkType } from './next-layer';

/** More layers than any real stack has (QinQ, tunnels, extension headers are one layer each). */
const maximumLayers = 24;

/**
 * A plain Uint8Array over the same bytes. Node hands out Buffers, a Uint8Array subclass whose
 * `subarray` is a much slower JavaScript override; decoding through a plain view keeps every
 * decoder on one fast, monomorphic path. The layers' views still share the frame's memory.
 */
function plainView(data: Uint8Array): Uint8Array {
  return data.constructor === Uint8Array
    ? data
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Scratch result of decodeChain: the first truncation reason met. */
let chainTruncated: string | undefined;

/** Follows the chain from `decoder` over `data`, appending to `layers`. */
function decodeChain(layers: Layer[], data: Uint8Array, first: Decoder): void {
  let decoder = first;
  let payload = data;
  let truncated: string | undefined;
  for (let depth = 0; depth < maximumLayers; depth++) {
    const result = decoder(payload);
    const layer = result.layer;
    layers.push(layer);
    if (truncated === undefined && layer.truncated !== undefined) truncated = layer.truncated;
    payload = result.payload;
    const next = result.next;
    if (next === undefined) break;
    const following = nextDecoder(next);
    if (following === undefined) break;
    decoder = following;
    if (depth === maximumLayers - 1) truncated ??= `dissect: more than ${maximumLayers} layers`;
  }
  if (payload.length > 0) layers.push({ kind: 'payload', data: payload, truncated: undefined });
  chainTruncated = truncated;
}

/** The decoded original datagram of an ICMP/ICMPv6 error that ends `layers`, or undefined. */
function quotedLayers(layers: Layer[]): Layer[] | undefined {
  const last = layers[layers.length - 1];
  if (last === undefined || (last.kind !== 'icmp' && last.kind !== 'icmpv6')) return undefined;
  const quoted = last.quoted;
  if (quoted === undefined || quoted.length === 0) return undefined;
  const inner: Layer[] = [];
  decodeChain(inner, quoted, last.kind === 'icmp' ? decodeIpv4 : decodeIpv6);
  return inner;
}

export function dissect(frame: Frame): DecodedPacket {
  const data = plainView(frame.data);
  const layers: Layer[] = [];
  const first = linkDecoder(frame.linkType, data);
  if (first === undefined) {
    const reason = isSupportedLinkType(frame.linkType)
      ? `raw-ip: version ${data.length > 0 ? data[0]! >> 4 : 'missing'} is neither 4 nor 6`
      : `unsupported link type ${frame.linkType} (${linkTypeName(frame.linkType)})`;
    layers.push({ kind: 'payload', data, truncated: reason });
    return { frame, layers, quoted: undefined, truncated: reason };
  }
  decodeChain(layers, data, first);
  const truncated = chainTruncated;
  return { frame, layers, quoted: quotedLayers(layers), truncated };
}

/** Where dissectLayers may start: a link layer or any inner layer. */
export type DissectStart =
  | 'ethernet'
  | 'linux-sll'
  | 'linux-sll2'
  | 'loopback'
  | 'ipv4'
  | 'ipv6'
  | 'udp'
  | 'tcp'
  | 'icmp'
  | 'icmpv6'
  | 'dns'
  | 'dns-tcp';

const startDecoders: Readonly<Record<DissectStart, Decoder>> = {
  ethernet: decodeEthernet,
  'linux-sll': decodeLinuxSll,
  'linux-sll2': decodeLinuxSll2,
  loopback: decodeLoopback,
  ipv4: decodeIpv4,
  ipv6: decodeIpv6,
  udp: decodeUdp,
  tcp: decodeTcp,
  icmp: decodeIcmp,
  icmpv6: decodeIcmpv6,
  dns: decodeDns,
  'dns-tcp': decodeDnsTcp,
};

/** Dissects bytes that start at a given layer (tests, the quoted datagram, text imports). */
export function dissectLayers(
  data: Uint8Array,
  start: DissectStart,
): { layers: Layer[]; quoted: Layer[] | undefined; truncated: string | undefined } {
  const layers: Layer[] = [];
  decodeChain(layers, plainView(data), startDecoders[start]);
  const truncated = chainTruncated;
  return { layers, quoted: quotedLayers(layers), truncated };
}
