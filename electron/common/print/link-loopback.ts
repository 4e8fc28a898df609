import { printHexAndAscii } from './hex-dump';
import { printIpv4 } from './ipv4';
import { printIpv6 } from './ipv6';
import type { PrintContext } from './print-context';

/**
 * BSD loopback (LINKTYPE_NULL, LINKTYPE_LOOP): a four-byte address family in the capturing
 * host's byte order (NULL) or network order (LOOP). As tcpdump, a value with any of the upper
 * 16 bits set is taken to be byte-swapped. -e shows "AF IPv4 (2), length 72: ".
 */

const familyNames: ReadonlyMap<number, string> = new Map([
  [2, 'IPv4'],
  [7, 'OSI'],
  [16, 'Appletalk'],
  [23, 'IPX'],
  [24, 'IPv6'],
  [28, 'IPv6'],
  [30, 'IPv6'],
]);

export function printLoopback(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'null';
  context.need(offset, 4);
  const data = context.data;
  let family =
    (data[offset]! | (data[offset + 1]! << 8) | (data[offset + 2]! << 16) | (data[offset + 3]! << 24)) >>> 0;
  if (family & 0xffff0000)
    family = ((family & 0xff) << 24) | ((family & 0xff00) << 8) | ((family >>> 8) & 0xff00) | (family >>> 24);
  family >>>= 0;
  const header = context.quiet
    ? `${familyNames.get(family) ?? `Unknown AF ${family}`}, length ${length}: `
    : `AF ${familyNames.get(family) ?? 'Unknown'} (${family}), length ${length}: `;
  if (context.linkHeader) context.print(header);
  switch (family) {
    case 2:
      printIpv4(context, offset + 4, length - 4);
      return;
    case 24:
    case 28:
    case 30:
      printIpv6(context, offset + 4, length - 4);
      return;
    default:
      if (!context.linkHeader) context.print(header);
      printHexAndAscii(context, offset + 4, '\n\t', length - 4);
  }
}
