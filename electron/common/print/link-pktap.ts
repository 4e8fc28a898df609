import { printHexAndAscii } from './hex-dump';
import { printLinkType } from './link-dispatch';
import type { PrintContext } from './print-context';

/**
 * Apple's PKTAP (LINKTYPE_PKTAP 258; older captures use USER2, 149): a header, in the
 * capturing host's byte order, naming the link type of the frame that follows. tcpdump
 * shows it with -e as "DLT EN10MB (1) len 108, length 182: ".
 */
const linkTypeNames: Record<number, string> = { 0: 'NULL', 1: 'EN10MB', 12: 'RAW', 101: 'RAW' };

export function printPktap(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'pktap';
  context.need(offset, 8);
  const data = context.data;
  const littleEndian32 = (at: number) =>
    (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0;
  const headerLength = littleEndian32(offset);
  const innerLinkType = littleEndian32(offset + 4);
  if (headerLength < 108 || headerLength > length) {
    context.print(`[|pktap]`);
    return;
  }
  if (context.linkHeader) {
    context.print(
      `DLT ${linkTypeNames[innerLinkType] ?? `#${innerLinkType}`} (${innerLinkType}) len ${headerLength}, length ${length}: `,
    );
  }
  if (innerLinkType === 0 || innerLinkType === 1 || innerLinkType === 12 || innerLinkType === 101) {
    printLinkType(context, innerLinkType, offset + headerLength, length - headerLength);
  } else {
    printHexAndAscii(context, offset + headerLength, '\n\t', length - headerLength);
  }
}
