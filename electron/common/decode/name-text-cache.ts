/**
 * A bounded cache of name texts keyed by up to 64 bytes, given as little-endian 32-bit words
 * (zero past the key's length). dns-name.ts keeps two: one keyed by a name's escaped text
 * bytes, one by its bytes on the wire. 8192 sets of 2 entries; keys live side by side in one
 * arena (64 bytes each) so that a lookup touches one cache line, not scattered objects, and a
 * stored hash lets most misses end without comparing bytes. Two busy keys that share a set do
 * not evict each other: a miss replaces the way its set used least recently.
 */

/** The longest key, in bytes. */
export const maximumKeyBytes = 64;
const keyWords = maximumKeyBytes / 4;
const sets = 8192;
/** How many names the cache holds: `entry` is below this. */
export const nameCacheEntries = sets * 2;
const entries = nameCacheEntries;

export class NameTextCache {
  private readonly arena = new Uint32Array(entries * keyWords);
  private readonly lengths = new Int32Array(entries); // 0: empty
  private readonly hashes = new Int32Array(entries);
  private readonly texts: string[] = new Array<string>(entries).fill('');
  /** Per set, the way used last. */
  private readonly recent = new Uint8Array(sets);
  /** The length and hash of the key find() was last given, for remember(). */
  private length = 0;
  private hash = 0;
  /**
   * The entry find() found or remember() filled, -1 after a miss: it stands for that text until
   * the entry is given to another (frame-facts.ts's string table keys names by it).
   */
  entry = -1;

  /** The text kept for key[0..length bytes), or undefined; remember() may follow a miss. */
  find(key: Uint32Array, length: number): string | undefined {
    const words = (length + 3) >> 2;
    let hash = length;
    for (let index = 0; index < words; index++) hash = Math.imul(hash ^ key[index]!, 0x01000193);
    hash ^= hash >>> 15;
    this.length = length;
    this.hash = hash;
    const set = hash & (sets - 1);
    const first = set << 1;
    if (this.holds(first, key, words)) {
      this.recent[set] = 0;
      this.entry = first;
      return this.texts[first];
    }
    if (this.holds(first + 1, key, words)) {
      this.recent[set] = 1;
      this.entry = first + 1;
      return this.texts[first + 1];
    }
    this.entry = -1;
    return undefined;
  }

  /** Keeps `text` for the key find() last missed (the same words in `key`). */
  remember(key: Uint32Array, text: string): void {
    const set = this.hash & (sets - 1);
    const way = this.recent[set] === 0 ? 1 : 0;
    const entry = (set << 1) + way;
    const words = (this.length + 3) >> 2;
    const base = entry * keyWords;
    for (let index = 0; index < words; index++) this.arena[base + index] = key[index]!;
    this.lengths[entry] = this.length;
    this.hashes[entry] = this.hash;
    this.texts[entry] = text;
    this.recent[set] = way;
    this.entry = entry;
  }

  private holds(entry: number, key: Uint32Array, words: number): boolean {
    if (this.lengths[entry] !== this.length || this.hashes[entry] !== this.hash) return false;
    const base = entry * keyWords;
    for (let index = 0; index < words; index++) if (this.arena[base + index] !== key[index]) return false;
    return true;
  }
}
