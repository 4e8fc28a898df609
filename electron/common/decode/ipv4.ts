/**
 * IPv4 (RFC 791). Reads the header and options, trims the payload to the total length (so
 * Ethernet padding is not taken for data), and flags fragments (RFC 791 §3.2): only the first
 * fragment (offset 0) carries the transport header, so a later fragment has no next layer.
 * The header checksum is not verified: captures taken on the sending host often carry
 * offloaded, unfilled checksums.
 */
import type { Ipv4Layer } from '../model/layers';
import { ipv4Text } from './address-text';
import { emptyBytes, shortReason } from './bytes';
import { ipProtocolKey, type DecodeResult } from './decode-result';

const minimumHeaderLength = 20;

function shortLayer(data: Uint8Array, reason: string): DecodeResult<Ipv4Layer> {
  const length = data.length;
  const layer: Ipv4Layer = {
    kind: 'ipv4',
    headerLength: length > 0 ? (data[0]! & 0x0f) * 4 : 0,
    tos: length > 1 ? data[1]! : 0,
    totalLength: length > 3 ? (data[2]! << 8) | data[3]! : 0,
    identification: length > 5 ? (data[4]! << 8) | data[5]! : 0,
    dontFragment: length > 6 ? (data[6]! & 0x40) !== 0 : false,
    moreFragments: length > 6 ? (data[6]! & 0x20) !== 0 : false,
    fragmentOffset: length > 7 ? (((data[6]! << 8) | data[7]!) & 0x1fff) * 8 : 0,
    ttl: length > 8 ? data[8]! : 0,
    protocol: length > 9 ? data[9]! : 0,
    checksum: length > 11 ? (data[10]! << 8) | data[11]! : 0,
    source: length >= 16 ? ipv4Text(data, 12) : '',
    destination: length >= 20 ? ipv4Text(data, 16) : '',
    options: emptyBytes,
    truncated: reason,
  };
  return { layer, payload: emptyBytes, next: undefined };
}

export function decodeIpv4(data: Uint8Array): DecodeResult<Ipv4Layer> {
  const length = data.length;
  if (length < minimumHeaderLength)
    return shortLayer(data, shortReason('ipv4', 'header', minimumHeaderLength, length));
  const first = data[0]!;
  if (first >> 4 !== 4) return shortLayer(data, `ipv4: version ${first >> 4} != 4`);
  const headerLength = (first & 0x0f) * 4;
  if (headerLength < minimumHeaderLength)
    return shortLayer(data, `ipv4: header length ${headerLength} < ${minimumHeaderLength}`);
  if (length < headerLength)
    return shortLayer(data, shortReason('ipv4', 'header with options', headerLength, length));
  const totalLength = (data[2]! << 8) | data[3]!;
  const flagsAndOffset = (data[6]! << 8) | data[7]!;
  const fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
  let truncated: string | undefined;
  let end = totalLength;
  if (totalLength === 0) {
    // TCP segmentation offload hands the capture a super-packet whose total length is 0;
    // tcpdump then takes the captured length, and so do we.
    end = length;
  } else if (totalLength < headerLength) {
    truncated = `ipv4: total length ${totalLength} < header length ${headerLength}`;
    end = headerLength;
  } else if (totalLength > length) {
    truncated = `ipv4: total length ${totalLength}, ${length} bytes present`;
    end = length;
  }
  const protocol = data[9]!;
  const layer: Ipv4Layer = {
    kind: 'ipv4',
    headerLength,
    tos: data[1]!,
    totalLength,
    identification: (data[4]! << 8) | data[5]!,
    dontFragment: (flagsAndOffset & 0x4000) !== 0,
    moreFragments: (flagsAndOffset & 0x2000) !== 0,
    fragmentOffset,
    ttl: data[8]!,
    protocol,
    checksum: (data[10]! << 8) | data[11]!,
    source: ipv4Text(data, 12),
    destination: ipv4Text(data, 16),
    options:
      headerLength === minimumHeaderLength ? emptyBytes : data.subarray(minimumHeaderLength, headerLength),
    truncated,
  };
  const payload = data.subarray(headerLength, end);
  if (fragmentOffset !== 0 || (totalLength !== 0 && totalLength < headerLength))
    return { layer, payload, next: undefined };
  return { layer, payload, next: ipProtocolKey(protocol) };
}
