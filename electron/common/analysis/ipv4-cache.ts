/**
 * A direct-mapped cache in front of a Map keyed by address text, for IPv4 addresses given as
 * their 32-bit key (layer-view.ts's sourceKey and destinationKey): a packet then finds its
 * host, client or service list with an integer compare instead of a string Map lookup, which
 * was the analysing thread's largest single cost. Only for values that stay in their Map once
 * there: a value replaced or removed would stay here.
 */
const size = 4096;

export class Ipv4Cache<T> {
  private readonly keys = new Int32Array(size);
  private readonly values: (T | undefined)[] = new Array<T | undefined>(size).fill(undefined);

  /** The value kept for this key, or undefined (then look in the Map, and `set` what it has). */
  get(key: number): T | undefined {
    const slot = slotOf(key);
    return this.keys[slot] === key ? this.values[slot] : undefined;
  }

  set(key: number, value: T): void {
    const slot = slotOf(key);
    this.keys[slot] = key;
    this.values[slot] = value;
  }
}

/** The high bits mixed into the low ones, so that the addresses of one subnet spread over the slots. */
function slotOf(key: number): number {
  return (key ^ (key >>> 12) ^ (key >>> 20)) & (size - 1);
}
