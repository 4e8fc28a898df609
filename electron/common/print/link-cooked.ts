import { linkAddressText } from './address-text';
import { etherTypeNames, etherTypeText } from './ethertype-names';
import { printHexAndAscii } from './hex-dump';
import { printByEtherType } from './network-dispatch';
import type { PrintContext } from './print-context';

/**
 * Linux cooked captures (LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2), as tcpdump's sll_if_print
 * and sll2_if_print. SLL2 always leads with the interface name and packet direction; this
 * printer cannot know the capturing machine's interface names and writes "?" as tcpdump does
 * when the index is unknown.
 */

const packetTypes = ['In', 'B', 'M', 'P', 'Out'];

function headerText(
  context: PrintContext,
  addressLength: number,
  addressOffset: number,
  protocol: number,
  length: number,
): string {
  let text = '';
  if (addressLength === 6) text += `${linkAddressText(context.data, addressOffset, 6)} `;
  if (!context.quiet) {
    if (protocol <= 1500)
      text +=
        protocol === 0x0001
          ? '802.3'
          : protocol === 0x0004
            ? '802.2'
            : `ethertype Unknown (0x${protocol.toString(16).padStart(4, '0')})`;
    else text += `ethertype ${etherTypeText(protocol)}`;
    text += `, length ${length}: `;
  }
  return text;
}

export function printLinuxSll(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'sll';
  context.need(offset, 16);
  const packetType = context.uint16(offset);
  const addressLength = context.uint16(offset + 4);
  const protocol = context.uint16(offset + 14);
  const header = `${(packetTypes[packetType] ?? '?').padStart(3)} ${headerText(context, addressLength, offset + 6, protocol, length)}`;
  if (context.linkHeader) context.print(header);
  printCookedPayload(context, protocol, offset + 16, length - 16, header);
}

export function printLinuxSll2(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'sll2';
  context.need(offset, 20);
  const protocol = context.uint16(offset);
  const interfaceIndex = context.uint32(offset + 4);
  const packetType = context.byte(offset + 10);
  const addressLength = context.byte(offset + 11);
  const name = context.interfaceNames.get(interfaceIndex) ?? '?';
  context.print(`${name.padEnd(5)} ${(packetTypes[packetType] ?? '?').padEnd(3)} `);
  const header = `ifindex ${interfaceIndex} ${headerText(context, addressLength, offset + 12, protocol, length)}`;
  if (context.linkHeader) context.print(header);
  printCookedPayload(context, protocol, offset + 20, length - 20, header);
}

function printCookedPayload(
  context: PrintContext,
  firstProtocol: number,
  start: number,
  total: number,
  header: string,
): void {
  let protocol = firstProtocol;
  let offset = start;
  let length = total;
  while (protocol === 0x8100) {
    context.protocol = 'vlan';
    const tag = context.uint16(offset);
    if (context.linkHeader)
      context.print(`vlan ${tag & 0x0fff}, p ${tag >>> 13}${tag & 0x1000 ? ', DEI' : ''}, `);
    protocol = context.uint16(offset + 2);
    if (!context.quiet)
      context.print(
        `ethertype ${protocol <= 1500 ? '802.2' : (etherTypeNames.get(protocol) ?? 'Unknown')}, `,
      );
    offset += 4;
    length -= 4;
  }
  if (protocol > 1500 && printByEtherType(context, protocol, offset, length)) return;
  if (!context.linkHeader && protocol > 1500) context.print(header);
  printHexAndAscii(context, offset, '\n\t', length);
}
