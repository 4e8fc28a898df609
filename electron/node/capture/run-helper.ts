/**
 * Runs the helper for a one-shot question (--list, --check-filter) and collects its
 * output. The child is tracked like a capture, and killed if it outlives its deadline.
 */
import { spawn } from 'node:child_process';
import { CaptureError, helperFailure } from './capture-error';
import { parseHelperLine, type HelperError } from './helper-messages';
import { findHelperPath } from './helper-path';
import { killHelper, trackHelper } from './live-helpers';

export interface HelperRunOptions {
  /** The helper binary; found by findHelperPath when absent. */
  helperPath?: string;
  /** A command put before the helper, e.g. ['ip', 'netns', 'exec', 'ns1'] to run it in a namespace. */
  launcher?: string[];
  /** The helper answers these questions in milliseconds; this only bounds a stuck one. */
  timeoutMs?: number;
}

export interface HelperRunResult {
  stdout: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The helper's JSON error line, when it wrote one. */
  error: HelperError | undefined;
  /** Anything else it wrote on stderr. */
  otherOutput: string[];
  helperPath: string;
}

export function runHelper(args: string[], options: HelperRunOptions = {}): Promise<HelperRunResult> {
  const helperPath = findHelperPath(options.helperPath);
  const launcher = options.launcher ?? [];
  const command = [...launcher, helperPath, ...args];
  return new Promise((resolvePromise, rejectPromise) => {
    // Its own process group, like a capture's, so killHelper takes the launcher's children too.
    const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    trackHelper(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const deadline = setTimeout(() => killHelper(child), options.timeoutMs ?? 10_000);
    child.once('error', (error) => {
      clearTimeout(deadline);
      rejectPromise(
        new CaptureError('helper-failed', `cannot run ${command[0]}: ${error.message}`, { cause: error }),
      );
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(deadline);
      let error: HelperError | undefined;
      const otherOutput: string[] = [];
      for (const line of Buffer.concat(stderr).toString('utf8').split('\n')) {
        const message = parseHelperLine(line);
        if (message?.type === 'error') error ??= message;
        else if (message?.type === 'text') otherOutput.push(message.message);
      }
      resolvePromise({
        stdout: Buffer.concat(stdout).toString('utf8'),
        exitCode,
        signal,
        error,
        otherOutput,
        helperPath,
      });
    });
  });
}

/** The typed error for a failed run: the helper's own code and message, or what we saw. */
export function runFailure(result: HelperRunResult, what: string): CaptureError {
  if (result.error) return helperFailure(result.helperPath, result.error);
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
  const detail = result.otherOutput.length > 0 ? `: ${result.otherOutput.join(' ')}` : '';
  return new CaptureError('helper-failed', `${what}: the capture helper ${how}${detail}`);
}
