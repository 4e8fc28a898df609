import { linkAddressText } from './address-text';
import { etherTypeLabel, isVlanTag } from './ethertype-names';
import { printHexAndAscii } from './hex-dump';
import { printByEtherType } from './network-dispatch';
import type { PrintContext } from './print-context';

/** A switch's tag between the MAC addresses and the EtherType (Marvell DSA, Broadcom). */
export interface SwitchTag {
  length: number;
  /** Prints the tag (tersely without -e), ending with ", ". */
  print(context: PrintContext, offset: number): void;
}

/**
 * Ethernet II and 802.1Q/802.1ad tags (IEEE 802.3, 802.1Q), as tcpdump's ether_print. With
 * -e the header leads the line: "src > dst, ethertype IPv4 (0x0800), length 98: ", and each
 * tag adds "vlan 200, p 0, ethertype 802.1Q (0x8100), ". Without -e the tags are silent.
 * `length` is the frame's length on the wire.
 */
export function printEthernet(
  context: PrintContext,
  offset: number,
  length: number,
  switchTag?: SwitchTag,
): void {
  context.protocol = 'ether';
  const tagLength = switchTag ? switchTag.length : 0;
  context.need(offset, 14 + tagLength);
  const data = context.data;
  let etherType = context.uint16(offset + 12 + tagLength);
  const macOffset = offset;
  if (context.linkHeader) context.print(addresses(data, macOffset));
  // A switch tag sits where the EtherType would be; tcpdump shows it with or without -e.
  if (switchTag) switchTag.print(context, offset + 12);
  offset += tagLength;
  if (etherType <= 1500) {
    // IEEE 802.3 length field: an LLC frame, which this printer shows only as bytes.
    if (!context.linkHeader) context.print(addresses(data, macOffset));
    context.print(`802.3, length ${length}: `);
    printHexAndAscii(context, offset + 14, '\n\t', Math.min(etherType, length - 14));
    return;
  }
  if (context.linkHeader) context.print(`${etherTypeLabel(etherType, context.quiet)}, length ${length}: `);
  let position = offset + 14;
  let remaining = length - 14;
  while (isVlanTag(etherType) || etherType === 0x88e5) {
    if (etherType === 0x88e5) {
      // IEEE 802.1AE: only integrity-protected frames (neither E nor C set) can be read on.
      const sectag = readMacsecTag(context, position);
      if (sectag.encrypted) {
        context.printTruncated();
        return;
      }
      etherType = context.uint16(position + sectag.length);
      if (context.linkHeader) context.print(`${sectag.text}${etherTypeLabel(etherType, context.quiet)}, `);
      position += sectag.length + 2;
      // The 16-byte integrity check value closes the frame.
      remaining -= sectag.length + 2 + 16;
      continue;
    }
    context.protocol = 'vlan';
    const tag = context.uint16(position);
    etherType = context.uint16(position + 2);
    if (context.linkHeader) {
      const dropEligible = tag & 0x1000 ? ', DEI' : '';
      context.print(
        `vlan ${tag & 0x0fff}, p ${tag >>> 13}${dropEligible}, ${etherTypeLabel(etherType, context.quiet)}, `,
      );
    }
    position += 4;
    remaining -= 4;
  }
  if (printByEtherType(context, etherType, position, remaining)) return;
  if (!context.linkHeader)
    context.print(
      `${addresses(data, macOffset)}${etherTypeLabel(etherType, context.quiet)}, length ${length}: `,
    );
  printHexAndAscii(context, position, '\n\t', remaining);
}

const macsecFlags: [number, string][] = [
  [0x08, 'E'],
  [0x04, 'C'],
  [0x40, 'S'],
  [0x10, 'B'],
  [0x20, 'I'],
];

/** The MACsec SecTAG (IEEE 802.1AE §9.3): "an 0, pn 68, flags I, sci 2eb73f3995c30001, ". */
function readMacsecTag(
  context: PrintContext,
  offset: number,
): { length: number; encrypted: boolean; text: string } {
  context.protocol = 'macsec';
  const control = context.byte(offset);
  const shortLength = context.byte(offset + 1) & 0x3f;
  const withChannel = (control & 0x20) !== 0;
  const length = withChannel ? 14 : 6;
  context.need(offset, length);
  const flags = macsecFlags
    .filter(([bit]) => control & bit)
    .map(([, letter]) => letter)
    .join('');
  let text = `an ${control & 0x03}, pn ${context.uint32(offset + 2)}, flags ${flags || 'none'}`;
  if (shortLength !== 0) text += `, sl ${shortLength}`;
  if (withChannel) {
    let channel = '';
    for (let index = 0; index < 8; index++)
      channel += context
        .byte(offset + 6 + index)
        .toString(16)
        .padStart(2, '0');
    text += `, sci ${channel}`;
  }
  return { length, encrypted: (control & 0x0c) !== 0, text: `${text}, ` };
}

/** "source > destination, " — built only when printed, as most lines never show it. */
function addresses(data: Uint8Array, offset: number): string {
  return `${linkAddressText(data, offset + 6, 6)} > ${linkAddressText(data, offset, 6)}, `;
}
