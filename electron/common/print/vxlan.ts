import { printEthernet } from './link-ethernet';
import type { PrintContext } from './print-context';

/**
 * VXLAN (RFC 7348, UDP port 4789) as tcpdump prints it: "VXLAN, flags [I] (0x08), vni 100"
 * and, on the next line, the Ethernet frame it carries.
 */
export function printVxlan(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'vxlan';
  context.print('VXLAN');
  if (length < 8) {
    context.printInvalid();
    return;
  }
  const flags = context.byte(offset);
  const network = (context.byte(offset + 4) << 16) | context.uint16(offset + 5);
  context.print(
    `, flags [${flags & 0x08 ? 'I' : '.'}] (0x${flags.toString(16).padStart(2, '0')}), vni ${network}\n`,
  );
  printEthernet(context, offset + 8, length - 8);
}
