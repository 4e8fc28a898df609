// readNameCached (the analysis's fast question name) must give exactly what readName gives:
// the same text, error and end offset, whether the name is new, cached, or not cacheable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameResult, readName, readNameCached, startMessage } from '../../electron/common/decode/dns-name';

function both(message: Uint8Array, offset: number): { plain: unknown; cached: unknown[] } {
  startMessage(message);
  const end = readName(message, offset);
  const plain = { end, text: nameResult.text, error: nameResult.error };
  const cached: unknown[] = [];
  // Twice: the first call may fill the cache, the second must read from it.
  for (let round = 0; round < 2; round++) {
    startMessage(message);
    const cachedEnd = readNameCached(message, offset);
    cached.push({ end: cachedEnd, text: nameResult.text, error: nameResult.error });
  }
  return { plain, cached };
}

/** A name in wire form from labels (RFC 1035 §3.1). */
function wire(...labels: string[]): number[] {
  return [...labels.flatMap((label) => [label.length, ...[...label].map((character) => character.charCodeAt(0))]), 0];
}

describe('readNameCached', () => {
  it('reads plain names, then answers them from the cache', () => {
    const message = Uint8Array.from([...new Array<number>(12).fill(0), ...wire('yummyrecipesforme', 'com'), 0, 1, 0, 1]);
    const { plain, cached } = both(message, 12);
    expect(plain).toEqual({ end: 12 + 23, text: 'yummyrecipesforme.com', error: undefined });
    expect(cached).toEqual([plain, plain]);
  });

  it('leaves escapes, pointers, the root, long names and cut names to readName, with its answer', () => {
    const header = new Array<number>(12).fill(0);
    const cases: [number[], number][] = [
      [[...header, ...wire('a.b', 'example')], 12], // a dot inside a label: \.
      [[...header, 4, 0x61, 0x5c, 0x00, 0xff, 0], 12], // backslash, zero and 0xff bytes: \\ \000 \255
      [[...header, ...wire('example', 'com'), 3, 0x77, 0x77, 0x77, 0xc0, 12], 25], // www + pointer
      [[...header, 0], 12], // the root
      [[...header, ...wire('a'.repeat(63), 'b'.repeat(20))], 12], // past the cache's 64 bytes
      [[...header, 7, 0x65, 0x78], 12], // cut short
      [[...header, 0x40, 0], 12], // label type 0x40
    ];
    for (const [bytes, offset] of cases) {
      const { plain, cached } = both(Uint8Array.from(bytes), offset);
      expect(cached, JSON.stringify(bytes)).toEqual([plain, plain]);
    }
  });

  it('agrees with readName on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.nat(), (bytes, at) => {
        const offset = at % bytes.length;
        const { plain, cached } = both(bytes, offset);
        expect(cached).toEqual([plain, plain]);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with readName on names of random plain labels, a cached name changed by one byte included', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.nat(), (labels, flip) => {
        const message = Uint8Array.from(wire(...labels));
        const first = both(message, 0);
        expect(first.cached).toEqual([first.plain, first.plain]);
        const changed = message.slice();
        const index = flip % (changed.length - 1);
        if (changed[index]! > 0x20 && changed[index]! < 0x7e) changed[index]! += 1;
        const second = both(changed, 0);
        expect(second.cached).toEqual([second.plain, second.plain]);
      }),
      { numRuns: 2000 },
    );
  });
});
