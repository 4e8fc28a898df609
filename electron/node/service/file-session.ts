/** Opened files: analysed as one capture, events streamed as they are found, cancellable. */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { DETECTION_LENGTH, detectCaptureFormat } from '../../common/capture/detect-format';
import type { Analysis } from '../../common/report/analysis-schema';
import { analyzeFiles } from '../analysis/analyze-files';
import { CaptureFileIndex } from './frame-index/capture-file-index';
import { SessionFrames, type FramePart } from './session-frames';
import { SessionRecord, type Push } from './session-record';

/** Progress events at most this often (the bar needs no more). */
const progressIntervalMs = 100;

function framePartsOf(analysis: Analysis, date: string | undefined): FramePart[] {
  let firstFrame = 1;
  return analysis.capture.files.map((file) => {
    const part: FramePart =
      file.format === 'tcpdump-text'
        ? { kind: 'text', firstFrame, packets: file.packets, path: file.path, date }
        : {
            kind: 'indexed',
            firstFrame,
            packets: file.packets,
            index: new CaptureFileIndex(file.path, file.format),
          };
    firstFrame += file.packets;
    return part;
  });
}

export class FileSession extends SessionRecord {
  readonly frames: SessionFrames;
  private readonly controller = new AbortController();
  private parts: FramePart[] = [];
  private lastProgress = 0;

  constructor(
    id: string,
    private readonly paths: readonly string[],
    private readonly date: string | undefined,
    push: Push,
  ) {
    super(
      {
        id,
        kind: 'files',
        state: 'loading',
        files: [...paths],
        interface: null,
        filter: null,
        startedAt: Date.now(),
        endedAt: null,
        packets: 0,
        dropped: null,
        events: 0,
        message: null,
      },
      push,
    );
    this.frames = new SessionFrames(() => this.parts);
    this.push('session', this.info);
    void this.load();
  }

  /** Until the load ends, the first file alone is known well enough to fetch its frames. */
  private async firstPart(): Promise<FramePart[]> {
    const path = this.paths[0]!;
    const head = new Uint8Array(DETECTION_LENGTH);
    const handle = await open(path, 'r');
    try {
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const detected = detectCaptureFormat(head.subarray(0, bytesRead));
      if (detected.format === 'unknown') return [];
      if (detected.format === 'tcpdump-text')
        return [{ kind: 'text', firstFrame: 1, packets: null, path, date: this.date }];
      return [
        { kind: 'indexed', firstFrame: 1, packets: null, index: new CaptureFileIndex(path, detected.format) },
      ];
    } finally {
      await handle.close();
    }
  }

  private async load(): Promise<void> {
    this.parts = await this.firstPart().catch(() => []);
    try {
      const { analysis } = await analyzeFiles(this.paths, {
        signal: this.controller.signal,
        timeline: false,
        // Lines are printed on demand (getEventLines): two thirds of a big file's load otherwise.
        eventLines: false,
        ...(this.date ? { date: this.date } : {}),
        onBatch: (events, updates) => this.batcher.add(events, updates),
        onProgress: (progress) => {
          const now = Date.now();
          this.update({ packets: progress.packets }, false);
          if (now - this.lastProgress < progressIntervalMs && progress.bytesRead < progress.totalBytes)
            return;
          this.lastProgress = now;
          this.push('progress', {
            sessionId: this.id,
            file: this.paths.length === 1 ? basename(this.paths[0]!) : `${this.paths.length} files`,
            bytesRead: progress.bytesRead,
            totalBytes: progress.totalBytes,
            packets: progress.packets,
          });
        },
      });
      if (this.controller.signal.aborted) return;
      this.parts = framePartsOf(analysis, this.date);
      await this.batcher.settled();
      this.update({ packets: analysis.capture.packets }, false);
      this.setAnalysis(analysis);
      await this.end('done', null);
    } catch (error) {
      if (this.controller.signal.aborted)
        await this.end(
          'cancelled',
          'the load was cancelled; the events read so far are kept, without an analysis',
        );
      else await this.end('failed', error instanceof Error ? error.message : String(error));
    }
  }

  cancel(): void {
    if (this.info.state === 'loading') this.controller.abort();
  }

  override dispose(): void {
    super.dispose();
    this.controller.abort();
  }
}
