import { printArp } from './arp';
import { printIpv4 } from './ipv4';
import { printIpv6 } from './ipv6';
import { printMpls } from './mpls';
import { printPppoe } from './pppoe';
import type { PrintContext } from './print-context';

/** The one table from EtherType to network-layer printer. False when none claims it. */
export function printByEtherType(
  context: PrintContext,
  etherType: number,
  offset: number,
  length: number,
): boolean {
  switch (etherType) {
    case 0x0800:
      printIpv4(context, offset, length);
      return true;
    case 0x86dd:
      printIpv6(context, offset, length);
      return true;
    case 0x8863:
    case 0x8864:
      printPppoe(context, offset, length);
      return true;
    case 0x8847:
    case 0x8848:
      printMpls(context, offset, length);
      return true;
    case 0x0806:
    case 0x8035:
      printArp(context, offset, length, etherType === 0x8035);
      return true;
    default:
      return false;
  }
}

/** Raw IP (LINKTYPE_RAW, IPV4, IPV6), tcpdump's ipN_print: the version nibble decides. */
export function printRawIp(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'ipn';
  if (length < 1) {
    context.print(`truncated-ip ${length}`);
    return;
  }
  const version = context.byte(offset) >>> 4;
  if (version === 4) printIpv4(context, offset, length);
  else if (version === 6) printIpv6(context, offset, length);
  else context.print(`unknown ip ${version}`);
}
