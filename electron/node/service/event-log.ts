/**
 * Every timeline event of the session, outcomes kept current, in frame order: what a
 * reloaded renderer pages through (getEvents) and what the incident pcap export selects from.
 */
import type { OutcomeUpdate, TimelineEvent } from '../../common/analysis/timeline-event';
import { indexOfFrame, insertByFrame } from '../../common/ipc/frame-search';

export class EventLog {
  private readonly events: TimelineEvent[] = [];

  get size(): number {
    return this.events.length;
  }

  add(events: readonly TimelineEvent[], updates: readonly OutcomeUpdate[]): void {
    for (const event of events) insertByFrame(this.events, event);
    for (const update of updates) {
      const index = indexOfFrame(this.events, update.frame);
      const event = index === undefined ? undefined : this.events[index];
      if (event && event.outcome !== update.outcome)
        this.events[index!] = { ...event, outcome: update.outcome };
    }
  }

  page(offset: number, limit: number): TimelineEvent[] {
    return this.events.slice(offset, offset + limit);
  }

  all(): readonly TimelineEvent[] {
    return this.events;
  }
}
