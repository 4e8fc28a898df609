/**
 * Keeps every timeline event and applies the outcome updates that arrive after it, so a
 * caller that wants the whole list (the app's events table) gets final outcomes.
 */
import type { OutcomeUpdate, TimelineEvent } from '../../common/analysis/timeline-event';

export class EventCollector {
  private readonly all: TimelineEvent[] = [];
  /** Query frame → its index in `all`, to apply updates in O(1). */
  private readonly queryIndex = new Map<number, number>();

  add(events: readonly TimelineEvent[], updates: readonly OutcomeUpdate[]): void {
    for (const event of events) {
      if (event.kind === 'dns-query') this.queryIndex.set(event.frame, this.all.length);
      this.all.push(event);
    }
    for (const update of updates) {
      const index = this.queryIndex.get(update.frame);
      if (index !== undefined) this.all[index] = { ...this.all[index]!, outcome: update.outcome };
    }
  }

  /** The events in frame order. */
  events(): TimelineEvent[] {
    return this.all.slice().sort((a, b) => a.frame - b.frame);
  }
}
