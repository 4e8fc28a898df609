/**
 * The tcpdump lines of the events table's rows, fetched on demand: the service's events carry
 * no line (formatting one per event was most of a big capture's load), so the table asks for
 * the frames it shows. Asks are gathered for a moment (the user scrolls through many rows),
 * sent at most `batchFrames` at a time, never twice for a frame while a request for it is in
 * flight, and the answers kept in a bounded Map (oldest out first). One cache per session:
 * a new session starts an empty one, and the old one's late answers are dropped.
 */

/** What the service answers (getEventLines): frames it does not hold are left out. */
export type FetchLines = (frames: number[]) => Promise<{ lines: readonly { frame: number; line: string }[] }>;

export interface EventLineCacheOptions {
  /** Lines kept; the oldest go first. */
  maxEntries?: number;
  /** The contract's cap on frames per getEventLines call. */
  batchFrames?: number;
  /** How long asks are gathered before a request goes out. */
  delayMs?: number;
  /** Timers, replaceable in tests. */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class EventLineCache {
  private readonly lines = new Map<number, string>();
  private readonly inFlight = new Set<number>();
  private readonly queued = new Set<number>();
  private timer: unknown;
  private disposed = false;
  private readonly maxEntries: number;
  private readonly batchFrames: number;
  private readonly delayMs: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly fetch: FetchLines,
    /** Called when new lines arrived, so the table redraws. */
    private readonly onLines: () => void,
    options: EventLineCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 5000;
    this.batchFrames = options.batchFrames ?? 500;
    this.delayMs = options.delayMs ?? 60;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** The frame's line; undefined until it arrived (the table shows a placeholder). */
  line(frame: number): string | undefined {
    return this.lines.get(frame);
  }

  /** Frames currently being fetched (for tests and for a page that wants to know). */
  get pending(): number {
    return this.inFlight.size + this.queued.size;
  }

  /** Asks for the lines of these frames, unless known, queued or in flight. */
  want(frames: readonly number[]): void {
    if (this.disposed) return;
    let added = false;
    for (const frame of frames) {
      if (this.lines.has(frame) || this.inFlight.has(frame) || this.queued.has(frame)) continue;
      this.queued.add(frame);
      added = true;
    }
    if (added && this.timer === undefined) this.timer = this.setTimer(() => this.send(), this.delayMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    this.queued.clear();
    this.inFlight.clear();
    this.lines.clear();
  }

  private send(): void {
    this.timer = undefined;
    if (this.disposed) return;
    while (this.queued.size > 0) {
      const frames: number[] = [];
      for (const frame of this.queued) {
        frames.push(frame);
        if (frames.length === this.batchFrames) break;
      }
      for (const frame of frames) {
        this.queued.delete(frame);
        this.inFlight.add(frame);
      }
      this.fetch(frames).then(
        (answer) => this.receive(frames, answer.lines),
        // A refused or failed request (the session went away): the frames may be asked again.
        () => this.settle(frames),
      );
    }
  }

  private receive(frames: readonly number[], lines: readonly { frame: number; line: string }[]): void {
    if (this.disposed) return;
    const answered = new Map<number, string>();
    for (const { frame, line } of lines) answered.set(frame, line);
    // A frame the service does not hold has no line: remember that, so it is not asked again.
    for (const frame of frames) this.store(frame, answered.get(frame) ?? '');
    this.settle(frames);
    this.onLines();
  }

  private settle(frames: readonly number[]): void {
    for (const frame of frames) this.inFlight.delete(frame);
  }

  private store(frame: number, line: string): void {
    this.lines.delete(frame);
    this.lines.set(frame, line);
    while (this.lines.size > this.maxEntries) {
      const oldest = this.lines.keys().next();
      if (oldest.done) break;
      this.lines.delete(oldest.value);
    }
  }
}
