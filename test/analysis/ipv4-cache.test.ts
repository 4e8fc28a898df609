// Ipv4Cache stands in front of the analysis's address Maps: a key must only ever give the value
// set for that very key, whatever other keys share its slot.
import { describe, expect, it } from 'vitest';
import { ipv4Key } from '../../electron/common/decode/address-text';
import { Ipv4Cache } from '../../electron/common/analysis/ipv4-cache';

const keyOf = (text: string): number => ipv4Key(Uint8Array.from(text.split('.').map(Number)), 0);

describe('Ipv4Cache', () => {
  it('gives back only what was set for the same key', () => {
    const cache = new Ipv4Cache<string>();
    // 0.0.0.0 is key 0, the value every empty slot's key starts as: still a miss.
    expect(cache.get(keyOf('0.0.0.0'))).toBeUndefined();
    cache.set(keyOf('255.255.255.255'), 'broadcast');
    expect(cache.get(keyOf('255.255.255.255'))).toBe('broadcast');
    expect(cache.get(keyOf('0.0.0.0'))).toBeUndefined();
  });

  it('keeps the latest of keys that share a slot, and never answers one with another', () => {
    const cache = new Ipv4Cache<number>();
    const keys = Array.from({ length: 20_000 }, (_, index) => keyOf(`198.51.${index >> 8}.${index & 255}`));
    keys.forEach((key, index) => cache.set(key, index));
    let hits = 0;
    keys.forEach((key, index) => {
      const value = cache.get(key);
      if (value !== undefined) {
        expect(value).toBe(index);
        hits++;
      }
    });
    // 4096 slots: the latest key of each slot is still there.
    expect(hits).toBeGreaterThan(2000);
    expect(hits).toBeLessThanOrEqual(4096);
  });
});
