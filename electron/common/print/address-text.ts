/**
 * Addresses as `tcpdump -n` writes them. Dotted quads and IPv6 text (RFC 5952, with inet_ntop's
 * "::a.b.c.d" and "::ffff:a.b.c.d" forms, as tcpdump's addrtostr6) are the packet path's own, in
 * decode/address-text; the printer adds link-layer addresses at an offset.
 */

export { ipv4Text, ipv6Text } from '../decode/address-text';

/** Colon-separated hex bytes, as tcpdump prints MAC and other link-layer addresses. */
export function linkAddressText(data: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    if (index > 0) text += ':';
    const value = data[offset + index]!;
    text += (value < 16 ? '0' : '') + value.toString(16);
  }
  return text;
}
