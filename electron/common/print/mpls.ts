import { printHexAndAscii } from './hex-dump';
import { printIpv4 } from './ipv4';
import { printIpv6 } from './ipv6';
import type { PrintContext } from './print-context';

/**
 * An MPLS label stack (RFC 3032) and what it carries, as tcpdump's mpls_print:
 * "MPLS (label 21, tc 0, [S], ttl 63) IP ...". The payload's protocol is not in the stack;
 * as tcpdump, reserved labels 0, 2 and 3 name it, and otherwise the first byte is guessed.
 */
const reservedLabelNames = ['IPv4 explicit NULL', 'router alert', 'IPv6 explicit NULL', 'implicit NULL'];

export function printMpls(context: PrintContext, start: number, total: number): void {
  context.protocol = 'mpls';
  context.print('MPLS');
  let offset = start;
  let length = total;
  let depth = 0;
  let entry: number;
  do {
    if (length < 4) {
      context.printInvalid();
      return;
    }
    entry = context.uint32(offset);
    const label = entry >>> 12;
    context.print(`${depth && context.verbosity > 0 ? '\n\t' : ' '}(label ${label}`);
    depth++;
    if (context.verbosity > 0 && label < 16) context.print(` (${reservedLabelNames[label] ?? 'rsvd'})`);
    context.print(`, tc ${(entry >>> 9) & 0x07}`);
    if (entry & 0x100) context.print(', [S]');
    context.print(`, ttl ${entry & 0xff})`);
    offset += 4;
    length -= 4;
  } while (!(entry & 0x100));
  const label = entry >>> 12;
  let version = label === 0 || label === 3 ? 4 : label === 2 ? 6 : 0;
  if (version === 0) {
    if (length < 1) return;
    const first = context.byte(offset);
    version = first >= 0x45 && first <= 0x4f ? 4 : first >= 0x60 && first <= 0x6f ? 6 : 0;
  }
  if (version === 0) {
    printHexAndAscii(context, offset, '\n\t', length);
    return;
  }
  context.print(context.verbosity > 0 ? '\n\t' : ' ');
  if (version === 4) printIpv4(context, offset, length);
  else printIpv6(context, offset, length);
}
