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
 * bounded cache (name-text-cache.ts: 16384 names of up to 64 bytes, about 2 MB with their
 * strings) keyed by the name's bytes returns the same string for names seen before, which in
 * real traffic is most of them. In front of it, a name written without compression (every
 * question's name) is looked up in a second such cache by its wire bytes as they stand in the
 * message: a hit costs a walk over the label lengths and a hash of the bytes, with no
 * byte-by-byte escaping.
 */

import { maximumKeyBytes, NameTextCache } from './name-text-cache';

/** The result of the last readName call: reused, so that reading a name allocates only its text. */
export const nameResult: {
  text: string;
  error: string | undefined;
  /** The wire cache's entry that holds the name (name-text-cache.ts), or -1: it stands for the text while the entry does. */
  wireEntry: number;
} = { text: '', error: undefined, wireEntry: -1 };

/** RFC 1035 §2.3.4: 255 octets, length bytes and the root's zero included. */
export const maximumNameLength = 255;
/** A name has at most 127 labels, so a 128th jump can only be a loop or an attack. */
const maximumJumps = 127;

// Worst case: 254 text bytes each written as \DDD. A word view of the same memory lets the
// cache hash and compare 4 bytes at a time.
const buffer = new Uint8Array(maximumNameLength * 4 + 8);
const bufferWords = new Uint32Array(buffer.buffer);
const latin1 = new TextDecoder('latin1');

// Texts already made, by their escaped bytes (every name the long way reads) and by their wire
// bytes (names without pointers, looked up before any escaping; equal wire bytes always give
// equal text).
const textCache = new NameTextCache();
const wireCache = new NameTextCache();
/** The key being looked up in the wire cache: the name's wire bytes as little-endian words, zero-padded. */
const wireKey = new Uint32Array(maximumKeyBytes / 4);

/**
 * Looks up the name at `offset` by its wire bytes when it is written without pointers and fits
 * a key: returns the offset after it, or -1 when the name is not of that kind (the caller reads
 * it the long way). `wireText` is the cached text, or undefined on a miss.
 */
let wireText: string | undefined;
function lookUpWire(message: Uint8Array, offset: number, size: number): number {
  let position = offset;
  for (;;) {
    if (position >= size) return -1;
    const length = message[position]!;
    if (length === 0) break;
    // A pointer or an unsupported label type: only the long way knows.
    if (length > 63) return -1;
    position += 1 + length;
    if (position - offset >= maximumKeyBytes) return -1;
  }
  const end = position + 1;
  const words = (end - offset + 3) >> 2;
  let at = offset;
  for (let index = 0; index < words; index++, at += 4) {
    // Bytes past the name's end count as zero, so that the words stand for exactly these bytes.
    wireKey[index] =
      at + 3 < end
        ? message[at]! | (message[at + 1]! << 8) | (message[at + 2]! << 16) | (message[at + 3]! << 24)
        : tailWord(message, at, end);
  }
  wireText = wireCache.find(wireKey, end - offset);
  return end;
}

function tailWord(message: Uint8Array, at: number, end: number): number {
  let word = 0;
  for (let index = 0; at + index < end; index++) word |= message[at + index]! << (8 * index);
  return word;
}

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

/** The string for buffer[0..length), from the cache when the same bytes were seen before. */
function textOf(length: number): string {
  if (length > maximumKeyBytes) return latin1.decode(buffer.subarray(0, length));
  // Zero the rest of the last word, so that the words stand for exactly these bytes.
  buffer[length] = 0;
  buffer[length + 1] = 0;
  buffer[length + 2] = 0;
  const cached = textCache.find(bufferWords, length);
  if (cached !== undefined) return cached;
  const text = latin1.decode(buffer.subarray(0, length));
  textCache.remember(bufferWords, text);
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
  const plainEnd = offset < message.length ? lookUpWire(message, offset, message.length) : -1;
  if (plainEnd >= 0 && wireText !== undefined) {
    const text = wireText;
    nameResult.text = text;
    nameResult.error = undefined;
    nameResult.wireEntry = wireCache.entry;
    if (message === memoMessage && memoCount < memoSize && plainEnd - offset > 1) {
      memoOffsets[memoCount] = offset;
      memoWireLengths[memoCount] = plainEnd - offset;
      memoTexts[memoCount] = text;
      memoCount++;
    }
    return plainEnd;
  }
  const end = readNameBytes(message, offset);
  // A plain name the wire cache missed: the long way read it whole and without error.
  if (plainEnd >= 0 && nameResult.error === undefined) {
    wireCache.remember(wireKey, nameResult.text);
    nameResult.wireEntry = wireCache.entry;
  } else nameResult.wireEntry = -1;
  return end;
}

/**
 * A name in bytes[offset, end) written without pointers and read before, found by its wire
 * bytes: returns the offset after it, its text in `nameResult`; or -1, and readName must read
 * it (over a view of the whole message, for pointers). Needs no view of the message: the
 * analysis reads a question's name this way straight from the frame's chunk.
 */
export function readCachedName(bytes: Uint8Array, offset: number, end: number): number {
  const plainEnd = offset < end ? lookUpWire(bytes, offset, end) : -1;
  if (plainEnd < 0 || wireText === undefined) return -1;
  nameResult.text = wireText;
  nameResult.error = undefined;
  nameResult.wireEntry = wireCache.entry;
  return plainEnd;
}

/** readName the long way: every byte, escaping, pointers, errors. */
function readNameBytes(message: Uint8Array, offset: number): number {
  const size = message.length;
  let position = offset;
  let end = -1;
  let jumps = 0;
  // tcpdump's max_offset: a pointer must point before the last place we jumped to (or started).
  let limit = offset;
  let wireLength = 1; // the root's zero byte
  let used = 0;
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
          if (plain[byte] === 1) buffer[used++] = byte;
          else used = escape(byte, used);
        }
      }
    }
    position += 1 + length;
  }
  let text = used === 0 ? '' : textOf(used);
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
