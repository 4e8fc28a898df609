/**
 * pcapng time stamps (draft-ietf-opsawg-pcapng §4.2, if_tsresol): a 64-bit count of units
 * since 1970, split into two 32-bit halves, where a unit is 10^-n or 2^-n seconds.
 * Nanosecond counts of today (about 1.7e18) do not fit a double exactly, so the division
 * is done in base-2^16 digits with exact integer arithmetic; BigInt is kept for the rare
 * resolutions whose unit count per second exceeds 2^32.
 */

export interface TimestampResolution {
  /** if_tsresol as written: bit 7 set means a power of two, else a power of ten. */
  option: number;
  /** 'decimal' 10^-exponent seconds, or 'binary' 2^-exponent seconds. */
  base: 'decimal' | 'binary';
  exponent: number;
  /** Units per second, when it fits 2^32 (the exact fast path). */
  unitsPerSecond: number;
}

/** The default when an interface has no if_tsresol: microseconds. */
export const MICROSECONDS: TimestampResolution = resolutionFromOption(6)!;

/** undefined when the option asks for more than 2^-64 or 10^-19 s, which no u64 count can use. */
export function resolutionFromOption(option: number): TimestampResolution | undefined {
  const binary = (option & 0x80) !== 0;
  const exponent = option & 0x7f;
  if (binary ? exponent > 64 : exponent > 19) return undefined;
  const unitsPerSecond = binary ? 2 ** exponent : 10 ** exponent;
  return { option, base: binary ? 'binary' : 'decimal', exponent, unitsPerSecond };
}

export interface SplitTime {
  seconds: number;
  nanoseconds: number;
}

/**
 * Converts the 64-bit count `high * 2^32 + low` into whole seconds and nanoseconds
 * (truncated, never rounded up: rounding could produce 1e9 nanoseconds), written into
 * `target` so that the per-record path allocates nothing.
 */
export function splitTimestamp(
  high: number,
  low: number,
  resolution: TimestampResolution,
  target: SplitTime = { seconds: 0, nanoseconds: 0 },
): SplitTime {
  const units = resolution.unitsPerSecond;
  if (units > 0xffffffff) return splitWithBigInt(high, low, resolution, target);
  if (high < 0x200000) {
    // The count is below 2^53 (microseconds until the year 2255): plain division is exact.
    const count = high * 4294967296 + low;
    let seconds = Math.floor(count / units);
    let remainder = count - seconds * units;
    // The division may round up across an integer when units are small against the count.
    if (remainder < 0) {
      seconds--;
      remainder += units;
    } else if (remainder >= units) {
      seconds++;
      remainder -= units;
    }
    target.seconds = seconds;
    target.nanoseconds = fractionToNanoseconds(remainder, resolution);
    return target;
  }
  // Long division of the four 16-bit digits by `units` (< 2^32): every intermediate is < 2^48.
  let current = high >>> 16;
  let digit = Math.floor(current / units);
  let remainder = current - digit * units;
  let quotient = digit;
  current = remainder * 65536 + (high & 0xffff);
  digit = Math.floor(current / units);
  remainder = current - digit * units;
  quotient = quotient * 65536 + digit;
  current = remainder * 65536 + (low >>> 16);
  digit = Math.floor(current / units);
  remainder = current - digit * units;
  quotient = quotient * 65536 + digit;
  current = remainder * 65536 + (low & 0xffff);
  digit = Math.floor(current / units);
  remainder = current - digit * units;
  quotient = quotient * 65536 + digit;
  target.seconds = quotient;
  target.nanoseconds = fractionToNanoseconds(remainder, resolution);
  return target;
}

function fractionToNanoseconds(remainder: number, resolution: TimestampResolution): number {
  if (resolution.base === 'decimal') {
    // exponent <= 9 here (10^10 > 2^32): scale up exactly.
    return remainder * 10 ** (9 - resolution.exponent);
  }
  // remainder * 1e9 / 2^exponent, exact: remainder < 2^32 and 5^9 < 2^21, so
  // remainder * 5^9 < 2^53; then the powers of two are exact.
  return Math.floor((remainder * 1953125 * 512) / resolution.unitsPerSecond);
}

function splitWithBigInt(
  high: number,
  low: number,
  resolution: TimestampResolution,
  target: SplitTime,
): SplitTime {
  const count = (BigInt(high) << 32n) | BigInt(low);
  const units =
    resolution.base === 'binary' ? 1n << BigInt(resolution.exponent) : 10n ** BigInt(resolution.exponent);
  const seconds = count / units;
  const nanoseconds = ((count % units) * 1_000_000_000n) / units;
  target.seconds = Number(seconds);
  target.nanoseconds = Number(nanoseconds);
  return target;
}
