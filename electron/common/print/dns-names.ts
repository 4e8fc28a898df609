import { hexByte } from './hex-text';
import type { PrintContext } from './print-context';
import { printBytesAsText } from './printable-text';

/**
 * Domain names on the wire (RFC 1035 §3.1, §4.1.4 compression; RFC 2673 bit labels), printed
 * and skipped as tcpdump 4.99's print-domain.c does, including what it prints for broken
 * names ("<BAD PTR>", "<ELT 2>", "<BAD LABEL TYPE>", "<DOMAIN NAME TOO LONG>").
 *
 * Offsets are indices into the frame; -1 stands for tcpdump's NULL ("could not read").
 */

const labelTypeMask = 0xc0;
const pointerType = 0xc0;
const extendedType = 0x40;
const reservedType = 0x80;
const bitLabel = 0x01;
/** RFC 1035 §2.3.4: 255 octets at most. */
const maximumNameLength = 255;

/** ns_nskip: the offset after the name, or -1. */
export function skipName(context: PrintContext, start: number): number {
  let offset = start;
  if (!context.has(offset, 1)) return -1;
  let value = context.data[offset++]!;
  while (value) {
    switch (value & labelTypeMask) {
      case pointerType:
        return offset + 1;
      case extendedType: {
        if ((value & ~labelTypeMask) !== bitLabel) return -1;
        if (!context.has(offset, 1)) return -1;
        let bitLength = context.data[offset]!;
        if (bitLength === 0) bitLength = 256;
        offset += 1 + Math.floor((bitLength + 7) / 8);
        break;
      }
      case reservedType:
        return -1;
      default:
        offset += value;
    }
    if (!context.has(offset, 1)) return -1;
    value = context.data[offset++]!;
  }
  return offset;
}

/** labellen: a label's length, a pointer's first byte, or -1 (after printing why). */
function labelLength(context: PrintContext, offset: number): number {
  if (!context.has(offset, 1)) return -1;
  const value = context.data[offset]!;
  switch (value & labelTypeMask) {
    case extendedType: {
      const kind = value & ~labelTypeMask;
      if (kind !== bitLabel) {
        context.print(`<ELT ${kind}>`);
        return -1;
      }
      if (!context.has(offset + 1, 1)) return -1;
      let bitLength = context.data[offset + 1]!;
      if (bitLength === 0) bitLength = 256;
      return Math.floor((bitLength + 7) / 8) + 1;
    }
    case pointerType:
    case 0:
      return value;
    default:
      context.print('<BAD LABEL TYPE>');
      return -1;
  }
}

/** RFC 2673 bit-string label: "\[x0a/8]". Reads past the end jump out, as tcpdump's GET_U_1. */
function printBitLabel(context: PrintContext, offset: number): number {
  if (!context.has(offset, 1)) return -1;
  let bitLength = context.data[offset]!;
  if (bitLength === 0) bitLength = 256;
  const limit = offset + 1 + Math.floor((bitLength + 3) / 4);
  context.print('\\[x');
  let position = offset + 1;
  let bits = bitLength;
  for (; position < limit && bits > 7; bits -= 8, position++) context.print(hexByte(context.byte(position)));
  if (bits > 4) {
    const value = context.byte(position);
    context.print(hexByte(value & (0xff << (8 - bits))));
  } else if (bits > 0) {
    const value = context.byte(position);
    context.print(((value >> 4) & 0x0f & (0x0f << (4 - bits))).toString(16));
  }
  context.print(`/${bitLength}]`);
  return limit;
}

/**
 * fqdn_print: prints the name at `start`, following compression pointers relative to `base`
 * (the message start). Returns the offset after the name as it sits at `start`, or -1.
 * Pointers must point backwards, which also ends any loop.
 */
export function printName(context: PrintContext, start: number, base: number): number {
  let offset = start;
  let length = labelLength(context, offset);
  if (length === -1) return -1;
  if (!context.has(offset, 1)) return -1;
  // tcpdump computes this as unsigned: a name before its base (EDNS CHAIN) may point anywhere.
  let maximumOffset = offset - base >= 0 ? offset - base : Number.POSITIVE_INFINITY;
  let value = context.data[offset++]!;
  let after = -1;
  let compressed = false;
  if ((value & labelTypeMask) !== pointerType) after = offset + length;
  if (value === 0) {
    context.print('.');
    return after;
  }
  let nameCharacters = 0;
  while (value && offset < context.end) {
    switch (value & labelTypeMask) {
      case pointerType: {
        if (!compressed) {
          after = offset + 1;
          compressed = true;
        }
        if (!context.has(offset, 1)) return -1;
        const target = ((value << 8) | context.data[offset]!) & 0x3fff;
        if (target >= maximumOffset) {
          context.print('<BAD PTR>');
          return -1;
        }
        maximumOffset = target;
        offset = base + target;
        if (!context.has(offset, 1)) return -1;
        value = context.data[offset]!;
        length = labelLength(context, offset);
        if (length === -1) return -1;
        offset++;
        continue;
      }
      case extendedType: {
        const kind = value & ~labelTypeMask;
        if (kind !== bitLabel) {
          context.print(`<ELT ${kind}>`);
          return -1;
        }
        if (printBitLabel(context, offset) === -1) return -1;
        break;
      }
      case reservedType:
        context.print('<BAD LABEL TYPE>');
        return -1;
      default:
        if (nameCharacters + length <= maximumNameLength) {
          if (!printBytesAsText(context, offset, length)) return -1;
        } else if (nameCharacters < maximumNameLength) {
          if (!printBytesAsText(context, offset, maximumNameLength - nameCharacters)) return -1;
        }
        nameCharacters += length;
    }
    offset += length;
    if (nameCharacters <= maximumNameLength) context.print('.');
    nameCharacters++;
    if (!context.has(offset, 1)) return -1;
    value = context.data[offset]!;
    length = labelLength(context, offset);
    if (length === -1) return -1;
    offset++;
    if (!compressed) after += length + 1;
  }
  if (nameCharacters > maximumNameLength) context.print('<DOMAIN NAME TOO LONG>');
  return after;
}

/** ns_cprint: an RFC 1035 <character-string>; the offset after it, or -1. */
export function printCharacterString(context: PrintContext, offset: number): number {
  if (!context.has(offset, 1)) return -1;
  const length = context.data[offset]!;
  if (!printBytesAsText(context, offset + 1, length)) return -1;
  return offset + 1 + length;
}
