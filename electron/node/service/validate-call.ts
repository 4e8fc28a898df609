/** Checks one incoming call against the contract: its name, then its arguments (zod). */
import {
  isRequestName,
  requests,
  type Failure,
  type RequestName,
  type ValidRequestArgs,
} from '../../common/ipc/contract';

export type CheckedCall =
  | { [N in RequestName]: { ok: true; name: N; args: ValidRequestArgs<N> } }[RequestName]
  | { ok: false; failure: Failure };

/** Arguments are never echoed back whole: a hostile caller's megabytes stay out of logs and replies. */
export function validateCall(name: unknown, args: unknown): CheckedCall {
  if (!isRequestName(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 60)) : typeof name;
    return {
      ok: false,
      failure: { code: 'unknown-request', message: `no such request: ${shown}`, issues: [], fix: null },
    };
  }
  const parsed = requests[name].args.safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`);
    return {
      ok: false,
      failure: { code: 'validation', message: `invalid arguments for ${name}`, issues, fix: null },
    };
  }
  return { ok: true, name, args: parsed.data } as CheckedCall;
}
