/**
 * `--threshold NAME=VALUE`, repeatable (analyze, capture): overrides one incident threshold of
 * thresholds.ts, whose names, defaults and rules docs/analysis.md lists ("Incidents and
 * thresholds"). A count or a port must be a whole number; seconds and factors may have a
 * fraction. An unknown name is refused with the list of known ones, so a typo cannot pass
 * silently as the default.
 */
import { defaultThresholds, type Thresholds } from '../../common/analysis/thresholds';

type ThresholdName = keyof Thresholds;

const names = Object.keys(defaultThresholds) as ThresholdName[];

function isThresholdName(name: string): name is ThresholdName {
  return (names as string[]).includes(name);
}

/** Seconds and factors are measures; every other threshold counts packets or names a port. */
function allowsFraction(name: ThresholdName): boolean {
  return name.endsWith('Seconds') || name.endsWith('Factor');
}

/** commander's parser for a repeated option: each NAME=VALUE joins the ones before it. */
export function parseThreshold(text: string, previous: Partial<Thresholds> = {}): Partial<Thresholds> {
  const match = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(text);
  if (!match) throw new Error(`--threshold wants NAME=VALUE, e.g. servfailMinimumResponses=1, got "${text}"`);
  const [, name = '', valueText = ''] = match;
  if (!isThresholdName(name)) {
    throw new Error(`--threshold: no threshold is called "${name}"; the thresholds are ${names.join(', ')}`);
  }
  const value = Number(valueText);
  const whole = !allowsFraction(name);
  if (
    !/^\d+(\.\d+)?$/.test(valueText) ||
    !Number.isFinite(value) ||
    (whole && !Number.isSafeInteger(value))
  ) {
    throw new Error(
      `--threshold ${name} wants ${whole ? 'a whole number' : 'a number'} of 0 or more, got "${valueText}" (default ${defaultThresholds[name]})`,
    );
  }
  return { ...previous, [name]: value };
}

export const thresholdHelp =
  'override an incident threshold, e.g. servfailMinimumResponses=1 (repeatable; the names and defaults are in docs/analysis.md)';
