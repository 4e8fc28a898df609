/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
 * words. Over bytes that include a correct checksum field the result is 0.
 */
export function internetChecksum(data: Uint8Array, initialSum = 0): number {
  let sum = initialSum;
  const length = data.length;
  const even = length & ~1;
  for (let index = 0; index < even; index += 2) sum += (data[index]! << 8) | data[index + 1]!;
  if (even !== length) sum += data[even]! << 8;
  // Fold the carries back in (RFC 1071 §4.1); two folds are enough for any 32-bit sum of 64 KB.
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
