/**
 * UDP (RFC 768). The length field covers header and data; the payload is trimmed to it. The
 * checksum is kept, not verified (offloaded checksums are common in captures). The payload
 * goes on to the port table only when there is some.
 */
import type { UdpLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import type { DecodeResult } from './decode-result';

const headerLength = 8;

export function decodeUdp(data: Uint8Array): DecodeResult<UdpLayer> {
  const length = data.length;
  if (length < headerLength) {
    const layer: UdpLayer = {
      kind: 'udp',
      sourcePort: length >= 2 ? (data[0]! << 8) | data[1]! : 0,
      destinationPort: length >= 4 ? (data[2]! << 8) | data[3]! : 0,
      length: length >= 6 ? (data[4]! << 8) | data[5]! : 0,
      checksum: 0,
      truncated: shortReason('udp', 'header', headerLength, length),
    };
    return { layer, payload: emptyBytes, next: undefined };
  }
  const sourcePort = (data[0]! << 8) | data[1]!;
  const destinationPort = (data[2]! << 8) | data[3]!;
  const udpLength = (data[4]! << 8) | data[5]!;
  let truncated: string | undefined;
  let end = udpLength;
  if (udpLength < headerLength) {
    truncated = `udp: length ${udpLength} < ${headerLength}`;
    end = headerLength;
  } else if (udpLength > length) {
    truncated = `udp: length ${udpLength}, ${length} bytes present`;
    end = length;
  }
  const layer: UdpLayer = {
    kind: 'udp',
    sourcePort,
    destinationPort,
    length: udpLength,
    checksum: (data[6]! << 8) | data[7]!,
    truncated,
  };
  const payload = data.subarray(headerLength, end);
  if (payload.length === 0 || udpLength < headerLength) return { layer, payload, next: undefined };
  return { layer, payload, next: { table: 'udp-port', sourcePort, destinationPort } };
}
