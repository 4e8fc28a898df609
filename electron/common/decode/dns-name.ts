/**
 * Domain names in DNS messages (RFC 1035 §3.1, §4.1.4), decoded into presentation form
 * without the final dot ("" is the root). Bytes that are not printable ASCII are written
 * \DDD, and a dot or backslash inside a label \. and \\ (RFC 1035 §5.1, RFC 4343 §2.1), so
 * the text is unambiguous and the label bytes can be recovered from it.
 *
 * Compression is followed with loop protection: every pointer must point before the place
 * the previous jump went to (tcpdump's rule, after BIND's), and at most 127 jumps are followed,
 * so a name costs at most a bounded amount of work whatever the bytes. A name longer than 255
 * bytes on the wire (RFC 1035 §2.3.4), a pointer into or past the end, and the unsupported
 * label types 0x40 and 0x80 (RFC 6891 §5) are reported.
 *
 * Speed: a name is gathered into one reused byte buffer and turned into a string once; a
 * small direct-mapped cache keyed by the name's bytes returns the same string for names seen
 * before, which in real traffic is most of them.
 */

/** The result of the last readName call: reused, so that reading a name allocates only its text. */
export const nameResult: { text: string; error: string | undefined } = { text: '', error: undefined };

/** RFC 1035 §2.3.4: 255 octets, length bytes and the root's zero included. */
export const maximumNameLength = 255;
/** A name has at most 127 labels, so a 128th jump can only be a loop or an attack. */
const maximumJumps = 127;

// Worst case: 254 text bytes each written as \DDD.
const buffer = new Uint8Array(maximumNameLength * 4 + 8);
const latin1 = new TextDecoder('latin1');

const cacheSize = 1024;
const cacheKeys: (Uint8Array | null)[] = new Array<Uint8Array | null>(cacheSize).fill(null);
const cacheTexts: string[] = new Array<string>(cacheSize).fill('');

const backslash = 0x5c;
const dot = 0x2e;

function textOf(length: number, hash: number): string {
  const slot = hash & (cacheSize - 1);
  const key = cacheKeys[slot];
  if (key !== null && key !== undefined && key.length === length) {
    let same = true;
    for (let index = 0; index < length; index++) {
      if (key[index] !== buffer[index]) {
        same = false;
        break;
      }
    }
    if (same) return cacheTexts[slot]!;
  }
  const text = latin1.decode(buffer.subarray(0, length));
  cacheKeys[slot] = buffer.slice(0, length);
  cacheTexts[slot] = text;
  return text;
}

/**
 * Reads the name at `offset` of `message` (offsets in pointers are relative to the message).
 * Returns the offset just after the name where it was written (after its first pointer, or
 * its zero byte), or -1 when that is unknown because the name ran off the end or used an
 * unsupported label type. The text read so far and any error are in `nameResult`.
 */
export function readName(message: Uint8Array, offset: number): number {
  const size = message.length;
  let position = offset;
  let end = -1;
  let jumps = 0;
  // tcpdump's max_offset: a pointer must point before the last place we jumped to (or started).
  let limit = offset;
  let wireLength = 1; // the root's zero byte
  let used = 0;
  let hash = 0x811c9dc5;
  let error: string | undefined;
  let collecting = true;
  for (;;) {
    if (position >= size) {
      error = `dns: name at ${offset} runs past the end of the message`;
      break;
    }
    const length = message[position]!;
    const labelType = length & 0xc0;
    if (labelType === 0xc0) {
      if (position + 1 >= size) {
        error = `dns: name at ${offset} runs past the end of the message`;
        break;
      }
      const target = ((length & 0x3f) << 8) | message[position + 1]!;
      if (end < 0) end = position + 2;
      if (!collecting) break;
      if (target >= size) {
        error = `dns: compression pointer at ${position} points past the end (${target})`;
        break;
      }
      if (target >= limit) {
        error = `dns: compression pointer at ${position} to ${target} does not point backwards`;
        break;
      }
      if (++jumps > maximumJumps) {
        error = `dns: name at ${offset} follows more than ${maximumJumps} compression pointers`;
        break;
      }
      limit = target;
      position = target;
      continue;
    }
    if (labelType !== 0) {
      // 0x40 was the EDNS extended label type (RFC 6891 §5 deprecates it), 0x80 is unassigned.
      error = `dns: label type 0x${labelType.toString(16)} at ${position} is not supported`;
      break;
    }
    if (length === 0) {
      if (end < 0) end = position + 1;
      break;
    }
    if (position + 1 + length > size) {
      error = `dns: label at ${position} runs past the end of the message`;
      break;
    }
    if (collecting) {
      wireLength += length + 1;
      if (wireLength > maximumNameLength) {
        error = `dns: name at ${offset} is longer than ${maximumNameLength} bytes`;
        // Keep walking (without the text) only to learn where the name ends.
        collecting = false;
        if (end >= 0) break;
      } else {
        if (used > 0) {
          buffer[used++] = dot;
          hash = Math.imul(hash ^ dot, 16777619);
        }
        const labelEnd = position + 1 + length;
        for (let index = position + 1; index < labelEnd; index++) {
          const byte = message[index]!;
          if (byte > 0x20 && byte < 0x7f && byte !== dot && byte !== backslash) {
            buffer[used++] = byte;
            hash = Math.imul(hash ^ byte, 16777619);
          } else {
            // \. and \\ for the two characters that mean something in the text, \DDD for the rest.
            buffer[used++] = backslash;
            hash = Math.imul(hash ^ backslash, 16777619);
            if (byte === dot || byte === backslash) {
              buffer[used++] = byte;
              hash = Math.imul(hash ^ byte, 16777619);
            } else {
              const hundreds = 0x30 + ((byte / 100) | 0);
              const tens = 0x30 + (((byte / 10) | 0) % 10);
              const ones = 0x30 + (byte % 10);
              buffer[used++] = hundreds;
              buffer[used++] = tens;
              buffer[used++] = ones;
              hash = Math.imul(Math.imul(Math.imul(hash ^ hundreds, 16777619) ^ tens, 16777619) ^ ones, 16777619);
            }
          }
        }
      }
    }
    position += 1 + length;
  }
  nameResult.text = used === 0 ? '' : textOf(used, hash >>> 0);
  nameResult.error = error;
  return end;
}
