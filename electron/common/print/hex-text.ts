/** Lower-case, zero-padded hexadecimal, as C's "%02x" / "%04x" print it. */
const byteHex: string[] = [];
for (let value = 0; value < 256; value++) byteHex.push(value.toString(16).padStart(2, '0'));

export function hexByte(value: number): string {
  return byteHex[value & 0xff]!;
}

export function hex16(value: number): string {
  return byteHex[(value >>> 8) & 0xff]! + byteHex[value & 0xff]!;
}

/** "%x": no padding. */
export function hex(value: number): string {
  return (value >>> 0).toString(16);
}

/** The bytes [start, end) as one run of hex pairs. */
export function hexBytes(data: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < end; index++) text += byteHex[data[index]!]!;
  return text;
}
