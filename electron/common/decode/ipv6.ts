/**
 * IPv6 (RFC 8200) with its extension headers: hop-by-hop options (0), routing (43),
 * fragment (44), destination options (60) and the authentication header (51, RFC 4302, whose
 * length counts 4-byte words). The upper-layer protocol is the next header after the last of
 * them. A fragment with a non-zero offset carries no upper-layer header (RFC 8200 §4.5), so
 * it stops there; No Next Header (59) stops too.
 */
import type { Ipv6ExtensionHeader, Ipv6Layer } from '../model/layers';
import { ipv6Text } from './address-text';
import { emptyBytes, shortReason } from './bytes';
import { ipProtocolKey, type DecodeResult } from './decode-result';

const fixedHeaderLength = 40;
/** Shared by every packet without extension headers, so that none allocates an array. */
const noExtensionHeaders: Ipv6ExtensionHeader[] = Object.freeze([]) as unknown as Ipv6ExtensionHeader[];
/** A packet cannot hold more headers than this many 8-byte units; the bound keeps the loop finite by construction. */
const maximumExtensionHeaders = 64;

const hopByHop = 0;
const routing = 43;
const fragmentHeader = 44;
const authentication = 51;
const noNextHeader = 59;
const destinationOptions = 60;

function shortLayer(data: Uint8Array, reason: string): DecodeResult<Ipv6Layer> {
  const length = data.length;
  const layer: Ipv6Layer = {
    kind: 'ipv6',
    trafficClass: length > 1 ? ((data[0]! & 0x0f) << 4) | (data[1]! >> 4) : 0,
    flowLabel: length > 3 ? ((data[1]! & 0x0f) << 16) | (data[2]! << 8) | data[3]! : 0,
    payloadLength: length > 5 ? (data[4]! << 8) | data[5]! : 0,
    nextHeader: length > 6 ? data[6]! : 0,
    hopLimit: length > 7 ? data[7]! : 0,
    source: length >= 24 ? ipv6Text(data, 8) : '',
    destination: length >= 40 ? ipv6Text(data, 24) : '',
    extensionHeaders: noExtensionHeaders,
    protocol: length > 6 ? data[6]! : 0,
    fragment: undefined,
    truncated: reason,
  };
  return { layer, payload: emptyBytes, next: undefined };
}

export function decodeIpv6(data: Uint8Array): DecodeResult<Ipv6Layer> {
  const length = data.length;
  if (length < fixedHeaderLength)
    return shortLayer(data, shortReason('ipv6', 'header', fixedHeaderLength, length));
  const version = data[0]! >> 4;
  if (version !== 6) return shortLayer(data, `ipv6: version ${version} != 6`);
  const payloadLength = (data[4]! << 8) | data[5]!;
  const nextHeader = data[6]!;
  let truncated: string | undefined;
  let end = fixedHeaderLength + payloadLength;
  if (payloadLength === 0 && nextHeader !== noNextHeader) {
    // A jumbogram (RFC 2675) says 0 here and its length in a hop-by-hop option; TSO
    // super-packets say 0 too. Either way the captured bytes are the packet.
    end = length;
  } else if (end > length) {
    truncated = `ipv6: payload length ${payloadLength}, ${length - fixedHeaderLength} bytes present`;
    end = length;
  }
  let extensionHeaders = noExtensionHeaders;
  let fragment: Ipv6Layer['fragment'];
  let protocol = nextHeader;
  let offset = fixedHeaderLength;
  let followed = true;
  for (let count = 0; count < maximumExtensionHeaders; count++) {
    if (
      protocol !== hopByHop &&
      protocol !== routing &&
      protocol !== destinationOptions &&
      protocol !== authentication &&
      protocol !== fragmentHeader
    )
      break;
    if (offset + 2 > end) {
      truncated ??= shortReason('ipv6', `extension header ${protocol}`, 2, end - offset);
      followed = false;
      break;
    }
    const headerLength =
      protocol === fragmentHeader
        ? 8
        : protocol === authentication
          ? (data[offset + 1]! + 2) * 4
          : (data[offset + 1]! + 1) * 8;
    if (offset + headerLength > end) {
      truncated ??= shortReason('ipv6', `extension header ${protocol}`, headerLength, end - offset);
      followed = false;
      break;
    }
    if (extensionHeaders === noExtensionHeaders) extensionHeaders = [];
    extensionHeaders.push({ type: protocol, length: headerLength });
    const headerType = protocol;
    protocol = data[offset]!;
    if (headerType === fragmentHeader) {
      const offsetAndFlags = (data[offset + 2]! << 8) | data[offset + 3]!;
      fragment = {
        // The 13-bit offset counts 8-byte units and sits in the top bits: masking gives bytes.
        offset: offsetAndFlags & 0xfff8,
        moreFragments: (offsetAndFlags & 1) !== 0,
        identification:
          ((data[offset + 4]! << 24) |
            (data[offset + 5]! << 16) |
            (data[offset + 6]! << 8) |
            data[offset + 7]!) >>>
          0,
      };
      offset += headerLength;
      if (fragment.offset !== 0) {
        followed = false;
        break;
      }
      continue;
    }
    offset += headerLength;
  }
  const layer: Ipv6Layer = {
    kind: 'ipv6',
    trafficClass: ((data[0]! & 0x0f) << 4) | (data[1]! >> 4),
    flowLabel: ((data[1]! & 0x0f) << 16) | (data[2]! << 8) | data[3]!,
    payloadLength,
    nextHeader,
    hopLimit: data[7]!,
    source: ipv6Text(data, 8),
    destination: ipv6Text(data, 24),
    extensionHeaders,
    protocol,
    fragment,
    truncated,
  };
  const payload = data.subarray(Math.min(offset, end), end);
  if (!followed || protocol === noNextHeader) return { layer, payload, next: undefined };
  return { layer, payload, next: ipProtocolKey(protocol) };
}
