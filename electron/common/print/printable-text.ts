import type { PrintContext } from './print-context';

/**
 * Bytes from the packet shown as tcpdump shows them (fn_print_char): bytes above 0x7f get
 * "M-" and lose their high bit, control characters are written "^X" (the byte XOR 0x40), so
 * a label like "\x01\xfb" prints as "^AM-{". Nothing is escaped beyond that, not even dots.
 */
const characterText: string[] = [];
for (let value = 0; value < 256; value++) {
  let text = '';
  let character = value;
  if (character > 0x7f) {
    text = 'M-';
    character &= 0x7f;
  }
  if (character < 0x20 || character === 0x7f) {
    text += '^';
    character ^= 0x40;
  }
  characterText.push(text + String.fromCharCode(character));
}

export function printableCharacter(value: number): string {
  return characterText[value & 0xff]!;
}

/**
 * tcpdump's nd_printn: prints up to `count` bytes from `offset`, as far as the readable data
 * goes. Returns false when it stopped short, for the caller's truncation handling.
 */
export function printBytesAsText(context: PrintContext, offset: number, count: number): boolean {
  const data = context.data;
  const end = Math.min(offset + count, context.end);
  const line = context.line;
  for (let index = offset; index < end; index++) {
    const value = data[index]!;
    // Printable ASCII is copied as is; anything else takes tcpdump's "M-" and "^" forms.
    if (value >= 0x20 && value < 0x7f) line.writeByte(value);
    else line.write(characterText[value]!);
  }
  return end === offset + count || count <= 0;
}
