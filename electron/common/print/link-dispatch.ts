import type { Frame } from '../model/frame';
import {
  printCiscoHdlc,
  printIpnet,
  printIpOverInfiniband,
  printNflog,
  printPpp,
} from './link-encapsulations';
import { printEthernet } from './link-ethernet';
import { printPktap } from './link-pktap';
import { broadcomTag, dsaTag, edsaTag, printBroadcomTag } from './link-switch-tags';
import { printLinuxSll, printLinuxSll2 } from './link-cooked';
import { printLoopback } from './link-loopback';
import { printRawIp } from './network-dispatch';
import type { PrintContext } from './print-context';

/**
 * The one table from link type (https://www.tcpdump.org/linktypes.html) to link printer.
 * Frames of any other link type print "[|unsupported link type N]", in the style of tcpdump's
 * truncation marker: the printer has nothing it can decode in them.
 */
export function printLinkLayer(context: PrintContext, frame: Frame): void {
  printLinkType(context, frame.linkType, 0, frame.originalLength);
}

/** The link header of `linkType` at `offset`, then what it carries. */
export function printLinkType(context: PrintContext, linkType: number, offset: number, length: number): void {
  switch (linkType) {
    case 1:
      printEthernet(context, offset, length);
      return;
    case 0:
    case 108:
      printLoopback(context, offset, length);
      return;
    case 12:
    case 14:
    case 101:
    case 228:
    case 229:
      // tcpdump's raw_if_print (12 and 14 are DLT_RAW on some BSDs): "ip: " under -e.
      if (context.linkHeader) context.print('ip: ');
      printRawIp(context, offset, length);
      return;
    case 113:
      printLinuxSll(context, offset, length);
      return;
    case 276:
      printLinuxSll2(context, offset, length);
      return;
    case 9:
    case 50:
      printPpp(context, offset, length);
      return;
    case 104:
      printCiscoHdlc(context, offset, length);
      return;
    case 226:
      printIpnet(context, offset, length);
      return;
    case 239:
      printNflog(context, offset, length);
      return;
    case 242:
      printIpOverInfiniband(context, offset, length);
      return;
    case 258:
    case 149:
      printPktap(context, offset, length);
      return;
    case 281:
      printEthernet(context, offset, length, broadcomTag);
      return;
    case 282:
      // The Broadcom tag before the whole frame: shown only with -e.
      context.protocol = 'brcm-tag-prepend';
      context.need(offset, 4);
      if (context.linkHeader) printBroadcomTag(context, offset);
      printEthernet(context, offset + 4, length - 4);
      return;
    case 284:
      printEthernet(context, offset, length, dsaTag);
      return;
    case 285:
      printEthernet(context, offset, length, edsaTag);
      return;
    default:
      context.print(`[|unsupported link type ${linkType}]`);
  }
}

/** Link types `printLinkLayer` decodes. */
export const printableLinkTypes: ReadonlySet<number> = new Set([
  0, 1, 9, 12, 14, 50, 101, 104, 108, 113, 149, 226, 228, 229, 239, 242, 258, 276, 281, 282, 284, 285,
]);
