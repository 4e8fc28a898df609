// Builds and runs native/build/netmortem-capture for the tests, collecting its pcap stdout and
// its JSON-lines stderr. Waiting is event-driven: a waiter resolves when a condition on the output
// holds, and rejects if the helper exits first. The test timeout is the only clock.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '..', '..', '..');
export const helperPath = resolve(repositoryRoot, 'native', 'build', 'netmortem-capture');

/** Runs `make -C native`, as scripts/build.mjs does. */
export function buildHelper(): void {
  execFileSync('make', ['-C', resolve(repositoryRoot, 'native'), '--no-print-directory', '-s'], {
    stdio: 'inherit',
  });
}

export interface HelperLine {
  type?: string;
  code?: string;
  message?: string;
  detail?: string;
  fix?: string;
  final?: boolean;
  reason?: string;
  received?: number;
  dropped?: number;
  interfaceDropped?: number;
  captured?: number;
  [key: string]: unknown;
}

export interface HelperExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class HelperRun {
  readonly child: ChildProcess;
  private stdoutChunks: Buffer[] = [];
  private stderrText = '';
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<HelperExit>;
  private exitResult: HelperExit | undefined;

  constructor(command: string, args: string[]) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.stdoutChunks.push(chunk);
      this.notify();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
      this.notify();
    });
    // The helper may close stdin's far end first; a late write or end must not crash the test.
    this.child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolveExit, rejectExit) => {
      this.child.on('error', rejectExit);
      this.child.on('close', (code, signal) => {
        this.exitResult = { code, signal };
        resolveExit(this.exitResult);
        this.notify();
      });
    });
  }

  get stdout(): Buffer {
    return Buffer.concat(this.stdoutChunks);
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Every complete stderr line, parsed. A line that is not JSON fails the test. */
  get lines(): HelperLine[] {
    return this.stderrText
      .split('\n')
      .slice(0, -1)
      .map((line) => {
        try {
          return JSON.parse(line) as HelperLine;
        } catch {
          throw new Error(`helper wrote a stderr line that is not JSON: ${JSON.stringify(line)}`);
        }
      });
  }

  get hasExited(): boolean {
    return this.exitResult !== undefined;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves once condition() holds; rejects if the helper exits before it does. */
  waitFor(description: string, condition: () => boolean): Promise<void> {
    return new Promise((resolveWait, rejectWait) => {
      const check = (): void => {
        let holds = false;
        try {
          holds = condition();
        } catch (error) {
          this.waiters.delete(check);
          rejectWait(error);
          return;
        }
        if (holds) {
          this.waiters.delete(check);
          resolveWait();
        } else if (this.exitResult !== undefined) {
          this.waiters.delete(check);
          rejectWait(
            new Error(
              `helper exited (${JSON.stringify(this.exitResult)}) before ${description}; stderr:\n${this.stderrText}`,
            ),
          );
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  waitForStarted(): Promise<void> {
    return this.waitFor('the started line', () => this.lines.some((line) => line.type === 'started'));
  }

  /** Kills the helper if it still runs; for afterEach. */
  async dispose(): Promise<void> {
    if (!this.hasExited) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

export function runHelper(args: string[]): HelperRun {
  return new HelperRun(helperPath, args);
}

/** The helper run inside a network namespace (`ip netns exec` execs it in place: same pid, same pipes). */
export function runHelperInNamespace(namespace: string, args: string[]): HelperRun {
  return new HelperRun('ip', ['netns', 'exec', namespace, helperPath, ...args]);
}

export function errorLines(run: HelperRun): HelperLine[] {
  return run.lines.filter((line) => line.type === 'error');
}

export function finalStats(run: HelperRun): HelperLine | undefined {
  return run.lines.find((line) => line.type === 'stats' && line.final === true);
}

/** Whether this process may capture: root with CAP_NET_RAW, which the namespace tests need anyway. */
export function canCapture(): boolean {
  return process.getuid?.() === 0;
}
