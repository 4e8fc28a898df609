import { ipv4Text, linkAddressText } from './address-text';
import type { PrintContext } from './print-context';

/**
 * ARP and RARP (RFC 826, RFC 903) for IPv4 over 6-byte hardware addresses, as tcpdump prints
 * them: "ARP, Request who-has 192.0.2.1 tell 192.0.2.2, length 28". Other address families
 * show only the operation.
 */

const operationNames: ReadonlyMap<number, string> = new Map([
  [1, 'Request'],
  [2, 'Reply'],
  [3, 'Reverse Request'],
  [4, 'Reverse Reply'],
  [8, 'Inverse Request'],
  [9, 'Inverse Reply'],
  [10, 'NACK Reply'],
]);

export function printArp(context: PrintContext, offset: number, length: number, reverse: boolean): void {
  context.protocol = reverse ? 'rarp' : 'arp';
  if (!context.linkHeader) context.print(reverse ? 'RARP, ' : 'ARP, ');
  context.need(offset, 8);
  const protocol = context.uint16(offset + 2);
  const hardwareLength = context.byte(offset + 4);
  const protocolLength = context.byte(offset + 5);
  const operation = context.uint16(offset + 6);
  context.print(`${operationNames.get(operation) ?? `Unknown (${operation})`} `);
  if (protocol !== 0x0800 || protocolLength !== 4 || hardwareLength === 0) {
    context.print(`, length ${length}`);
    return;
  }
  const senderHardware = offset + 8;
  const senderProtocol = senderHardware + hardwareLength;
  const targetHardware = senderProtocol + 4;
  const targetProtocol = targetHardware + hardwareLength;
  context.need(offset, 8 + 2 * hardwareLength + 8);
  const data = context.data;
  switch (operation) {
    case 1: {
      context.print(`who-has ${ipv4Text(data, targetProtocol)}`);
      let nonZero = false;
      for (let index = 0; index < hardwareLength; index++) if (data[targetHardware + index]) nonZero = true;
      if (nonZero) context.print(` (${linkAddressText(data, targetHardware, hardwareLength)})`);
      context.print(` tell ${ipv4Text(data, senderProtocol)}`);
      break;
    }
    case 2:
      context.print(
        `${ipv4Text(data, senderProtocol)} is-at ${linkAddressText(data, senderHardware, hardwareLength)}`,
      );
      break;
    case 3:
      context.print(
        `who-is ${linkAddressText(data, targetHardware, hardwareLength)} tell ${linkAddressText(data, senderHardware, hardwareLength)}`,
      );
      break;
    case 4:
      context.print(
        `${linkAddressText(data, targetHardware, hardwareLength)} at ${ipv4Text(data, targetProtocol)}`,
      );
      break;
    default:
      break;
  }
  context.print(`, length ${length}`);
}
