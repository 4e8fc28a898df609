/**
 * A table of values by address text that never forgets an address, with a direct-mapped memo
 * in front for the addresses that come with their IPv4 key (LayerView.ipv4Keys, address-text.ts's
 * ipv4Key): a hit costs a comparison of two integers instead of a Map lookup, and the analysis
 * looked up several addresses per packet. Since nothing is removed, a remembered value is never
 * stale; a memo slot holds the last key that landed on it.
 */
import { ipv4KeyHash } from '../decode/address-text';

const memoSlots = 4096;

export class AddressTable<T> {
  private readonly byText = new Map<string, T>();
  private readonly memoKeys = new Int32Array(memoSlots);
  private readonly memoValues: (T | undefined)[] = new Array<T | undefined>(memoSlots).fill(undefined);

  get size(): number {
    return this.byText.size;
  }

  /** The value for `address`; `ipv4Key` is its key when it has one (undefined: an IPv6 address, or a key not at hand). */
  get(address: string, ipv4Key?: number): T | undefined {
    if (ipv4Key === undefined) return this.byText.get(address);
    const slot = ipv4KeyHash(ipv4Key) & (memoSlots - 1);
    if (this.memoKeys[slot] === ipv4Key) {
      const remembered = this.memoValues[slot];
      if (remembered !== undefined) return remembered;
    }
    const value = this.byText.get(address);
    if (value !== undefined) {
      this.memoKeys[slot] = ipv4Key;
      this.memoValues[slot] = value;
    }
    return value;
  }

  set(address: string, value: T): void {
    this.byText.set(address, value);
  }
}
