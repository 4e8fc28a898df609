import type { DecodedPacket } from '../model/packet';
import { PacketPrinter } from './packet-printer';
import type { PrintOptions } from './print-options';

const printers = new WeakMap<PrintOptions, PacketPrinter>();

/**
 * One packet in tcpdump's `-n` format, e.g.
 * "13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)".
 * Calls with the same options object share one `PacketPrinter`, so relative TCP sequence
 * numbers and -ttt deltas carry from packet to packet; pass the packets in capture order.
 */
export function formatPacketLine(packet: DecodedPacket, options: PrintOptions): string {
  let printer = printers.get(options);
  if (!printer) {
    printer = new PacketPrinter(options);
    printers.set(options, printer);
  }
  return printer.format(packet);
}
