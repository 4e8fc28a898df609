import { ipv4Text, ipv6Text } from './address-text';
import { printEdnsOption } from './dns-edns-option';
import { printCharacterString, printName, skipName } from './dns-names';
import { tcpdumpDnsClassName, tcpdumpDnsTypeName } from '../decode/dns-names';
import type { PrintContext } from './print-context';
import { printBytesAsText } from './printable-text';
import { relativeTimeText } from './relative-time-text';

/**
 * Questions and resource records (RFC 1035 §4.1.2, §4.1.3) as tcpdump's ns_qprint and
 * ns_rprint. Offsets are frame indices; -1 is tcpdump's NULL (stop with "[|domain]").
 */

/** RFC 6762 §5.4, §10.2: in mDNS the class's top bit asks for unicast / flushes the cache. */
const topClassBit = 0x8000;

/** " A? name." — the offset after the question, or -1. */
export function printQuestion(
  context: PrintContext,
  offset: number,
  base: number,
  multicastDns: boolean,
): number {
  const nameStart = offset;
  const after = skipName(context, offset);
  if (after === -1 || !context.has(after, 4)) return -1;
  const type = context.uint16(after);
  context.print(' ');
  context.print(tcpdumpDnsTypeName(type));
  const classField = context.uint16(after + 2);
  const classValue = multicastDns ? classField & ~topClassBit : classField;
  if (classValue !== 1) context.print(` ${tcpdumpDnsClassName(classValue)}`);
  if (multicastDns) context.print(classField & topClassBit ? ' (QU)' : ' (QM)');
  context.print('? ');
  const end = printName(context, nameStart, base);
  return end === -1 ? -1 : end + 4;
}

/**
 * One resource record: " name. A 192.0.2.1" (the name only with -v). Returns the offset of the
 * next record, `context.end` when the fixed fields are missing (tcpdump stops the section
 * there), or -1.
 */
export function printRecord(
  context: PrintContext,
  start: number,
  base: number,
  multicastDns: boolean,
): number {
  let offset = start;
  if (context.verbosity > 0) {
    context.print(' ');
    offset = printName(context, offset, base);
    if (offset === -1) return -1;
  } else {
    offset = skipName(context, offset);
  }
  if (offset === -1 || !context.has(offset, 10)) return context.end;

  const type = context.uint16(offset);
  const classField = context.uint16(offset + 2);
  const classValue = multicastDns ? classField & ~topClassBit : classField;
  if (classValue !== 1 && type !== 41) context.print(` ${tcpdumpDnsClassName(classValue)}`);
  if (multicastDns && classField & topClassBit) context.print(' (Cache flush)');
  let optionFlags = 0;
  if (type === 41) {
    // RFC 6891 §6.1.3: the TTL field holds the extended rcode, version and the DO flag.
    optionFlags = context.uint16(offset + 6);
  } else if (context.verbosity > 2) {
    context.print(` [${relativeTimeText(context.uint32(offset + 4))}]`);
  }
  const dataLength = context.uint16(offset + 8);
  let position = offset + 10;
  const next = position + dataLength;
  context.print(' ');
  context.print(tcpdumpDnsTypeName(type));
  if (next > context.end) return -1;

  switch (type) {
    case 1:
      if (!context.has(position, 4)) return -1;
      context.print(' ');
      context.print(ipv4Text(context.data, position));
      break;
    case 2:
    case 5:
    case 12:
    case 39:
      context.print(' ');
      if (printName(context, position, base) === -1) return -1;
      break;
    case 6:
      if (context.verbosity === 0) break;
      context.print(' ');
      position = printName(context, position, base);
      if (position === -1) return -1;
      context.print(' ');
      position = printName(context, position, base);
      if (position === -1) return -1;
      if (!context.has(position, 20)) return -1;
      for (let index = 0; index < 5; index++) context.print(` ${context.uint32(position + 4 * index)}`);
      break;
    case 15:
      context.print(' ');
      if (!context.has(position, 2)) return -1;
      if (printName(context, position + 2, base) === -1) return -1;
      context.print(` ${context.uint16(position)}`);
      break;
    case 16:
      while (position < next) {
        context.print(' "');
        position = printCharacterString(context, position);
        if (position === -1) return -1;
        context.print('"');
      }
      break;
    case 33:
      context.print(' ');
      if (!context.has(position, 6)) return -1;
      if (printName(context, position + 6, base) === -1) return -1;
      context.print(
        `:${context.uint16(position + 4)} ${context.uint16(position)} ${context.uint16(position + 2)}`,
      );
      break;
    case 28:
      if (!context.has(position, 16)) return -1;
      context.print(` ${ipv6Text(context.data, position)}`);
      break;
    case 38:
      if (!printA6(context, position, base)) return -1;
      break;
    case 256:
      if (!context.has(position, dataLength)) return -1;
      context.print(` ${context.uint16(position)} ${context.uint16(position + 2)} `);
      if (!printBytesAsText(context, position + 4, dataLength - 4)) return -1;
      break;
    case 41:
      context.print(` UDPsize=${classValue}`);
      if (optionFlags & 0x8000) context.print(' DO');
      if (position < next) {
        context.print(' [');
        while (position < next) {
          position = printEdnsOption(context, position);
          if (position === -1) return -1;
          if (position < next) context.print(',');
        }
        context.print(']');
      }
      break;
    case 104:
      if (!context.has(position, dataLength)) return -1;
      if (!printBytesAsText(context, position, dataLength)) return -1;
      break;
    case 250:
      if (!printTransactionSignature(context, position, next, base)) return -1;
      break;
    default:
      break;
  }
  return next;
}

/** RFC 2874 A6: prefix length, the address suffix, and the prefix name. */
function printA6(context: PrintContext, offset: number, base: number): boolean {
  if (!context.has(offset, 1)) return false;
  const prefixBits = context.data[offset]!;
  const prefixBytes = Math.floor((prefixBits & ~7) / 8);
  if (prefixBits > 128) {
    context.print(` ${prefixBits}(bad plen)`);
    return true;
  }
  if (prefixBits < 128) {
    const address = new Uint8Array(16);
    context.need(offset + 1, 16 - prefixBytes);
    address.set(context.data.subarray(offset + 1, offset + 1 + 16 - prefixBytes), prefixBytes);
    context.print(` ${prefixBits} ${ipv6Text(address, 0)}`);
  }
  if (prefixBits > 0) {
    context.print(' ');
    if (printName(context, offset + 1 + 16 - prefixBytes, base) === -1) return false;
  }
  return true;
}

/** RFC 8945 TSIG, shown only with -v: algorithm, fudge, MAC size, original id, error. */
function printTransactionSignature(context: PrintContext, start: number, end: number, base: number): boolean {
  if (end > context.end) return false;
  if (context.verbosity === 0) return true;
  context.print(' ');
  let offset = printName(context, start, base);
  if (offset === -1) return false;
  offset += 6;
  if (!context.has(offset, 2)) return false;
  context.print(` fudge=${context.uint16(offset)}`);
  offset += 2;
  if (!context.has(offset, 2)) return false;
  const macLength = context.uint16(offset);
  context.print(` maclen=${macLength}`);
  offset += 2 + macLength;
  if (!context.has(offset, 2)) return false;
  context.print(` origid=${context.uint16(offset)}`);
  offset += 2;
  if (!context.has(offset, 2)) return false;
  context.print(` error=${context.uint16(offset)}`);
  offset += 2;
  if (!context.has(offset, 2)) return false;
  context.print(` otherlen=${context.uint16(offset)}`);
  return true;
}
