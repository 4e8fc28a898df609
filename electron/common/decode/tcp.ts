/**
 * TCP (RFC 9293 §3.1): header, flags and options. The payload is whatever follows the header
 * within the IP payload; it goes on to the port table only when there is some.
 */
import type { TcpLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import type { DecodeResult } from './decode-result';

const minimumHeaderLength = 20;

function shortLayer(data: Uint8Array, reason: string): DecodeResult<TcpLayer> {
  const length = data.length;
  const layer: TcpLayer = {
    kind: 'tcp',
    sourcePort: length >= 2 ? (data[0]! << 8) | data[1]! : 0,
    destinationPort: length >= 4 ? (data[2]! << 8) | data[3]! : 0,
    sequence: length >= 8 ? ((data[4]! << 24) | (data[5]! << 16) | (data[6]! << 8) | data[7]!) >>> 0 : 0,
    acknowledgment:
      length >= 12 ? ((data[8]! << 24) | (data[9]! << 16) | (data[10]! << 8) | data[11]!) >>> 0 : 0,
    headerLength: length >= 13 ? (data[12]! >> 4) * 4 : 0,
    flags: length >= 14 ? data[13]! : 0,
    window: length >= 16 ? (data[14]! << 8) | data[15]! : 0,
    checksum: length >= 18 ? (data[16]! << 8) | data[17]! : 0,
    urgentPointer: length >= 20 ? (data[18]! << 8) | data[19]! : 0,
    options: emptyBytes,
    payloadLength: 0,
    truncated: reason,
  };
  return { layer, payload: emptyBytes, next: undefined };
}

export function decodeTcp(data: Uint8Array): DecodeResult<TcpLayer> {
  const length = data.length;
  if (length < minimumHeaderLength)
    return shortLayer(data, shortReason('tcp', 'header', minimumHeaderLength, length));
  const headerLength = (data[12]! >> 4) * 4;
  if (headerLength < minimumHeaderLength)
    return shortLayer(data, `tcp: header length ${headerLength} < ${minimumHeaderLength}`);
  if (length < headerLength)
    return shortLayer(data, shortReason('tcp', 'header with options', headerLength, length));
  const sourcePort = (data[0]! << 8) | data[1]!;
  const destinationPort = (data[2]! << 8) | data[3]!;
  const layer: TcpLayer = {
    kind: 'tcp',
    sourcePort,
    destinationPort,
    sequence: ((data[4]! << 24) | (data[5]! << 16) | (data[6]! << 8) | data[7]!) >>> 0,
    acknowledgment: ((data[8]! << 24) | (data[9]! << 16) | (data[10]! << 8) | data[11]!) >>> 0,
    headerLength,
    flags: data[13]!,
    window: (data[14]! << 8) | data[15]!,
    checksum: (data[16]! << 8) | data[17]!,
    urgentPointer: (data[18]! << 8) | data[19]!,
    options:
      headerLength === minimumHeaderLength ? emptyBytes : data.subarray(minimumHeaderLength, headerLength),
    payloadLength: length - headerLength,
    truncated: undefined,
  };
  if (length === headerLength) return { layer, payload: emptyBytes, next: undefined };
  return {
    layer,
    payload: data.subarray(headerLength),
    next: { table: 'tcp-port', sourcePort, destinationPort },
  };
}
