/**
 * Capture times inside the analysis are whole microseconds since the Unix epoch: integers,
 * exact below 2^53 (until the year 2255), so comparisons never suffer float rounding and
 * the contract's ISO times print exactly what the capture holds.
 */
import type { Frame } from '../model/frame';

export const microsecondsPerSecond = 1_000_000;

/** The largest time a Date can hold, in milliseconds either side of the epoch. */
const maximumDateMilliseconds = 8.64e15;

/** The frame's time in whole microseconds. Nanosecond captures are truncated, as tcpdump prints them. */
export function frameMicroseconds(frame: Frame): number {
  return frame.seconds * microsecondsPerSecond + Math.floor(frame.nanoseconds / 1000);
}

/** Seconds (with fraction) to whole microseconds, for options and `advanceTo`. */
export function secondsToMicroseconds(seconds: number): number {
  return Math.round(seconds * microsecondsPerSecond);
}

/** The contract's time form: ISO 8601 in UTC with six fraction digits, 2026-11-25T13:24:32.192571Z. */
export function isoOfMicroseconds(microseconds: number): string {
  // A hostile pcapng (a bogus if_tsresol or time stamp) can claim a time past what Date can
  // show (±8.64e15 ms, ECMA-262 §21.4.1.22): clamp, rather than throw while writing the report.
  const limit = maximumDateMilliseconds * 1000;
  const clamped = Number.isNaN(microseconds) ? 0 : Math.max(-limit, Math.min(limit, microseconds));
  const wholeSeconds = Math.floor(clamped / microsecondsPerSecond);
  const fraction = Math.floor(clamped - wholeSeconds * microsecondsPerSecond);
  const base = new Date(wholeSeconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(fraction).padStart(6, '0')}Z`;
}

/** '13:24:32.192571' (UTC), for sentences in summaries and evidence. */
export function clockOfMicroseconds(microseconds: number): string {
  return isoOfMicroseconds(microseconds).slice(11, 26);
}

/** A duration for sentences: '4.2 s', '3 min 17.8 s', '250 ms'. */
export function durationText(microseconds: number): string {
  const milliseconds = microseconds / 1000;
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${(seconds - minutes * 60).toFixed(1)} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes - hours * 60} min`;
}
