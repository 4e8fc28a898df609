// A capture listener for the tests: keeps every batch, applies outcome updates to the events,
// and lets a test wait, event-driven, until a condition on what arrived holds. A waiter fails
// when the session ends first; the test timeout is the only clock.
import type { OutcomeUpdate, TimelineEvent } from '../../../electron/common/analysis/timeline-event';
import type {
  CaptureBatch,
  CaptureListener,
  CaptureSummary,
} from '../../../electron/node/capture/capture-session-types';

export class BatchRecorder implements CaptureListener {
  readonly batches: { at: number; batch: CaptureBatch }[] = [];
  readonly events = new Map<number, TimelineEvent>();
  readonly updates: OutcomeUpdate[] = [];
  summary: CaptureSummary | undefined;
  /** Set to make onBatch throw (the consumer-throws case). */
  throwOnBatch: Error | undefined;
  private readonly waiters = new Set<() => void>();

  onBatch(batch: CaptureBatch): void {
    this.batches.push({ at: Date.now(), batch });
    for (const event of batch.events) this.events.set(event.frame, { ...event });
    for (const update of batch.updates) {
      this.updates.push(update);
      const event = this.events.get(update.frame);
      if (event) event.outcome = update.outcome;
    }
    this.notify();
    if (this.throwOnBatch && batch.stats.packets > 0) throw this.throwOnBatch;
  }

  onEnd(summary: CaptureSummary): void {
    this.summary = summary;
    this.notify();
  }

  queries(): TimelineEvent[] {
    return [...this.events.values()]
      .filter((event) => event.kind === 'dns-query')
      .sort((a, b) => a.frame - b.frame);
  }

  ofKind(kind: TimelineEvent['kind']): TimelineEvent[] {
    return [...this.events.values()].filter((event) => event.kind === kind).sort((a, b) => a.frame - b.frame);
  }

  /** Resolves once condition() holds after a batch; rejects if the session ends before. */
  waitFor(description: string, condition: () => boolean): Promise<void> {
    return new Promise((resolveWait, rejectWait) => {
      const check = (): void => {
        if (condition()) {
          this.waiters.delete(check);
          resolveWait();
        } else if (this.summary) {
          this.waiters.delete(check);
          const error = this.summary.error
            ? ` (${this.summary.error.code}: ${this.summary.error.message})`
            : '';
          rejectWait(new Error(`the capture ended (${this.summary.reason}${error}) before ${description}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
