import { finishChecksum, onesComplementSum } from './internet-checksum';
import type { IpHeaderInfo } from './ip-header-info';

/**
 * Verifies a UDP, TCP or ICMPv6 checksum over the pseudo-header (RFC 768, RFC 793, RFC 8200
 * §8.1) and `length` bytes from `offset`. Returns 0 when it verifies, as tcpdump's in_cksum.
 */
export function transportChecksum(
  data: Uint8Array,
  ip: IpHeaderInfo,
  protocol: number,
  offset: number,
  length: number,
): number {
  let sum = onesComplementSum(data, offset, offset + length);
  if (ip.version === 4) {
    sum += onesComplementSum(data, ip.offset + 12, ip.offset + 16);
    sum += onesComplementSum(data, ip.pseudoDestinationOffset, ip.pseudoDestinationOffset + 4);
    sum += protocol + (length & 0xffff);
  } else {
    sum += onesComplementSum(data, ip.offset + 8, ip.offset + 24);
    sum += onesComplementSum(data, ip.pseudoDestinationOffset, ip.pseudoDestinationOffset + 16);
    sum += Math.floor(length / 0x10000) + (length & 0xffff) + protocol;
  }
  return finishChecksum(sum);
}
