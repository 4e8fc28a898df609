import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolutionFromOption, splitTimestamp } from '../../electron/common/capture/pcapng-timestamp';

/** The exact answer, with BigInt: seconds and truncated nanoseconds of `count` units. */
function reference(count: bigint, option: number): [number, number] {
  const binary = (option & 0x80) !== 0;
  const exponent = BigInt(option & 0x7f);
  const units = binary ? 1n << exponent : 10n ** exponent;
  return [Number(count / units), Number(((count % units) * 1_000_000_000n) / units)];
}

describe('pcapng time stamps', () => {
  it('splits microsecond and nanosecond counts of today exactly', () => {
    expect(splitTimestamp(0x66119, 0xbf52743b, resolutionFromOption(6)!)).toEqual({
      seconds: 1795613072,
      nanoseconds: 192571000,
    });
    expect(splitTimestamp(0x18eb4c94, 0x074bf5a0, resolutionFromOption(9)!)).toEqual({
      seconds: 1795613075,
      nanoseconds: 98564000,
    });
  });

  it('agrees with BigInt arithmetic for every decimal and binary resolution', () => {
    const options = [
      ...Array.from({ length: 20 }, (_, exponent) => exponent),
      ...Array.from({ length: 65 }, (_, exponent) => 0x80 | exponent),
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
          // Below 2^53 another path runs; units of a second around it are where rounding bites.
          fc.bigInt({ min: 0n, max: 2n ** 53n }),
          fc.bigInt({ min: 1n, max: 9_007_199n }).map((seconds) => seconds * 1_000_000_000n - 1n),
        ),
        fc.constantFrom(...options),
        (count, option) => {
          const split = splitTimestamp(
            Number(count >> 32n),
            Number(count & 0xffffffffn),
            resolutionFromOption(option)!,
          );
          const [seconds, nanoseconds] = reference(count, option);
          // Seconds above 2^53 cannot be exact in a double; they are never real times.
          if (seconds < 2 ** 53) expect(split.seconds).toBe(seconds);
          expect(split.nanoseconds).toBe(nanoseconds);
          expect(split.nanoseconds).toBeLessThan(1e9);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses resolutions no 64-bit count can use', () => {
    expect(resolutionFromOption(20)).toBeUndefined();
    expect(resolutionFromOption(0x80 | 65)).toBeUndefined();
    expect(resolutionFromOption(19)).toBeDefined();
  });
});
