import { etherTypeNames } from './ethertype-names';
import { printEthernet } from './link-ethernet';
import { printByEtherType } from './network-dispatch';
import type { PrintContext } from './print-context';

/**
 * Geneve (RFC 8926, UDP port 6081) as tcpdump prints it: "Geneve, Flags [C], vni 0xa,
 * options [...]", then the inner packet after ": " (on a new line with -v).
 */
const flagLetters: [number, string][] = [
  [0x80, 'O'],
  [0x40, 'C'],
  [0x20, 'R1'],
  [0x10, 'R2'],
  [0x08, 'R3'],
  [0x04, 'R4'],
  [0x02, 'R5'],
  [0x01, 'R6'],
];

function optionClassName(value: number): string {
  const vendors: Record<number, string> = {
    0x0100: 'Linux',
    0x0101: 'Open vSwitch',
    0x0102: 'Open Virtual Networking (OVN)',
    0x0103: 'In-band Network Telemetry (INT)',
    0x0104: 'VMware',
    0x0107: 'Oracle',
  };
  if (vendors[value]) return vendors[value];
  if (value <= 0x00ff) return 'Standard';
  if (value >= 0xfff0) return 'Experimental';
  return 'Unknown';
}

export function printGeneve(context: PrintContext, start: number, total: number): void {
  context.protocol = 'geneve';
  context.print('Geneve');
  if (total < 8) {
    context.print(` [len ${total} < 8]`);
    context.printInvalid();
    return;
  }
  const versionAndOptions = context.byte(start);
  if (versionAndOptions >> 6 !== 0) {
    context.print(` ERROR: unknown-version ${versionAndOptions >> 6}`);
    context.printInvalid();
    return;
  }
  const flags = context.byte(start + 1);
  const protocol = context.uint16(start + 2);
  const network = (context.byte(start + 4) << 16) | context.uint16(start + 5);
  const reserved = context.byte(start + 7);
  const letters = flagLetters
    .filter(([bit]) => flags & bit)
    .map(([, letter]) => letter)
    .join('');
  context.print(`, Flags [${letters || 'none'}], vni 0x${network.toString(16)}`);
  if (reserved) context.print(`, rsvd 0x${reserved.toString(16)}`);
  if (context.linkHeader)
    context.print(
      `, proto ${etherTypeNames.get(protocol) ?? 'unknown'} (0x${protocol.toString(16).padStart(4, '0')})`,
    );
  let offset = start + 8;
  let length = total - 8;
  const optionsLength = (versionAndOptions & 0x3f) * 4;
  if (length < optionsLength) {
    context.print(` (opts_len ${optionsLength} > ${length}`);
    context.printInvalid();
    return;
  }
  if (optionsLength > 0) {
    context.print(', options [');
    if (context.verbosity > 0) {
      if (!printOptions(context, offset, optionsLength)) return;
    } else {
      context.need(offset, optionsLength);
      context.print(`${optionsLength} bytes`);
    }
    context.print(']');
  }
  offset += optionsLength;
  length -= optionsLength;
  context.print(context.verbosity < 1 ? ': ' : '\n\t');
  if (printByEtherType(context, protocol, offset, length)) return;
  if (protocol === 0x6558) printEthernet(context, offset, length);
  else context.print(`geneve-proto-0x${protocol.toString(16)}`);
}

function printOptions(context: PrintContext, start: number, total: number): boolean {
  let offset = start;
  let length = total;
  let separator = '';
  while (length > 0) {
    if (length < 4) {
      context.print(` [remaining options length ${length} < 4]`);
      context.printInvalid();
      return false;
    }
    context.print(separator);
    separator = ', ';
    const optionClass = context.uint16(offset);
    const type = context.byte(offset + 2);
    const optionLength = 4 + (context.byte(offset + 3) & 0x1f) * 4;
    context.print(
      `class ${optionClassName(optionClass)} (0x${optionClass.toString(16)}) type 0x${type.toString(16)}${type & 0x80 ? '(C)' : ''} len ${optionLength}`,
    );
    if (optionLength > length) {
      context.print(' [bad length]');
      context.printInvalid();
      return false;
    }
    if (context.verbosity > 1 && optionLength > 4) {
      context.print(' data');
      for (let index = 4; index < optionLength; index += 4)
        context.print(
          ` ${context
            .uint32(offset + index)
            .toString(16)
            .padStart(8, '0')}`,
        );
    } else context.need(offset, optionLength);
    offset += optionLength;
    length -= optionLength;
  }
  return true;
}
