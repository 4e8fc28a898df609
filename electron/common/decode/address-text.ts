/**
 * Address text for the packet path. IPv4 uses a precomputed table of the 256 byte values so
 * that a dotted quad is three concatenations, no number formatting. IPv6 follows RFC 5952
 * (lowercase, no leading zeros, the longest run of two or more zero groups as "::", the first
 * such run on a tie) and, like inet_ntop and tcpdump, writes the IPv4-compatible (::a.b.c.d)
 * and IPv4-mapped (::ffff:a.b.c.d) forms with a dotted quad (RFC 5952 §5).
 */

const decimal: readonly string[] = Array.from({ length: 256 }, (_, value) => String(value));
const hexPair: readonly string[] = Array.from({ length: 256 }, (_, value) =>
  value.toString(16).padStart(2, '0'),
);
const hexShort: readonly string[] = Array.from({ length: 256 }, (_, value) => value.toString(16));

// A capture talks about few addresses, again and again: a small direct-mapped cache of their
// texts saves building (and later collecting) the same string for every packet.
const ipv4CacheSize = 4096;
const ipv4CacheKeys = new Int32Array(ipv4CacheSize);
const ipv4CacheTexts: string[] = new Array<string>(ipv4CacheSize).fill('0.0.0.0');

/** The dotted quad of the 4 bytes at `offset`. The caller has checked they are present. */
export function ipv4Text(data: Uint8Array, offset: number): string {
  return ipv4TextOfKey(ipv4Key(data, offset));
}

/** The 4 bytes at `offset` as one 32-bit number (signed), the key ipv4TextOfKey takes. */
export function ipv4Key(data: Uint8Array, offset: number): number {
  return (data[offset]! << 24) | (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!;
}

/**
 * An ipv4Key mixed for a direct-mapped cache slot (mask the low bits): the high half goes into
 * the low bits, so that the addresses of one subnet spread over the slots.
 */
export function ipv4KeyHash(key: number): number {
  return key ^ (key >>> 12) ^ (key >>> 20);
}

/** The dotted quad of an address given as ipv4Key gives it. */
export function ipv4TextOfKey(key: number): string {
  const slot = ipv4KeyHash(key) & (ipv4CacheSize - 1);
  // Every slot starts as key 0 with the text 0.0.0.0, which is right: only 0.0.0.0 has key 0.
  if (ipv4CacheKeys[slot] === key) return ipv4CacheTexts[slot]!;
  const text =
    decimal[key >>> 24]! +
    '.' +
    decimal[(key >>> 16) & 0xff]! +
    '.' +
    decimal[(key >>> 8) & 0xff]! +
    '.' +
    decimal[key & 0xff]!;
  ipv4CacheKeys[slot] = key;
  ipv4CacheTexts[slot] = text;
  return text;
}

function group(high: number, low: number): string {
  return high === 0 ? hexShort[low]! : hexShort[high]! + hexPair[low]!;
}

/** RFC 5952 text of the 16 bytes at `offset`. The caller has checked they are present. */
export function ipv6Text(data: Uint8Array, offset: number): string {
  // Find the longest run of zero 16-bit groups (length >= 2), the first one on a tie.
  let bestStart = -1;
  let bestLength = 0;
  let runStart = -1;
  for (let index = 0; index < 8; index++) {
    const at = offset + index * 2;
    if (data[at] === 0 && data[at + 1] === 0) {
      if (runStart < 0) runStart = index;
      const runLength = index - runStart + 1;
      if (runLength > bestLength) {
        bestLength = runLength;
        bestStart = runStart;
      }
    } else runStart = -1;
  }
  if (bestLength < 2) bestStart = -1;
  // inet_ntop's embedded IPv4 forms: ::a.b.c.d (six zero groups) and ::ffff:a.b.c.d.
  if (
    bestStart === 0 &&
    (bestLength === 6 || (bestLength === 5 && data[offset + 10] === 0xff && data[offset + 11] === 0xff))
  ) {
    return (bestLength === 5 ? '::ffff:' : '::') + ipv4Text(data, offset + 12);
  }
  let text = '';
  for (let index = 0; index < 8; index++) {
    if (index === bestStart) {
      text += index === 0 ? '::' : ':';
      index += bestLength - 1;
      continue;
    }
    const at = offset + index * 2;
    text += group(data[at]!, data[at + 1]!);
    if (index < 7) text += ':';
  }
  return text;
}

/** Colon-separated lowercase hex, as tcpdump prints link-layer addresses. */
export function macText(data: Uint8Array): string {
  let text = '';
  for (let index = 0; index < data.length; index++) {
    if (index > 0) text += ':';
    text += hexPair[data[index]!]!;
  }
  return text;
}
