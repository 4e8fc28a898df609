/**
 * Display helpers for the contract's times: ISO 8601 UTC with microseconds
 * (2026-11-25T13:24:32.192571Z). The math stays in whole microseconds so a report never
 * shows a rounded time that differs from the capture's.
 */
import { isoOfMicroseconds, secondsToMicroseconds } from '../analysis/time-format';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Whole microseconds since the Unix epoch (exact for any capture date: below 2^53). */
export function microsecondsOf(iso: string): number {
  const match = isoPattern.exec(iso);
  if (!match) throw new Error(`not an ISO 8601 UTC time: ${iso}`);
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const milliseconds = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  return milliseconds * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** Unix seconds with the fraction, as TimelineEvent.time carries them. */
export function secondsOf(iso: string): number {
  return microsecondsOf(iso) / 1_000_000;
}

/** '13:24:32.192571' */
export function clockOf(iso: string): string {
  const match = isoPattern.exec(iso);
  if (!match) return iso;
  return `${match[4]}:${match[5]}:${match[6]}.${(match[7] ?? '').padEnd(6, '0').slice(0, 6)}`;
}

/** '2026-11-25' */
export function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

/** '2026-11-25 13:24:32.192571 UTC' */
export function displayTime(iso: string): string {
  return isoPattern.test(iso) ? `${dateOf(iso)} ${clockOf(iso)} UTC` : iso;
}

/** The contract's form of a Unix time in seconds (microsecond precision). */
export function isoOfSeconds(seconds: number): string {
  return isoOfMicroseconds(secondsToMicroseconds(seconds));
}

/** A clock label for chart ticks: '13:24:30', with as many fraction digits as asked. */
export function clockOfSeconds(seconds: number, fractionDigits = 0): string {
  const clock = clockOf(isoOfSeconds(seconds));
  return fractionDigits > 0 ? clock.slice(0, 9 + fractionDigits) : clock.slice(0, 8);
}

/** '4 min 17.830396 s', '2 h 5 min 0 s', '0.000120 s'. */
export function formatDuration(microseconds: number): string {
  const negative = microseconds < 0;
  let rest = Math.abs(Math.round(microseconds));
  const hours = Math.floor(rest / 3_600_000_000);
  rest -= hours * 3_600_000_000;
  const minutes = Math.floor(rest / 60_000_000);
  rest -= minutes * 60_000_000;
  const seconds = Math.floor(rest / 1_000_000);
  const fraction = rest - seconds * 1_000_000;
  const secondsText = fraction === 0 ? `${seconds} s` : `${seconds}.${String(fraction).padStart(6, '0')} s`;
  const parts = [
    hours > 0 ? `${hours} h` : '',
    hours > 0 || minutes > 0 ? `${minutes} min` : '',
    secondsText,
  ];
  return (negative ? '-' : '') + parts.filter(Boolean).join(' ');
}

/** The duration from one contract time to another. */
export function durationBetween(startIso: string, endIso: string): string {
  return formatDuration(microsecondsOf(endIso) - microsecondsOf(startIso));
}
