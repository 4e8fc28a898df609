import { ApiError } from '../../../electron/common/ipc/bridge';
import type { ErrorEvent } from '../../../electron/common/ipc/payload-schemas';

/** Any failure of a call, as the error banner shows it (with the fix when the service gave one). */
export function errorEventOf(error: unknown): ErrorEvent {
  if (error instanceof ApiError) {
    const issues = error.issues.length > 0 ? ` (${error.issues.join('; ')})` : '';
    return { sessionId: null, code: error.code, message: `${error.message}${issues}`, fix: error.fix };
  }
  return {
    sessionId: null,
    code: 'failed',
    message: error instanceof Error ? error.message : String(error),
    fix: null,
  };
}
