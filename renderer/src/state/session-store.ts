/**
 * Everything the renderer knows of the current session, fed by the service's pushed events.
 * React reads it through useSyncExternalStore; `version` changes on every change, and the
 * service sends at most 10 batches a second, so the UI re-renders at most about that often.
 */
import type { Analysis } from '../../../electron/common/report/analysis-schema';
import type { OutcomeUpdate, TimelineEvent } from '../../../electron/common/analysis/timeline-event';
import type { ErrorEvent, Progress, SessionInfo, Stats } from '../../../electron/common/ipc/payload-schemas';
import type { EventPayload } from '../../../electron/common/ipc/contract';
import { TimelineBuckets } from '../../../electron/common/report/timeline-buckets';
import { indexOfFrame, insertByFrame } from '../../../electron/common/ipc/frame-search';

/** Storage buckets; the chart regroups them to about 150 round bars. */
const storedBuckets = 2000;

export class SessionStore {
  session: SessionInfo | null = null;
  /** In frame order, as the service streams them. */
  events: TimelineEvent[] = [];
  /** Each event's time, in the same order: the table's time filter reads a typed array, not a million objects. */
  times = new Float64Array(1024);
  buckets = new TimelineBuckets(storedBuckets);
  analysis: Analysis | null = null;
  stats: Stats | null = null;
  progress: Progress | null = null;
  errors: ErrorEvent[] = [];
  version = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /** A new session replaces everything; a known one only updates its facts. */
  setSession(session: SessionInfo): void {
    if (this.session?.id !== session.id) {
      this.events = [];
      this.times = new Float64Array(1024);
      this.buckets = new TimelineBuckets(storedBuckets);
      this.analysis = null;
      this.stats = null;
      this.progress = null;
    }
    this.session = session;
    this.changed();
  }

  addBatch(batch: EventPayload<'batch'>): void {
    if (batch.sessionId !== this.session?.id) return;
    this.appendEvents(batch.events);
    this.applyUpdates(batch.updates);
    this.changed();
  }

  /** Events already held (a page fetched after a reload overlapping a batch) are skipped. */
  appendEvents(events: readonly TimelineEvent[]): void {
    let rebuild = false;
    for (const event of events) {
      const index = insertByFrame(this.events, event);
      if (index < 0) continue;
      this.buckets.addEvent(event);
      if (index === this.events.length - 1) this.setTime(index, event.time);
      else rebuild = true;
    }
    // An event that arrived out of frame order shifted the ones after it (rare).
    if (rebuild) this.events.forEach((event, index) => this.setTime(index, event.time));
  }

  private setTime(index: number, time: number): void {
    if (index >= this.times.length) {
      const bigger = new Float64Array(Math.max(this.times.length * 2, index + 1));
      bigger.set(this.times);
      this.times = bigger;
    }
    this.times[index] = time;
  }

  applyUpdates(updates: readonly OutcomeUpdate[]): void {
    for (const update of updates) {
      const index = indexOfFrame(this.events, update.frame);
      const event = index === undefined ? undefined : this.events[index];
      if (!event || event.outcome === update.outcome) continue;
      this.buckets.applyUpdate(update);
      this.events[index!] = { ...event, outcome: update.outcome };
    }
  }

  setAnalysis(payload: EventPayload<'analysis'>): void {
    if (payload.sessionId !== this.session?.id) return;
    this.analysis = payload.analysis;
    this.changed();
  }

  setAnalysisValue(analysis: Analysis | null): void {
    this.analysis = analysis;
    this.changed();
  }

  setStats(stats: Stats): void {
    if (stats.sessionId !== this.session?.id) return;
    this.stats = stats;
    if (this.session) this.session = { ...this.session, packets: stats.packets, dropped: stats.dropped };
    this.changed();
  }

  setProgress(progress: Progress): void {
    if (progress.sessionId !== this.session?.id) return;
    this.progress = progress;
    this.changed();
  }

  endSession(ended: EventPayload<'sessionEnded'>): void {
    if (ended.sessionId !== this.session?.id || !this.session) return;
    this.session = {
      ...this.session,
      state: ended.state,
      message: ended.message,
      endedAt: this.session.endedAt ?? Date.now(),
    };
    this.progress = null;
    this.changed();
  }

  addError(error: ErrorEvent): void {
    this.errors = [...this.errors.filter((known) => known.message !== error.message), error];
    this.changed();
  }

  dismissError(error: ErrorEvent): void {
    this.errors = this.errors.filter((known) => known !== error);
    this.changed();
  }
}
