/**
 * A tcpdump text log printed without dates gets 1970-01-01 (the contract's rule) and a
 * warning. The report then must not present that date as a fact: it says the date is unknown.
 */
import type { Analysis } from './analysis-schema';
import { clockOf, displayTime } from './time-format';

export function isUndated(analysis: Analysis): boolean {
  return (
    analysis.capture.start?.startsWith('1970-01-01') === true &&
    analysis.capture.warnings.some((warning) => /no date/i.test(warning))
  );
}

/** '2026-11-25 13:24:32.192571 UTC', or '13:24:32.192571 UTC (no date)' for an undated log. */
export function displayTimeIn(analysis: Analysis, iso: string): string {
  return isUndated(analysis) ? `${clockOf(iso)} UTC (no date)` : displayTime(iso);
}
