/**
 * A live capture: the capture session (electron/node/capture) runs the helper and the
 * analysis; this relays its batches, counters and a fresh analysis (at most once a second)
 * to the UI, and reads frames back from its rolling pcap files.
 */
import { startCaptureSession } from '../capture/capture-session';
import type {
  CaptureBatch,
  CaptureSession,
  CaptureSessionOptions,
  CaptureSummary,
} from '../capture/capture-session-types';
import { failureOf } from './service-error';
import { CaptureFileIndex } from './frame-index/capture-file-index';
import { SessionFrames, type FramePart } from './session-frames';
import { SessionRecord, type Push } from './session-record';

/** How often incidents are recomputed while capturing. */
const analysisIntervalMs = 1000;

export type LiveCaptureOptions = Omit<CaptureSessionOptions, 'batchIntervalMs'>;

export class LiveSession extends SessionRecord {
  readonly frames: SessionFrames;
  private readonly capture: CaptureSession;
  private readonly indexes = new Map<string, CaptureFileIndex>();
  private lastAnalysis = 0;
  private eventsAtLastAnalysis = -1;
  private readonly finished: Promise<void>;
  private markFinished!: () => void;

  constructor(id: string, options: LiveCaptureOptions, push: Push) {
    const filter = options.filter?.trim() ? options.filter : null;
    super(
      {
        id,
        kind: 'capture',
        state: 'capturing',
        files: [],
        interface: options.interface,
        filter,
        startedAt: Date.now(),
        endedAt: null,
        packets: 0,
        dropped: 0,
        events: 0,
        message: null,
      },
      push,
    );
    this.frames = new SessionFrames(() => this.frameParts());
    this.finished = new Promise((resolve) => {
      this.markFinished = resolve;
    });
    // Throws at once when the helper cannot be found: the caller answers startCapture with it.
    this.capture = startCaptureSession(options, {
      onBatch: (batch) => this.receive(batch),
      onEnd: (summary) => void this.finish(summary),
    });
    this.update({ files: this.capture.files().map((file) => file.path) }, false);
    this.push('session', this.info);
  }

  private receive(batch: CaptureBatch): void {
    this.batcher.add(batch.events, batch.updates);
    const { stats } = batch;
    const files = this.capture.files().map((file) => file.path);
    this.update(
      { packets: stats.packets, dropped: stats.dropped, files },
      files.length !== this.info.files.length,
    );
    this.push('stats', {
      sessionId: this.id,
      packets: stats.packets,
      received: stats.received,
      dropped: stats.dropped,
      interfaceDropped: stats.interfaceDropped,
      elapsedSeconds: stats.elapsedSeconds,
    });
    const now = Date.now();
    const seen = this.log.size + batch.events.length + batch.updates.length;
    if (now - this.lastAnalysis >= analysisIntervalMs && seen !== this.eventsAtLastAnalysis) {
      this.lastAnalysis = now;
      this.eventsAtLastAnalysis = seen;
      this.setAnalysis(this.capture.analysis());
    }
  }

  private async finish(summary: CaptureSummary): Promise<void> {
    try {
      await this.report(summary);
    } finally {
      this.markFinished();
    }
  }

  private async report(summary: CaptureSummary): Promise<void> {
    this.update(
      {
        files: summary.files.map((file) => file.path),
        packets: summary.stats.packets,
        dropped: summary.stats.dropped,
      },
      false,
    );
    await this.batcher.settled();
    this.setAnalysis(this.capture.analysis());
    if (summary.error) {
      const failure = failureOf(summary.error);
      this.push('error', {
        sessionId: this.id,
        code: failure.code,
        message: failure.message,
        fix: failure.fix,
      });
      await this.end('failed', failure.message);
    } else {
      await this.end('done', null);
    }
  }

  private frameParts(): FramePart[] {
    let firstFrame = 1;
    const files = this.capture.files();
    return files.map((file, position) => {
      let index = this.indexes.get(file.path);
      if (!index) {
        index = new CaptureFileIndex(file.path, 'pcap');
        this.indexes.set(file.path, index);
      }
      const growing = position === files.length - 1 && this.capture.running;
      const part: FramePart = { kind: 'indexed', firstFrame, packets: growing ? null : file.packets, index };
      firstFrame += file.packets;
      return part;
    });
  }

  /** Asks the helper to stop, and resolves once the session has ended (its last batch and analysis sent). */
  async stop(): Promise<void> {
    if (this.info.state === 'capturing') {
      this.update({ state: 'stopping' });
      void this.capture.stop();
    }
    await this.finished;
  }

  override dispose(): void {
    super.dispose();
    this.capture.dispose();
  }
}
