/** The helper's command line for a capture (native/README.md, `netmortem-capture --help`). */
import { CaptureError } from './capture-error';
import type { CaptureSessionOptions } from './capture-session-types';

export function helperCaptureArguments(options: CaptureSessionOptions): string[] {
  const args = ['-i', options.interface, options.immediate ? '--immediate' : '--no-immediate'];
  if (options.filter !== undefined && options.filter.trim() !== '') args.push('-f', options.filter);
  if (options.snaplen !== undefined)
    args.push('-s', String(wholeNumber(options.snaplen, 'snaplen', 1, 262_144)));
  args.push(options.promiscuous ? '--promiscuous' : '-p');
  if (options.bufferMegabytes !== undefined)
    args.push('-B', String(wholeNumber(options.bufferMegabytes, 'bufferMegabytes', 1, 2047)));
  if (options.count !== undefined)
    args.push('-c', String(wholeNumber(options.count, 'count', 1, Number.MAX_SAFE_INTEGER)));
  if (options.durationSeconds !== undefined) {
    if (!(options.durationSeconds > 0) || !Number.isFinite(options.durationSeconds)) {
      throw new CaptureError(
        'usage',
        `durationSeconds must be a positive number of seconds, not ${options.durationSeconds}`,
      );
    }
    args.push('-a', `duration:${options.durationSeconds}`);
  }
  return args;
}

function wholeNumber(value: number, name: string, minimum: number, maximum: number): number {
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    throw new CaptureError(
      'usage',
      `${name} must be a whole number from ${minimum} to ${maximum}, not ${value}`,
    );
  }
  return value;
}
