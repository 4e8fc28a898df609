/**
 * Raw IP link types carry no link header. LINKTYPE_RAW (101) may hold IPv4 or IPv6, told apart
 * by the version nibble; LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) are fixed, and their IP
 * decoder reports a wrong version itself (as tcpdump does: "[version 6 != 4] (invalid)").
 */
import { etherTypeKey, type NextKey } from './decode-result';

const ipv4 = etherTypeKey(0x0800);
const ipv6 = etherTypeKey(0x86dd);

/** The IP decoder for a LINKTYPE_RAW frame, or undefined when the version is neither 4 nor 6. */
export function rawIpNextKey(data: Uint8Array): NextKey | undefined {
  if (data.length === 0) return undefined;
  const version = data[0]! >> 4;
  if (version === 4) return ipv4;
  if (version === 6) return ipv6;
  return undefined;
}
