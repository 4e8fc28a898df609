/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766 §8): each message is preceded by its 2-byte length.
 * A segment may hold the start of a message that later segments finish; the message is then
 * read as far as it goes and flagged truncated. Bytes after the message (the next pipelined
 * message, RFC 7766 §6.2.1.1) are left as payload.
 */
import type { DnsLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import type { DecodeResult } from './decode-result';
import { readDnsMessage } from './dns-message';

const prefixLength = 2;

export function decodeDnsTcp(data: Uint8Array): DecodeResult<DnsLayer> {
  const length = data.length;
  if (length < prefixLength) {
    const layer = readDnsMessage(emptyBytes, 'tcp', false);
    layer.truncated = shortReason('dns-tcp', 'length prefix', prefixLength, length);
    return { layer, payload: emptyBytes, next: undefined };
  }
  const messageLength = (data[0]! << 8) | data[1]!;
  const end = prefixLength + messageLength;
  if (end > length) {
    const layer = readDnsMessage(data.subarray(prefixLength), 'tcp', false);
    // The cut is the first thing wrong; whatever the partial message says follows from it.
    layer.truncated = `dns-tcp: message needs ${messageLength} bytes, ${length - prefixLength} present`;
    return { layer, payload: emptyBytes, next: undefined };
  }
  const layer = readDnsMessage(data.subarray(prefixLength, end), 'tcp', false);
  return { layer, payload: end === length ? emptyBytes : data.subarray(end), next: undefined };
}
