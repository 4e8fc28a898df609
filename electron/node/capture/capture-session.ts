/**
 * A live capture: the helper's pcap stream goes, as it arrives, to the rolling pcap files,
 * whole records only, so nothing is lost; the analysis follows those files at its own pace
 * (capture-analysis.ts). Events go to the listener in batches, at most one per batch
 * interval. The session owns the helper process and never lets it outlive the session:
 * stop() asks it to end, dispose() kills it, a failure (the listener throwing, a write
 * error, a corrupt stream, an analysis fault) stops it, and the live-helper registry kills
 * any survivor when Node exits.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { linkTypeName } from '../../common/model/frame';
import type { Analysis, CaptureFileFacts } from '../../common/report/analysis-schema';
import { CaptureAnalysis } from './capture-analysis';
import { CaptureError, helperFailure } from './capture-error';
import type {
  CaptureEndReason,
  CaptureListener,
  CaptureSession,
  CaptureSessionOptions,
  CaptureStats,
  CaptureSummary,
} from './capture-session-types';
import { helperCaptureArguments } from './helper-command';
import { LineSplitter, parseHelperLine, type HelperStats } from './helper-messages';
import { findHelperPath } from './helper-path';
import { killHelper, trackHelper } from './live-helpers';
import { PcapRecordFramer } from './pcap-record-framer';
import { RollingPcap } from './rolling-pcap';

const minimumBatchIntervalMs = 100;
/** How long a helper may take to flush and exit after SIGTERM before it is killed. */
const stopGraceMs = 5_000;
/** At least one batch this often, so counters and elapsed time move when nothing else does. */
const idleBatchMs = 1_000;
/** The longest the kernel holds packets back without immediate mode: the helper's block timeout (250 ms) plus slack. */
const kernelBatchSeconds = 0.4;
/** How often the rolling file is pushed to disk (for power loss; a crash of the app loses nothing anyway). */
const flushIntervalMs = 5_000;

let sessionCounter = 0;

type HelperProcess = ChildProcessByStdio<Writable, Readable, Readable>;

export function startCaptureSession(
  options: CaptureSessionOptions,
  listener: CaptureListener,
): CaptureSession {
  return new LiveCaptureSession(options, listener);
}

class LiveCaptureSession implements CaptureSession {
  readonly id: string;
  readonly ended: Promise<CaptureSummary>;
  readonly started: Promise<boolean>;
  private readonly options: CaptureSessionOptions;
  private readonly listener: CaptureListener;
  private readonly helperPath: string;
  private readonly child: HelperProcess;
  private readonly analysisFollower: CaptureAnalysis;
  private readonly framer = new PcapRecordFramer();
  private readonly rolling: RollingPcap;
  private readonly stderrLines = new LineSplitter();
  private readonly warnings: string[] = [];
  private readonly startedAt = Date.now();
  private resolveEnded!: (summary: CaptureSummary) => void;
  private resolveStarted!: (started: boolean) => void;
  private batchTimer: NodeJS.Timeout | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private stopTimer: NodeJS.Timeout | undefined;
  private helperStats: HelperStats | undefined;
  private finalStats: HelperStats | undefined;
  private packets = 0;
  private helperExitedAt: number | undefined;
  private lastBatchAt = 0;
  private lastFlushAt = Date.now();
  private lastBatchStats = '';
  private error: CaptureError | undefined;
  private listenerFailed = false;
  /** Data stops going to disk after a corrupt stream or a write failure. */
  private dataStopped = false;
  private stopRequested = false;
  private disposed = false;
  /** The helper has exited; the analysis may still be catching up. */
  private finishing = false;
  private finished = false;
  private summary: CaptureSummary | undefined;

  constructor(options: CaptureSessionOptions, listener: CaptureListener) {
    this.options = options;
    this.listener = listener;
    sessionCounter += 1;
    this.id = `${new Date(this.startedAt).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${process.pid}-${sessionCounter}`;
    const batchIntervalMs = Math.max(
      options.batchIntervalMs ?? minimumBatchIntervalMs,
      minimumBatchIntervalMs,
    );
    const args = helperCaptureArguments(options);
    this.helperPath = findHelperPath(options.helperPath);
    this.rolling = new RollingPcap({
      dataDirectory: options.dataDirectory,
      rotateBytes: options.rotateBytes,
      stem: `capture-${this.id}`,
      // The helper's chunks are never reused, so the analysis may read the records it keeps.
      onAppend: (fileIndex, offset, records) => this.analysisFollower.remember(fileIndex, offset, records),
    });
    this.analysisFollower = new CaptureAnalysis(
      {
        ...options.analysis,
        ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
      },
      () => this.rolling.extents(),
      // A fault in the analysis stops the capture; the records keep going to disk until the helper exits.
      (error) => this.fail(asCaptureError(error, 'analysis-failed', 'the analysis failed')),
    );
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve;
    });
    this.started = new Promise((resolve) => {
      this.resolveStarted = resolve;
    });

    const command = [...(options.launcher ?? []), this.helperPath, ...args];
    // stdin stays open and unused: the helper stops by itself when it closes, even if we are SIGKILLed.
    // Its own process group: a terminal's Ctrl-C reaches us, and we stop it without losing the last packets.
    this.child = spawn(command[0]!, command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    trackHelper(this.child);
    this.child.stdin.on('error', () => {
      // EPIPE once the helper is gone: its exit is handled on 'close'.
    });
    this.child.once('error', (error) =>
      this.fail(
        new CaptureError('helper-failed', `cannot run ${command[0]}: ${error.message}`, { cause: error }),
      ),
    );
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      for (const line of this.stderrLines.push(chunk)) this.helperLine(line);
    });
    this.child.once('close', (exitCode, signal) => this.finish(exitCode, signal));
    this.batchTimer = setInterval(() => this.tick(), batchIntervalMs);
  }

  get helperProcessId(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.finished;
  }

  /** True while the helper runs; the session itself runs until the analysis has caught up. */
  get capturing(): boolean {
    return !this.finishing && !this.finished;
  }

  stats(): CaptureStats {
    const helper = this.finalStats ?? this.helperStats;
    return {
      received: helper?.received ?? 0,
      dropped: helper?.dropped ?? 0,
      interfaceDropped: helper?.interfaceDropped ?? 0,
      captured: helper?.captured ?? 0,
      packets: this.packets,
      analysed: this.analysisFollower.analysed,
      elapsedSeconds: ((this.summary?.endedAt ?? Date.now()) - this.startedAt) / 1000,
    };
  }

  files() {
    return this.rolling.files;
  }

  stop(): Promise<CaptureSummary> {
    if (!this.finished && !this.finishing && !this.stopRequested) {
      this.stopRequested = true;
      // Without immediate mode the kernel hands over its last, partly filled block only when the
      // block times out: wait for that before asking the helper to stop, so those packets are kept.
      if (this.options.immediate) this.terminate();
      else this.stopTimer = setTimeout(() => this.terminate(), kernelBatchSeconds * 1000);
    }
    return this.ended;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimers();
    killHelper(this.child);
    this.child.stdin.destroy();
    this.analysisFollower.stop();
    // Close the file now; a record still in flight is not written, so the file stays whole.
    this.closeRolling();
  }

  analysis(files?: CaptureFileFacts[]): Analysis {
    const stats = this.stats();
    const warnings = [...this.warnings];
    if (stats.dropped > 0)
      warnings.push(
        `the kernel dropped ${stats.dropped} packets during the capture: failures among them are not in this analysis`,
      );
    if (stats.interfaceDropped > 0)
      warnings.push(`the interface dropped ${stats.interfaceDropped} packets before the capture saw them`);
    if (this.error) warnings.push(`the capture ended with an error: ${this.error.message}`);
    if (stats.analysed < stats.packets)
      warnings.push(`the analysis has read ${stats.analysed} of the ${stats.packets} packets captured`);
    const analysis = this.analysisFollower.result({
      files: files ?? this.rollingFacts(),
      interface: this.options.interface,
      filter: this.options.filter?.trim() ? this.options.filter : null,
      dropped: stats.dropped,
      warnings,
    });
    this.emitBatch(Date.now(), false);
    return analysis;
  }

  private linkTypeName(): string | null {
    const linkType = this.framer.header?.linkType;
    return linkType === undefined ? null : linkTypeName(linkType);
  }

  // ---- the data path ----------------------------------------------------------------

  private receive(chunk: Buffer): void {
    if (this.dataStopped || this.disposed) return;
    try {
      const hadHeader = this.framer.header !== undefined;
      const framed = this.framer.push(chunk);
      const header = this.framer.header;
      if (!hadHeader && header) this.rolling.start(header);
      if (framed.count === 0) return;
      this.rolling.write(framed.records, framed.count);
      this.packets += framed.count;
    } catch (error) {
      // A corrupt stream or a failing disk: nothing more can be kept safely.
      this.dataStopped = true;
      this.fail(asCaptureError(error, 'bad-stream'), true);
      return;
    }
    this.analysisFollower.schedule();
  }

  private helperLine(line: string): void {
    const message = parseHelperLine(line);
    if (!message) return;
    switch (message.type) {
      case 'stats':
        if (message.final) this.finalStats = message;
        else this.helperStats = message;
        break;
      case 'error':
        this.error ??= helperFailure(this.helperPath, message);
        break;
      case 'warning':
      case 'notice':
      case 'text':
        this.warnings.push(`capture helper: ${message.message}`);
        break;
      case 'started':
        this.resolveStarted(true);
        break;
    }
  }

  // ---- batches ----------------------------------------------------------------------

  private tick(): void {
    if (this.finished || this.disposed) return;
    const now = Date.now();
    // Timeouts happen live, but only up to what has been analysed: while records wait in the
    // pipe or in the files, a query's response may be among them; and without immediate mode
    // the kernel may still hold the last block's packets.
    const follower = this.analysisFollower;
    const behind =
      (this.helperStats?.captured ?? 0) > this.packets || follower.analysed < this.packets || this.finishing;
    const horizon = now / 1000 - (this.options.immediate ? 0 : kernelBatchSeconds);
    follower.advanceTo(behind ? follower.lastPacketSeconds : horizon);
    this.emitBatch(now, false);
    if (now - this.lastFlushAt >= flushIntervalMs && !this.dataStopped && !this.finishing) {
      this.lastFlushAt = now;
      // In the background: the pipe must keep being read while the disk catches up.
      this.rolling.flushInBackground((error) => {
        if (!error || this.finished || this.disposed || this.dataStopped) return;
        this.dataStopped = true;
        this.fail(error);
      });
    }
  }

  private emitBatch(now: number, force: boolean): void {
    if (this.listenerFailed || this.disposed) return;
    const { events, updates } = this.analysisFollower.drain();
    const stats = this.stats();
    const statsKey = `${stats.received}/${stats.dropped}/${stats.interfaceDropped}/${stats.captured}/${stats.packets}/${stats.analysed}`;
    const due =
      force ||
      events.length > 0 ||
      updates.length > 0 ||
      statsKey !== this.lastBatchStats ||
      now - this.lastBatchAt >= idleBatchMs;
    if (!due) return;
    this.lastBatchAt = now;
    this.lastBatchStats = statsKey;
    try {
      this.listener.onBatch({ events, updates, stats });
    } catch (error) {
      this.listenerFailed = true;
      this.fail(asCaptureError(error, 'listener-failed', 'the capture listener threw'));
    }
  }

  // ---- ending -----------------------------------------------------------------------

  /** Records the first error and stops the helper; the session ends when it has exited. */
  private fail(error: CaptureError, immediately = false): void {
    this.error ??= error;
    if (this.finished || this.finishing) return;
    if (immediately) killHelper(this.child);
    else this.terminate();
  }

  private terminate(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      this.child.kill('SIGTERM');
    } catch {
      // Gone already; 'close' follows.
    }
    this.killTimer ??= setTimeout(() => {
      this.warnings.push(
        `the capture helper did not stop within ${stopGraceMs / 1000} s of SIGTERM and was killed`,
      );
      killHelper(this.child);
    }, stopGraceMs);
  }

  /** The helper has exited: close the files, let the analysis catch up, then end. */
  private finish(exitCode: number | null, signal: NodeJS.Signals | null): void {
    if (this.finishing || this.finished) return;
    this.finishing = true;
    this.helperExitedAt = Date.now();
    if (this.killTimer) clearTimeout(this.killTimer);
    if (this.stopTimer) clearTimeout(this.stopTimer);
    for (const line of this.stderrLines.end()) this.helperLine(line);
    if (this.framer.pendingBytes > 0 && !this.dataStopped) {
      this.warnings.push(
        `the capture ended inside a record: its first ${this.framer.pendingBytes} bytes were left out, so every file holds whole records`,
      );
    }
    this.closeRolling();
    void this.analysisFollower.whenCaughtUp().then(() => this.complete(exitCode, signal));
  }

  private complete(exitCode: number | null, signal: NodeJS.Signals | null): void {
    if (this.finished) return;
    const follower = this.analysisFollower;
    if (follower.active && !this.disposed) {
      this.warnings.push(...follower.end());
      // Everything captured has been analysed: the clock runs to the capture's end, so queries
      // that waited out the timeout during it count as unanswered, younger ones as pending.
      follower.advanceTo(this.helperExitedAt! / 1000);
    }
    follower.stop();
    const reason = this.endReason(exitCode, signal);
    this.clearTimers();
    this.emitBatch(Date.now(), true);
    this.finished = true;
    const summary: CaptureSummary = {
      reason,
      error: this.error,
      stats: this.stats(),
      files: this.rolling.files,
      interface: this.options.interface,
      filter: this.options.filter?.trim() ? this.options.filter : null,
      linkType: this.linkTypeName(),
      startedAt: this.startedAt,
      endedAt: Date.now(),
      warnings: [...this.warnings],
    };
    this.summary = summary;
    this.resolveStarted(false);
    try {
      this.listener.onEnd?.(summary);
    } catch (error) {
      summary.warnings.push(
        `the capture listener threw at the end: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.resolveEnded(summary);
  }

  private endReason(exitCode: number | null, signal: NodeJS.Signals | null): CaptureEndReason {
    if (this.disposed) return this.error ? 'failed' : 'disposed';
    if (!this.error) {
      if (signal) {
        this.error = new CaptureError(
          'helper-died',
          `the capture helper was killed by ${signal} during the capture`,
        );
      } else if (exitCode !== 0) {
        this.error = new CaptureError(
          'helper-failed',
          `the capture helper exited with code ${exitCode} without saying why`,
        );
      }
    }
    if (this.error) return 'failed';
    if (this.stopRequested) return 'stopped';
    const helperReason = this.finalStats?.reason;
    if (
      helperReason === 'count' ||
      helperReason === 'duration' ||
      helperReason === 'signal' ||
      helperReason === 'stdin-closed'
    )
      return helperReason;
    return 'stopped';
  }

  private closeRolling(): void {
    try {
      this.rolling.close();
    } catch (error) {
      this.error ??= asCaptureError(error, 'write-failed');
    }
  }

  private clearTimers(): void {
    if (this.batchTimer) clearInterval(this.batchTimer);
    if (this.killTimer) clearTimeout(this.killTimer);
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.batchTimer = undefined;
    this.killTimer = undefined;
    this.stopTimer = undefined;
  }

  private rollingFacts(): CaptureFileFacts[] {
    const linkType = this.linkTypeName();
    return this.rolling.files.map((file) => ({
      path: file.path,
      sha256: file.sha256,
      format: 'pcap' as const,
      linkTypes: linkType === null ? [] : [linkType],
      packets: file.packets,
      unreadable: 0,
    }));
  }
}

function asCaptureError(error: unknown, code: string, context?: string): CaptureError {
  if (error instanceof CaptureError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CaptureError(code, context ? `${context}: ${message}` : message, { cause: error });
}
