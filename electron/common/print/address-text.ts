/**
 * Addresses as `tcpdump -n` writes them: dotted quads, and IPv6 in the BIND inet_ntop form
 * tcpdump's addrtostr6 uses (RFC 5952 compression of the longest zero run, the first one
 * on a tie; "::a.b.c.d" and "::ffff:a.b.c.d" for IPv4-compatible and -mapped addresses).
 */

// Captures keep talking to the same hosts: a direct-mapped cache hands back the same flat
// string for an address instead of building (and later flattening) a new one per packet.
const cacheSize = 4096;
const cachedKeys = new Int32Array(cacheSize).fill(-1);
const cachedTexts: string[] = new Array<string>(cacheSize).fill('');

export function ipv4Text(data: Uint8Array, offset: number): string {
  const key =
    (data[offset]! << 24) | (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!;
  const slot = (key ^ (key >>> 12) ^ (key >>> 20)) & (cacheSize - 1);
  if (cachedKeys[slot] === key && key !== -1) return cachedTexts[slot]!;
  const text = `${data[offset]}.${data[offset + 1]}.${data[offset + 2]}.${data[offset + 3]}`;
  // Flatten now, once, rather than each time a line containing it is written out.
  text.charCodeAt(0);
  cachedKeys[slot] = key;
  cachedTexts[slot] = text;
  return text;
}

const words = new Uint16Array(8);

export function ipv6Text(data: Uint8Array, offset: number): string {
  for (let index = 0; index < 8; index++)
    words[index] = (data[offset + 2 * index]! << 8) | data[offset + 2 * index + 1]!;
  let bestBase = -1;
  let bestLength = 0;
  let currentBase = -1;
  let currentLength = 0;
  for (let index = 0; index < 8; index++) {
    if (words[index] === 0) {
      if (currentBase === -1) {
        currentBase = index;
        currentLength = 1;
      } else currentLength++;
    } else if (currentBase !== -1) {
      if (bestBase === -1 || currentLength > bestLength) {
        bestBase = currentBase;
        bestLength = currentLength;
      }
      currentBase = -1;
    }
  }
  if (currentBase !== -1 && (bestBase === -1 || currentLength > bestLength)) {
    bestBase = currentBase;
    bestLength = currentLength;
  }
  if (bestBase !== -1 && bestLength < 2) bestBase = -1;

  let text = '';
  for (let index = 0; index < 8; index++) {
    if (bestBase !== -1 && index >= bestBase && index < bestBase + bestLength) {
      if (index === bestBase) text += ':';
      continue;
    }
    if (index !== 0) text += ':';
    if (index === 6 && bestBase === 0 && (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff))) {
      text += ipv4Text(data, offset + 12);
      return text;
    }
    text += words[index]!.toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLength === 8) text += ':';
  return text;
}

/** Colon-separated hex bytes, as tcpdump prints MAC and other link-layer addresses. */
export function linkAddressText(data: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    if (index > 0) text += ':';
    const value = data[offset + index]!;
    text += (value < 16 ? '0' : '') + value.toString(16);
  }
  return text;
}
