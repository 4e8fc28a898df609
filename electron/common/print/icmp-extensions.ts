import { hex16 } from './hex-text';
import { printUnknownData } from './hex-dump';
import { finishChecksum, onesComplementSum } from './internet-checksum';
import type { PrintContext } from './print-context';

/**
 * RFC 4884 multi-part ICMP extensions (with RFC 4950 MPLS label stack objects), printed under
 * -v after an error's quoted datagram, as tcpdump 4.99 does. The extension structure starts
 * 128 bytes into the original-datagram field, that is 136 bytes into the ICMP message.
 */

const extensionOffset = 136;
const objectClassNames: ReadonlyMap<number, string> = new Map([
  [1, 'MPLS Stack Entry'],
  [2, 'Interface Identification'],
]);

export function printIcmpExtensions(context: PrintContext, offset: number, length: number): void {
  // tcpdump checks the whole fixed part of its extension structure is present first.
  context.need(offset, extensionOffset + 5);
  const data = context.data;
  const extension = offset + extensionOffset;
  const extensionLength = length - extensionOffset;
  // Without RFC 4884's length field, only a valid extension checksum says one is there.
  if (data[offset + 5] === 0 && context.has(extension, extensionLength)) {
    if (finishChecksum(onesComplementSum(data, extension, extension + extensionLength)) !== 0) return;
  }
  const version = data[extension]! >>> 4;
  context.print(`\n\tICMP Multi-Part extension v${version}`);
  if (version !== 2) {
    context.print(' packet not supported');
    return;
  }
  let remaining = extensionLength;
  if (context.has(extension, remaining)) {
    const valid = finishChecksum(onesComplementSum(data, extension, extension + remaining)) === 0;
    context.print(
      `, checksum 0x${hex16(context.uint16(extension + 2))} (${valid ? '' : 'in'}correct), length ${remaining}`,
    );
  }
  remaining -= 4;
  let object = extension + 4;
  while (remaining > 4) {
    context.need(object, 4);
    let objectLength = context.uint16(object);
    const classNumber = data[object + 2]!;
    const classType = data[object + 3]!;
    object += 4;
    context.print(
      `\n\t  ${objectClassNames.get(classNumber) ?? 'unknown'} Object (${classNumber}), Class-Type: ${classType}, length ${objectLength}`,
    );
    remaining -= 4;
    // A zero class or a length shorter than the header would never advance.
    if (classNumber === 0 || objectLength < 4) return;
    objectLength -= 4;
    if (classNumber === 1 && classType === 1) {
      const entry = context.uint32(object);
      context.print(`\n\t    label ${entry >>> 12}, tc ${(entry >>> 9) & 0x07}`);
      if ((entry >>> 8) & 1) context.print(', [S]');
      context.print(`, ttl ${entry & 0xff}`);
    } else {
      printUnknownData(context, object, '\n\t    ', objectLength);
    }
    if (remaining < objectLength) break;
    remaining -= objectLength;
    object += objectLength;
  }
}
