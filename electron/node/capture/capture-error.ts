/**
 * Every way a live capture can fail, as one typed error. The helper's own JSON error lines
 * map to it one to one (`code` and `message` are the helper's); the session adds the codes
 * only it can see (the helper missing, dying, the consumer throwing, the disk failing).
 */
import type { HelperError } from './helper-messages';

export type CaptureErrorCode =
  | 'permission-denied'
  | 'bad-filter'
  | 'no-such-device'
  | 'interface-down'
  | 'interface-gone'
  | 'bad-linktype'
  | 'capture-error'
  | 'usage'
  | 'helper-missing'
  | 'helper-failed'
  | 'helper-died'
  | 'listener-failed'
  | 'write-failed'
  | 'bad-stream'
  | 'analysis-failed'
  | (string & {});

export class CaptureError extends Error {
  readonly code: CaptureErrorCode;
  /** One line that fixes the problem, when there is one (the setcap command for permission errors). */
  readonly fix: string | undefined;
  /** libpcap's own message, when libpcap said something (a bad filter's "syntax error"). */
  readonly detail: string | undefined;

  constructor(
    code: CaptureErrorCode,
    message: string,
    options: { fix?: string; detail?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CaptureError';
    this.code = code;
    this.fix = options.fix;
    this.detail = options.detail;
  }
}

/** The typed error for one of the helper's JSON error lines. */
export function helperFailure(helperPath: string, line: HelperError): CaptureError {
  // The permission message ends with the fix, a command to copy: nothing goes after it.
  if (line.code === 'permission-denied')
    return permissionError(helperPath, line.message, line.fix, line.detail);
  const detail = line.detail && !line.message.includes(line.detail) ? line.detail : undefined;
  const message = detail ? `${line.message.replace(/[.:]\s*$/, '')}: ${detail}` : line.message;
  return new CaptureError(line.code, message, { detail: line.detail });
}

/** The capabilities the helper needs, and only those (dumpcap's model). */
export function setcapCommand(helperPath: string): string {
  return `sudo setcap cap_net_raw,cap_net_admin+eip ${quoteForShell(helperPath)}`;
}

export function permissionError(
  helperPath: string,
  message: string,
  helperFix?: string,
  detail?: string,
): CaptureError {
  const fix = helperFix ?? setcapCommand(helperPath);
  const text = message.trim().replace(/\.$/, '');
  // The helper usually names the fix itself; say it once, with the helper's real path.
  return new CaptureError('permission-denied', /setcap/.test(text) ? text : `${text}. Fix: ${fix}`, {
    fix,
    detail,
  });
}

function quoteForShell(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
