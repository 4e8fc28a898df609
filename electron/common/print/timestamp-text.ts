import type { LineBuffer } from './line-buffer';
import type { TimestampFormat } from './print-options';

/**
 * tcpdump's time stamps (util-print.c ts_format), always in UTC. Calendar fields come from
 * day arithmetic, not Date objects, and the text of the current second is cached: a capture
 * has many packets per second, so most packets only format their fraction.
 */

const secondsPerDay = 86_400;

/** Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** "000" to "999": fractions are printed three digits at a time, without building numbers. */
const threeDigits: string[] = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/** "HH:MM:SS" of a count of seconds, hours not wrapped (tcpdump's delta formats). */
function clockText(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}`;
}

export class TimestampText {
  private cachedSecond = Number.NaN;
  private cachedPrefix = '';
  private previousFraction = 0;
  private previousSeconds = Number.NaN;
  private firstSeconds = Number.NaN;
  private firstFraction = 0;
  private readonly digits: number;
  private readonly scale: number;

  constructor(
    private readonly format: TimestampFormat,
    nanoseconds: boolean,
  ) {
    this.digits = nanoseconds ? 9 : 6;
    this.scale = nanoseconds ? 1_000_000_000 : 1_000_000;
  }

  /** Writes the time stamp and its separating space (nothing for `none`). */
  write(line: LineBuffer, seconds: number, nanoseconds: number): void {
    if (this.format === 'time' || this.format === 'date') {
      // The common case, in pieces that are all cached strings.
      const fraction = this.digits === 9 ? nanoseconds : Math.floor(nanoseconds / 1000);
      line.write(this.secondText(seconds));
      line.writeByte(0x2e);
      this.writeFraction(line, fraction);
      line.writeByte(0x20);
      return;
    }
    line.write(this.text(seconds, nanoseconds));
  }

  /** The time stamp followed by its separating space, or '' for `none`. */
  text(seconds: number, nanoseconds: number): string {
    // tcpdump without --nano reads the capture at microsecond precision: libpcap truncates.
    const fraction = this.digits === 9 ? nanoseconds : Math.floor(nanoseconds / 1000);
    switch (this.format) {
      case 'none':
        return '';
      case 'time':
      case 'date':
        return `${this.secondText(seconds)}.${this.fractionText(fraction)} `;
      case 'epoch':
        return `${seconds}.${this.fractionText(fraction)} `;
      case 'delta':
      case 'since-first': {
        if (Number.isNaN(this.firstSeconds)) {
          this.firstSeconds = seconds;
          this.firstFraction = fraction;
        }
        const baseSeconds = this.format === 'delta' ? this.previousSeconds : this.firstSeconds;
        const baseFraction = this.format === 'delta' ? this.previousFraction : this.firstFraction;
        this.previousSeconds = seconds;
        this.previousFraction = fraction;
        if (Number.isNaN(baseSeconds)) return ` ${clockText(0)}.${this.fractionText(0)} `;
        let deltaSeconds = seconds - baseSeconds;
        let deltaFraction = fraction - baseFraction;
        let sign = ' ';
        if (deltaSeconds < 0 || (deltaSeconds === 0 && deltaFraction < 0)) {
          sign = '-';
          deltaSeconds = -deltaSeconds;
          deltaFraction = -deltaFraction;
        }
        if (deltaFraction < 0) {
          deltaFraction += this.scale;
          deltaSeconds -= 1;
        }
        return `${sign}${clockText(deltaSeconds)}.${this.fractionText(deltaFraction)} `;
      }
    }
  }

  private writeFraction(line: LineBuffer, fraction: number): void {
    const high = Math.floor(fraction / 1000);
    if (this.digits === 9) {
      const top = Math.floor(high / 1000);
      line.write(threeDigits[top]!);
      line.write(threeDigits[high - top * 1000]!);
    } else {
      line.write(threeDigits[high]!);
    }
    line.write(threeDigits[fraction - high * 1000]!);
  }

  private fractionText(fraction: number): string {
    const high = Math.floor(fraction / 1000);
    if (this.digits === 6) return threeDigits[high]! + threeDigits[fraction - high * 1000]!;
    const top = Math.floor(high / 1000);
    return threeDigits[top]! + threeDigits[high - top * 1000]! + threeDigits[fraction - high * 1000]!;
  }

  private secondText(seconds: number): string {
    if (seconds === this.cachedSecond) return this.cachedPrefix;
    const days = Math.floor(seconds / secondsPerDay);
    const clock = clockText(seconds - days * secondsPerDay);
    let prefix = clock;
    if (this.format === 'date') {
      const { year, month, day } = civilFromDays(days);
      prefix = `${year}-${twoDigits(month)}-${twoDigits(day)} ${clock}`;
    }
    this.cachedSecond = seconds;
    this.cachedPrefix = prefix;
    return prefix;
  }
}
