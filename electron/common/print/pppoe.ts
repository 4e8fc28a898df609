import { printHexAndAscii } from './hex-dump';
import { printPpp } from './link-encapsulations';
import type { PrintContext } from './print-context';

/**
 * PPP over Ethernet (RFC 2516; EtherTypes 0x8863 discovery, 0x8864 session), as tcpdump's
 * pppoe_print: "PPPoE  [ses 0xc3] " and the PPP frame of a session packet. Discovery tags are
 * shown as bytes.
 */
const codeNames: Record<number, string> = {
  0x00: '',
  0x09: 'PADI',
  0x07: 'PADO',
  0x19: 'PADR',
  0x65: 'PADS',
  0xa7: 'PADT',
};

export function printPppoe(context: PrintContext, offset: number, total: number): void {
  context.protocol = 'pppoe';
  if (total < 6) {
    context.print(` (length ${total} < 6)`);
    context.printInvalid();
    return;
  }
  const length = total - 6;
  context.need(offset, 6);
  const first = context.byte(offset);
  const code = context.byte(offset + 1);
  const session = context.uint16(offset + 2);
  let payloadLength = context.uint16(offset + 4);
  if (first >> 4 !== 1) context.print(` [ver ${first >> 4}]`);
  if ((first & 0x0f) !== 1) context.print(` [type ${first & 0x0f}]`);
  context.print(`PPPoE ${codeNames[code] ?? `PAD-${code.toString(16)}`}`);
  if (code === 0x09 && payloadLength > 1484 - 6) context.print(` [len ${payloadLength}!]`);
  if (payloadLength > length) {
    context.print(` [len ${payloadLength} > ${length}!]`);
    payloadLength = length;
  }
  if (session) context.print(` [ses 0x${session.toString(16)}]`);
  if (code) {
    printHexAndAscii(context, offset + 6, '\n\t', payloadLength);
    return;
  }
  context.print(' ');
  printPpp(context, offset + 6, payloadLength);
}
