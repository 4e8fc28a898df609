import type { Frame } from '../model/frame';
import { printEthernet } from './link-ethernet';
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
  const length = frame.originalLength;
  switch (frame.linkType) {
    case 1:
      printEthernet(context, 0, length);
      return;
    case 0:
    case 108:
      printLoopback(context, 0, length);
      return;
    case 101:
    case 228:
    case 229:
      // tcpdump's raw_if_print: "ip: " stands in for the link header under -e.
      if (context.linkHeader) context.print('ip: ');
      printRawIp(context, 0, length);
      return;
    case 113:
      printLinuxSll(context, 0, length);
      return;
    case 276:
      printLinuxSll2(context, 0, length);
      return;
    default:
      context.print(`[|unsupported link type ${frame.linkType}]`);
  }
}

/** Link types `printLinkLayer` decodes. */
export const printableLinkTypes: ReadonlySet<number> = new Set([0, 1, 101, 108, 113, 228, 229, 276]);
