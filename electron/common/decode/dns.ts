/**
 * DNS over UDP (RFC 1035 §4.2.1): the UDP payload is one message. Also LLMNR (RFC 4795), which
 * uses the same format on port 5355, and mDNS (RFC 6762) on port 5353, whose class fields
 * carry the unicast-response and cache-flush bits.
 */
import type { DnsLayer } from '../model/layers';
import { emptyBytes } from './bytes';
import type { DecodeResult } from './decode-result';
import { readDnsMessage } from './dns-message';

export function decodeDns(data: Uint8Array): DecodeResult<DnsLayer> {
  return { layer: readDnsMessage(data, 'udp', false), payload: emptyBytes, next: undefined };
}

export function decodeMulticastDns(data: Uint8Array): DecodeResult<DnsLayer> {
  return { layer: readDnsMessage(data, 'udp', true), payload: emptyBytes, next: undefined };
}
