/**
 * Gathers events and outcome updates as they come (the analysis hands them over every few
 * thousand packets) and passes them on at most once per interval: the UI gets at most 10
 * batches a second however fast a file is read.
 */
import type { OutcomeUpdate, TimelineEvent } from '../../common/analysis/timeline-event';

export const minimumBatchIntervalMs = 100;

export class EventBatcher {
  private events: TimelineEvent[] = [];
  private updates: OutcomeUpdate[] = [];
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];
  private lastFlush = -Infinity;
  private disposed = false;

  constructor(
    private readonly emit: (events: TimelineEvent[], updates: OutcomeUpdate[]) => void,
    private readonly intervalMs = minimumBatchIntervalMs,
  ) {}

  add(events: readonly TimelineEvent[], updates: readonly OutcomeUpdate[]): void {
    if (this.disposed || (events.length === 0 && updates.length === 0)) return;
    for (const event of events) this.events.push(event);
    for (const update of updates) this.updates.push(update);
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlush + this.intervalMs - Date.now()));
  }

  /** Resolves once everything added so far has been passed on (still at most one batch per interval). */
  settled(): Promise<void> {
    if (!this.timer) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private flush(): void {
    this.timer = undefined;
    const events = this.events;
    const updates = this.updates;
    this.events = [];
    this.updates = [];
    this.lastFlush = Date.now();
    if (!this.disposed) this.emit(events, updates);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.events = [];
    this.updates = [];
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
