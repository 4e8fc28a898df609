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
 * bounded cache (8192 names, about 1 MB at most) keyed by the name's bytes returns the same
 * string for names seen before, which in real traffic is most of them.
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

const cacheSets = 4096;
const cacheKeys: (Uint8Array | null)[] = new Array<Uint8Array | null>(cacheSets * 2).fill(null);
const cacheTexts: string[] = new Array<string>(cacheSets * 2).fill('');

const backslash = 0x5c;
const dot = 0x2e;
/** 1 for the bytes a label may hold as themselves: printable ASCII except the dot and the backslash. */
const plain = new Uint8Array(256);
for (let byte = 0x21; byte < 0x7f; byte++) plain[byte] = byte === dot || byte === backslash ? 0 : 1;

/** Writes the escape of a byte that is not plain: \. or \\ for the two characters that mean something in the text, \DDD for the rest. Returns the new length. */
function escape(byte: number, used: number): number {
  buffer[used++] = backslash;
  if (byte === dot || byte === backslash) {
    buffer[used++] = byte;
    return used;
  }
  buffer[used++] = 0x30 + ((byte / 100) | 0);
  buffer[used++] = 0x30 + (((byte / 10) | 0) % 10);
  buffer[used++] = 0x30 + (byte % 10);
  return used;
}

/** Whether buffer[0..length) holds the same bytes as `key`. */
function sameBytes(key: Uint8Array | null, length: number): boolean {
  if (key === null || key.length !== length) return false;
  for (let index = 0; index < length; index++) if (key[index] !== buffer[index]) return false;
  return true;
}

/**
 * The string for buffer[0..length), from the cache when the same bytes were seen before. The
 * cache is 2-way set associative with move-to-front, so two busy names that share a set do not
 * evict each other. The hash only picks the set; the bytes are always compared.
 */
function textOf(length: number, hash: number): string {
  const first = (hash & (cacheSets - 1)) << 1;
  const second = first + 1;
  if (sameBytes(cacheKeys[first]!, length)) return cacheTexts[first]!;
  const firstKey = cacheKeys[first]!;
  const firstText = cacheTexts[first]!;
  let text: string;
  let key: Uint8Array;
  if (sameBytes(cacheKeys[second]!, length)) {
    key = cacheKeys[second]!;
    text = cacheTexts[second]!;
  } else {
    text = latin1.decode(buffer.subarray(0, length));
    key = buffer.slice(0, length);
  }
  cacheKeys[second] = firstKey;
  cacheTexts[second] = firstText;
  cacheKeys[first] = key;
  cacheTexts[first] = text;
  return text;
}

// Names already read in the current message, by the offset they start at. A compression
// pointer to one of them (an answer pointing at the question's name, the most common case)
// then takes its text without walking the bytes again. Reset by startMessage.
const memoSize = 16;
let memoMessage: Uint8Array | null = null;
let memoCount = 0;
const memoOffsets = new Int32Array(memoSize);
const memoWireLengths = new Int32Array(memoSize);
const memoTexts: string[] = new Array<string>(memoSize).fill('');

/** Tells readName that a new message starts: names remembered from the last one no longer apply. */
export function startMessage(message: Uint8Array): void {
  memoMessage = message;
  memoCount = 0;
}

function remembered(message: Uint8Array, target: number): number {
  if (message !== memoMessage) return -1;
  for (let index = 0; index < memoCount; index++) if (memoOffsets[index] === target) return index;
  return -1;
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
  let hash = 0; // an int32 from the start keeps the loop in integer arithmetic
  let error: string | undefined;
  let collecting = true;
  let suffix = -1; // a remembered name the pointer led to
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
      suffix = remembered(message, target);
      if (suffix >= 0) {
        // The rest of the name is one read before: its text, its length, and no error.
        wireLength += memoWireLengths[suffix]! - 1;
        if (wireLength > maximumNameLength) {
          error = `dns: name at ${offset} is longer than ${maximumNameLength} bytes`;
          suffix = -1;
        }
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
        if (used > 0) buffer[used++] = dot;
        const labelEnd = position + 1 + length;
        for (let index = position + 1; index < labelEnd; index++) {
          const byte = message[index]!;
          if (plain[byte] === 1) {
            buffer[used++] = byte;
            hash = (Math.imul(hash, 31) + byte) | 0;
          } else used = escape(byte, used);
        }
        if (used !== 0) hash = (Math.imul(hash, 31) + used) | 0;
      }
    }
    position += 1 + length;
  }
  let text = used === 0 ? '' : textOf(used, (hash ^ (hash >>> 15)) >>> 0);
  if (suffix >= 0) text = used === 0 ? memoTexts[suffix]! : text + '.' + memoTexts[suffix]!;
  nameResult.text = text;
  nameResult.error = error;
  if (
    error === undefined &&
    message === memoMessage &&
    memoCount < memoSize &&
    used > 0 &&
    message[offset]! < 0x40
  ) {
    memoOffsets[memoCount] = offset;
    memoWireLengths[memoCount] = wireLength;
    memoTexts[memoCount] = text;
    memoCount++;
  }
  return end;
}
