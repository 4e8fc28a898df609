import { hexByte } from './hex-text';
import { type PrintContext, truncatedSignal } from './print-context';

/**
 * tcpdump's two hex dumps (util-print.c / print-ascii.c). Lines start with `indent`, then
 * "0x0000: " and the bytes in space-led pairs, 16 bytes a line.
 */

function offsetText(offset: number): string {
  return `0x${offset.toString(16).padStart(4, '0')}: `;
}

/**
 * print_unknown_data: the bytes that are present of the `length` claimed, hex only. Used
 * for option bodies a printer does not decode (ICMPv6 -vv option dumps, unknown types).
 */
export function printUnknownData(
  context: PrintContext,
  offset: number,
  indent: string,
  length: number,
): void {
  if (offset > context.end) {
    context.print(`${indent}Dissector error: print_unknown_data called with pointer past end of packet`);
    return;
  }
  const available = context.end - offset;
  printHex(context, offset, indent, Math.min(length, available));
}

/** hex_print: every byte must be readable, as with tcpdump's GET_U_1. */
export function printHex(context: PrintContext, offset: number, indent: string, length: number): void {
  const data = context.data;
  let text = '';
  let line = 0;
  let index = 0;
  for (; index + 1 < length; index += 2) {
    if (line++ % 8 === 0) text += indent + offsetText(index);
    if (offset + index + 2 > context.end) {
      context.print(text);
      throw truncatedSignal;
    }
    text += ` ${hexByte(data[offset + index]!)}${hexByte(data[offset + index + 1]!)}`;
  }
  if (length & 1) {
    if (line % 8 === 0) text += indent + offsetText(index);
    if (offset + index >= context.end) {
      context.print(text);
      throw truncatedSignal;
    }
    text += ` ${hexByte(data[offset + index]!)}`;
  }
  context.print(text);
}

/**
 * hex_and_ascii_print: what tcpdump prints for a payload no printer claims (ND_DEFAULTPRINT),
 * the hex padded to 40 columns and then the bytes as ASCII, '.' for anything not graphic.
 */
export function printHexAndAscii(
  context: PrintContext,
  offset: number,
  indent: string,
  claimed: number,
): void {
  const data = context.data;
  const available = Math.max(0, context.end - offset);
  const length = Math.min(claimed, available);
  let text = '';
  for (let lineStart = 0; lineStart < length; lineStart += 16) {
    const lineEnd = Math.min(length, lineStart + 16);
    let hexPart = '';
    let asciiPart = '';
    for (let index = lineStart; index < lineEnd; index += 2) {
      const first = data[offset + index]!;
      hexPart += ` ${hexByte(first)}`;
      asciiPart += first > 0x20 && first < 0x7f ? String.fromCharCode(first) : '.';
      if (index + 1 < lineEnd) {
        const second = data[offset + index + 1]!;
        hexPart += hexByte(second);
        asciiPart += second > 0x20 && second < 0x7f ? String.fromCharCode(second) : '.';
      }
    }
    text += `${indent}${offsetText(lineStart)}${hexPart.padEnd(40)}  ${asciiPart}`;
  }
  context.print(text);
  if (claimed > available) throw truncatedSignal;
}
