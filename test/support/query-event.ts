/** A DNS query's timeline event, for tests about what carries or counts events rather than what they say. */
import type { TimelineEvent } from '../../electron/common/analysis/timeline-event';

/** 192.0.2.1 asks 192.0.2.53 (UDP port 53) at `frame` seconds, with no line; `fields` override any of that. */
export function queryEvent(frame: number, fields: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    frame,
    time: frame,
    kind: 'dns-query',
    source: '192.0.2.1',
    destination: '192.0.2.53',
    server: '192.0.2.53',
    serverPort: 53,
    transport: 'UDP',
    line: '',
    ...fields,
  };
}
