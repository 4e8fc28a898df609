import { etherTypeNames } from './ethertype-names';
import type { SwitchTag } from './link-ethernet';
import type { PrintContext } from './print-context';

/**
 * Tags Ethernet switches insert after the MAC addresses, as tcpdump 4.99 prints them:
 * Marvell DSA and EDSA (LINKTYPE_DSA_TAG_DSA 284, LINKTYPE_DSA_TAG_EDSA 285) and the
 * Broadcom tag (LINKTYPE_DSA_TAG_BRCM 281, and 282 where it precedes the frame).
 */

const dsaModes = ['To CPU', 'From CPU', 'To Sniffer', 'Forward'];
const dsaCodes = [
  'BPDU (MGMT) Trap',
  'Frame2Reg',
  'IGMP/MLD Trap',
  'Policy Trap',
  'ARP Mirror',
  'Policy Mirror',
];

/** The four bytes common to DSA and EDSA. */
function printDsaFields(context: PrintContext, offset: number): void {
  const [first, second, third, fourth] = [0, 1, 2, 3].map((index) => context.byte(offset + index)) as [
    number,
    number,
    number,
    number,
  ];
  const mode = first >> 6;
  const tagged = (first & 0x20) !== 0;
  const device = first & 0x1f;
  const port = second >> 3;
  const trunk = (second & 0x04) !== 0;
  const vlan = ((third & 0x0f) << 8) | fourth;
  const priority = third >> 5;
  if (context.linkHeader) {
    let text = `mode ${dsaModes[mode]}, `;
    if (mode === 3) text += `dev ${device}, ${trunk ? 'trunk' : 'port'} ${port}, `;
    else if (mode === 1) text += `target dev ${device}, port ${port}, `;
    else if (mode === 0)
      text += `source dev ${device}, port ${port}, code ${dsaCodes[(((second & 0x06) >> 1) << 1) | ((third & 0x10) >> 4)] ?? 'reserved'}, `;
    else text += `source dev ${device}, port ${port}, ${trunk ? 'ingress' : 'egress'} sniff, `;
    text += `${tagged ? 'tagged' : 'untagged'}, ${second & 0x01 ? 'CFI, ' : ''}VID ${vlan}, FPri ${priority}, `;
    context.print(text);
    return;
  }
  if (mode === 3) context.print(`Forward ${trunk ? 'trunk' : 'port'} ${device}.${port}, `);
  else if (mode === 1) context.print(`CPU > port ${device}.${port}, `);
  else if (mode === 0) context.print(`port ${device}.${port} > CPU, `);
  else context.print(`port ${device}.${port} > ${trunk ? 'Rx' : 'Tx'} Sniffer, `);
  context.print(`VLAN ${vlan}${tagged ? 't' : 'u'}, `);
}

export const dsaTag: SwitchTag = {
  length: 4,
  print(context, offset) {
    context.print(context.linkHeader ? 'Marvell DSA ' : 'DSA ');
    printDsaFields(context, offset);
  },
};

export const edsaTag: SwitchTag = {
  length: 8,
  print(context, offset) {
    const etherType = context.uint16(offset);
    const hex = etherType.toString(16).padStart(4, '0');
    if (context.linkHeader) {
      context.print(
        `Marvell EDSA ethertype 0x${hex} (${etherTypeNames.get(etherType) ?? 'Unknown'}), rsvd ${context.byte(offset + 2)} ${context.byte(offset + 3)}, `,
      );
    } else {
      context.print(`EDSA 0x${hex}, `);
    }
    printDsaFields(context, offset + 4);
  },
};

const tagEgressReasons: ReadonlyMap<number, string> = new Map([
  [1, 'mirror'],
  [2, 'MAC learning'],
  [4, 'switching'],
  [8, 'prot term'],
  [16, 'prot snoop'],
  [32, 'exception'],
]);
const tagEnforcement = ['None', 'Untag', 'Header', 'Reserved'];

/** The four-byte Broadcom tag: ingress (to the switch) or egress (from it). */
export function printBroadcomTag(context: PrintContext, offset: number): void {
  const [first, second, third, fourth] = [0, 1, 2, 3].map((index) => context.byte(offset + index)) as [
    number,
    number,
    number,
    number,
  ];
  let text = `BRCM tag OP: ${first ? 'IG' : 'EG'}`;
  if (first & (1 << 5)) {
    text += `, TC: ${(second >> 2) & 0x07}, TE: ${tagEnforcement[second & 0x03]}, TS: ${second >> 7}`;
    text += `, DST map: 0x${(((third << 8) | fourth) & 0x1ff).toString(16).padStart(4, '0')}`;
  } else {
    text += `, CID: ${second}, RC: ${tagEgressReasons.get(third) ?? 'reserved'}, TC: ${(fourth >> 5) & 0x07}, port: ${fourth & 0x1f}`;
  }
  context.print(`${text}, `);
}

export const broadcomTag: SwitchTag = { length: 4, print: printBroadcomTag };
