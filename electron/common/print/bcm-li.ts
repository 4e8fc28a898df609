import { printEthernet } from './link-ethernet';
import { printIpv4 } from './ipv4';
import { printIpv6 } from './ipv6';
import type { PrintContext } from './print-context';

/**
 * Broadcom lawful-intercept shim (UDP from port 49152), as tcpdump's bcm_li_print: a 4-byte
 * header, then, under -v, the intercepted packet.
 */
const directions: Record<number, string> = { 1: 'unused', 2: 'egress', 3: 'ingress' };
const packetTypes: Record<number, string> = { 4: 'undecided', 5: 'ipv4', 6: 'ipv6', 7: 'ethernet' };
const packetSubtypes: Record<number, string> = { 1: 'single VLAN tag', 2: 'double VLAN tag', 3: 'untagged' };

export function printBroadcomIntercept(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'bcm_li';
  if (length < 4) {
    context.printTruncated();
    return;
  }
  const shim = context.uint32(offset);
  const type = (shim >>> 25) & 0x0f;
  context.print(
    `${context.verbosity > 0 ? '\n    ' : ''}BCM-LI-SHIM: direction ${directions[(shim >>> 29) & 0x07] ?? 'unknown'}, ` +
      `pkt-type ${packetTypes[type] ?? 'unknown'}, pkt-subtype ${packetSubtypes[(shim >>> 22) & 0x07] ?? 'unknown'}, li-id ${shim & 0x3fffff}`,
  );
  if (context.verbosity === 0) return;
  context.print('\n    ');
  const inner = offset + 4;
  const innerLength = length - 4;
  let version = type === 5 ? 4 : type === 6 ? 6 : 0;
  if (type === 7) {
    printEthernet(context, inner, innerLength);
    return;
  }
  if (type === 4) version = context.byte(inner) >> 4;
  if (version === 4) printIpv4(context, inner, innerLength);
  else if (version === 6) printIpv6(context, inner, innerLength);
  else if (type === 4) context.print('unknown payload');
}
