/** A refusal or failure the service answers with, and how any thrown error becomes one. */
import type { ErrorCode } from '../../common/ipc/payload-schemas';
import type { Failure } from '../../common/ipc/contract';
import { CaptureError } from '../capture/capture-error';

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fix: string | null = null,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function failureOf(error: unknown): Failure {
  if (error instanceof ServiceError)
    return { code: error.code, message: error.message, issues: [], fix: error.fix };
  if (error instanceof CaptureError) {
    const permission = error.code === 'permission-denied';
    return {
      code: permission ? 'capture-permission' : 'failed',
      message: error.message,
      issues: [],
      fix: error.fix ?? null,
    };
  }
  return {
    code: 'failed',
    message: error instanceof Error ? error.message : String(error),
    issues: [],
    fix: null,
  };
}
