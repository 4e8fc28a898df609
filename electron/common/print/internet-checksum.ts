/**
 * The Internet checksum (RFC 1071) over byte ranges, for tcpdump's checksum verdicts under
 * -v: "[udp sum ok]", "[bad udp cksum 0x1234 -> 0x5678!]", "cksum 0x.. (correct)".
 */

/** One's-complement sum of [start, end), folded to 32 bits; add several with `+`. */
export function onesComplementSum(data: Uint8Array, start: number, end: number): number {
  let sum = 0;
  let index = start;
  for (; index + 1 < end; index += 2) sum += (data[index]! << 8) | data[index + 1]!;
  if (index < end) sum += data[index]! << 8;
  return sum;
}

/** Folds a sum to 16 bits and complements it: 0 means the checksum verifies. */
export function finishChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/**
 * tcpdump's in_cksum_shouldbe: the checksum field value that would have verified, given the
 * field's value and the (non-zero) result of verifying with it.
 */
export function checksumShouldBe(fieldValue: number, computed: number): number {
  // in_cksum returns the complement in network order; tcpdump adds ntohs(computed_sum).
  let shouldBe = fieldValue + computed;
  shouldBe = (shouldBe & 0xffff) + (shouldBe >>> 16);
  shouldBe = (shouldBe & 0xffff) + (shouldBe >>> 16);
  return shouldBe & 0xffff;
}
