/**
 * The type bitmap of NSEC and NSEC3 records (RFC 4034 §4.1.2): windows of up to 256 types,
 * each a window number, a bitmap length from 1 to 32, and the bitmap, most significant bit
 * first. Windows must come in increasing order.
 */

/** The types listed in message[start..end), or an error text. */
export function readTypeBitmap(message: Uint8Array, start: number, end: number): number[] | string {
  const types: number[] = [];
  let position = start;
  let previousWindow = -1;
  while (position < end) {
    if (position + 2 > end) return `dns: type bitmap window header at ${position} runs past the record`;
    const window = message[position]!;
    const length = message[position + 1]!;
    if (window <= previousWindow) return `dns: type bitmap window ${window} out of order`;
    if (length < 1 || length > 32) return `dns: type bitmap length ${length} is not 1..32`;
    if (position + 2 + length > end) return `dns: type bitmap window ${window} runs past the record`;
    for (let index = 0; index < length; index++) {
      const bits = message[position + 2 + index]!;
      if (bits === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if (bits & (0x80 >> bit)) types.push(window * 256 + index * 8 + bit);
      }
    }
    previousWindow = window;
    position += 2 + length;
  }
  return types;
}
