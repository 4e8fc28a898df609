/**
 * What every session (opened files or a live capture) keeps and tells: its facts, its events
 * (batched to the UI at most 10 times a second, and logged for a reloaded renderer), the
 * timeline buckets for the report's chart, and its latest analysis.
 */
import type { EventName, EventPayload } from '../../common/ipc/contract';
import type { SessionInfo } from '../../common/ipc/payload-schemas';
import type { Analysis } from '../../common/report/analysis-schema';
import { TimelineBuckets } from '../../common/report/timeline-buckets';
import { EventBatcher } from './event-batcher';
import { EventLog } from './event-log';
import type { SessionFrames } from './session-frames';

export type Push = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export abstract class SessionRecord {
  readonly log = new EventLog();
  readonly buckets = new TimelineBuckets();
  readonly batcher: EventBatcher;
  analysis: Analysis | null = null;
  abstract readonly frames: SessionFrames;
  private facts: SessionInfo;
  /** A replaced or disposed session says nothing more: its late events would confuse the UI. */
  protected silenced = false;
  protected readonly push: Push;

  constructor(info: SessionInfo, push: Push) {
    this.facts = info;
    this.push = (name, payload) => {
      if (!this.silenced) push(name, payload);
    };
    this.batcher = new EventBatcher((events, updates) => {
      this.log.add(events, updates);
      for (const event of events) this.buckets.addEvent(event);
      for (const update of updates) this.buckets.applyUpdate(update);
      this.facts = { ...this.facts, events: this.log.size };
      this.push('batch', { sessionId: this.facts.id, events, updates });
    });
  }

  get id(): string {
    return this.facts.id;
  }

  get info(): SessionInfo {
    return this.facts;
  }

  get active(): boolean {
    return (
      this.facts.state === 'loading' || this.facts.state === 'capturing' || this.facts.state === 'stopping'
    );
  }

  protected update(changes: Partial<SessionInfo>, announce = true): void {
    this.facts = { ...this.facts, ...changes };
    if (announce) this.push('session', this.facts);
  }

  protected setAnalysis(analysis: Analysis): void {
    this.analysis = analysis;
    this.push('analysis', { sessionId: this.id, analysis });
  }

  /** Ends the session: the last batch out first, then its state. */
  protected async end(state: 'done' | 'cancelled' | 'failed', message: string | null): Promise<void> {
    await this.batcher.settled();
    this.update({ state, message, endedAt: Date.now() });
    this.push('sessionEnded', { sessionId: this.id, state, message });
  }

  /** Stops whatever runs and releases it; nothing more is pushed. */
  dispose(): void {
    this.silenced = true;
    this.batcher.dispose();
  }
}
