import { ipv4Text, ipv6Text } from './address-text';
import { printName } from './dns-names';
import { tcpdumpEdnsOptionName } from '../decode/dns-names';
import { digestAlgorithmNames, nsec3HashNames, signingAlgorithmNames } from './dns-tables';
import { hexBytes } from './hex-text';
import type { PrintContext } from './print-context';

/**
 * One EDNS option inside an OPT record's brackets (RFC 6891 §6.1.2), as tcpdump's
 * eopt_print: "COOKIE a954d29208767b5c", "ECS 192.0.2.0/24/0", "PADDING (6)". Returns the
 * offset after the option, or -1 when it runs past the captured data.
 */
export function printEdnsOption(context: PrintContext, start: number): number {
  if (!context.has(start, 2)) return -1;
  const code = context.uint16(start);
  context.print(tcpdumpEdnsOptionName(code));
  if (!context.has(start + 2, 2)) return -1;
  const length = context.uint16(start + 2);
  const offset = start + 4;
  if (!context.has(offset, length)) return -1;
  if (length === 0) return offset;
  const data = context.data;
  context.print(' ');
  switch (code) {
    case 8:
      printClientSubnet(context, offset, length);
      break;
    case 10:
      // RFC 7873: an 8-byte client cookie, then 8 to 32 bytes of server cookie.
      if (length < 8 || (length > 8 && length < 16) || length > 40) context.printInvalid();
      else {
        let text = hexBytes(data, offset, offset + 8);
        if (length > 8) text += ` ${hexBytes(data, offset + 8, offset + length)}`;
        context.print(text);
      }
      break;
    case 11:
      // RFC 7828: the idle timeout in units of 100 milliseconds.
      if (length !== 2) context.printInvalid();
      else context.print(`${(context.uint16(offset) / 10).toFixed(1)} sec`);
      break;
    case 9:
      if (length !== 4) context.printInvalid();
      else context.print(`${context.uint32(offset)} sec`);
      break;
    case 12:
      context.print(`(${length})`);
      break;
    case 14:
      if (length % 2 !== 0) context.printInvalid();
      else {
        const tags: number[] = [];
        for (let index = 0; index < length; index += 2) tags.push(context.uint16(offset + index));
        context.print(tags.join(' '));
      }
      break;
    case 5:
    case 6:
    case 7: {
      const names = code === 5 ? signingAlgorithmNames : code === 6 ? digestAlgorithmNames : nsec3HashNames;
      const algorithms: string[] = [];
      for (let index = 0; index < length; index++) {
        const value = data[offset + index]!;
        algorithms.push(names.get(value) ?? `Alg_${value}`);
      }
      context.print(algorithms.join(' '));
      break;
    }
    case 13:
      // tcpdump passes the option's end as the compression base, which lets any pointer through.
      printName(context, offset, offset + length);
      break;
    default:
      context.print(hexBytes(data, offset, offset + length));
  }
  return offset + length;
}

/** RFC 7871 client subnet: "address/source prefix/scope prefix", the address zero-padded. */
function printClientSubnet(context: PrintContext, offset: number, length: number): void {
  if (length < 4) {
    context.printInvalid();
    return;
  }
  const family = context.uint16(offset);
  const sourcePrefix = context.data[offset + 2]!;
  const scopePrefix = context.data[offset + 3]!;
  const addressBits = family === 1 ? 32 : family === 2 ? 128 : 0;
  if (addressBits === 0 || length - 4 > addressBits / 8) {
    context.printInvalid();
    return;
  }
  if (
    sourcePrefix > addressBits ||
    scopePrefix > addressBits ||
    Math.floor((sourcePrefix + 7) / 8) !== length - 4
  ) {
    context.printInvalid();
    return;
  }
  const padded = new Uint8Array(16);
  padded.set(context.data.subarray(offset + 4, offset + length));
  const address = family === 1 ? ipv4Text(padded, 0) : ipv6Text(padded, 0);
  context.print(`${address}/${sourcePrefix}/${scopePrefix}`);
}
