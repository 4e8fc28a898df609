/**
 * The analysis side of a live capture: follows the rolling pcap files (rolling-tail.ts;
 * from memory while it keeps up) through the parser and the Analyzer (addFrame), in
 * slices of at most `sliceMs` that yield to the event loop in between. The capture itself
 * (the helper's pipe into the files) therefore never waits for the analysis: when packets come faster than they can be
 * analysed, the files hold the backlog and the analysis catches up, nothing dropped.
 */
import { Analyzer, type AnalysisOptionsInput, type CaptureFacts } from '../../common/analysis/analyzer';
import type { OutcomeUpdate, TimelineEvent } from '../../common/analysis/timeline-event';
import { PcapParser } from '../../common/capture/pcap-parser';
import type { Frame } from '../../common/model/frame';
import type { Analysis } from '../../common/report/analysis-schema';
import { RollingTail, type FileExtent } from './rolling-tail';

/** Longest stretch of analysis before the event loop gets a turn (pipe reads, timers, IPC). */
const sliceMs = 5;
/** Bytes read back from the files per parser push. */
const readBytes = 64 * 1024;

export class CaptureAnalysis {
  /** Frames analysed so far. */
  analysed = 0;
  /** Capture time of the last frame analysed, Unix seconds. */
  lastPacketSeconds = 0;
  private readonly analyzer: Analyzer;
  private readonly parser: PcapParser;
  private readonly tail: RollingTail;
  private scheduled: NodeJS.Immediate | undefined;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    options: AnalysisOptionsInput,
    extents: () => FileExtent[],
    private readonly onFault: (error: unknown) => void,
  ) {
    // No line per event: the app asks for the lines of the rows it shows (getEventLines).
    this.analyzer = new Analyzer({ ...options, events: true, eventLines: false });
    this.parser = new PcapParser({ onFrame: (frame) => this.analyse(frame) });
    this.tail = new RollingTail(extents);
  }

  /** False once the analysis failed or was stopped: what it has so far stays readable. */
  get active(): boolean {
    return !this.stopped;
  }

  /** Records just written to the rolling files: read them from memory, not back from the file (rolling-tail.ts). */
  remember(fileIndex: number, offset: number, records: Uint8Array): void {
    if (!this.stopped) this.tail.remember(fileIndex, offset, records);
  }

  /** New records were written: analyse them soon. */
  schedule(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = setImmediate(() => this.pump());
  }

  /** Resolves once everything written so far has been analysed, or the analysis stopped. */
  whenCaughtUp(): Promise<void> {
    if (this.stopped || this.tail.behind() === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  advanceTo(seconds: number): void {
    if (!this.stopped) this.analyzer.advanceTo(seconds);
  }

  drain(): { events: TimelineEvent[]; updates: OutcomeUpdate[] } {
    return this.analyzer.drain();
  }

  result(facts: CaptureFacts): Analysis {
    return this.analyzer.result(facts);
  }

  /** The end of the stream: the parser's warnings (a cut last record cannot happen: files hold whole records). */
  end(): string[] {
    if (this.stopped) return [];
    try {
      return this.parser.end().warnings;
    } catch {
      // No pcap header at all: nothing was captured, and the session says why.
      return [];
    }
  }

  /** Stops following the files and releases them; safe to call twice. */
  stop(): void {
    this.stopped = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.tail.close();
    this.wake();
  }

  private pump(): void {
    this.scheduled = undefined;
    if (this.stopped) return;
    const deadline = performance.now() + sliceMs;
    try {
      // Bounded by the slice's deadline and by what has been written.
      while (performance.now() < deadline) {
        const chunk = this.tail.read(readBytes);
        if (!chunk) {
          this.wake();
          return;
        }
        this.parser.push(chunk);
      }
    } catch (error) {
      this.stop();
      this.onFault(error);
      return;
    }
    this.schedule();
  }

  private analyse(frame: Frame): void {
    this.analysed += 1;
    this.lastPacketSeconds = frame.seconds + frame.nanoseconds / 1e9;
    // Reads what the analysis needs straight from the frame's bytes; dissects only the rare rest.
    this.analyzer.addFrame(frame);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
