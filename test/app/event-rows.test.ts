// The events table's row selection and the frame-ordered insertion both sides of the IPC use.
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../electron/common/analysis/timeline-event';
import { indexOfFrame, insertByFrame } from '../../electron/common/ipc/frame-search';
import { selectRows, type RowQuery } from '../../renderer/src/state/event-rows';

const event = (frame: number, fields: Partial<TimelineEvent> = {}): TimelineEvent => ({
  frame,
  time: 100 + frame,
  kind: 'dns-query',
  source: '192.0.2.10',
  destination: '198.51.100.53',
  server: '198.51.100.53',
  serverPort: 53,
  transport: 'UDP',
  name: 'example.com',
  outcome: 'answered',
  line: `line ${frame}`,
  ...fields,
});

const everything: RowQuery = {
  text: '',
  kind: 'all',
  range: null,
  sort: { column: 'frame', descending: false },
};

describe('insertByFrame', () => {
  it('appends in order, inserts a late one in place, and ignores a frame already held', () => {
    const events = [event(1), event(3)];
    expect(insertByFrame(events, event(4))).toBe(2);
    expect(insertByFrame(events, event(2))).toBe(1);
    expect(insertByFrame(events, event(3, { name: 'other' }))).toBe(-1);
    expect(events.map((item) => item.frame)).toEqual([1, 2, 3, 4]);
    expect(events[2]!.name).toBe('example.com');
    expect(indexOfFrame(events, 4)).toBe(3);
    expect(indexOfFrame(events, 5)).toBeUndefined();
  });
});

describe('selectRows', () => {
  const events = [
    event(1),
    event(2, {
      kind: 'icmp-error',
      source: '198.51.100.53',
      destination: '192.0.2.10',
      outcome: undefined,
      icmpKind: 'port-unreachable',
    }),
    event(3, { name: 'yummyrecipesforme.com', outcome: 'icmp-failed' }),
    event(4, { kind: 'dns-response', source: '198.51.100.53', rcode: 'NXDOMAIN', outcome: undefined }),
  ];
  const times = Float64Array.from(events, (item) => item.time);
  const frames = (query: Partial<RowQuery>): number[] | null => {
    const rows = selectRows(events, times, { ...everything, ...query });
    return rows && Array.from(rows, (index) => events[index]!.frame);
  };

  it('shows every event in frame order without copying when nothing filters or sorts', () => {
    expect(selectRows(events, times, everything)).toBeNull();
  });

  it('filters by time range, kind, name, address and result', () => {
    expect(frames({ range: { start: 102, end: 104 } })).toEqual([2, 3]);
    expect(frames({ kind: 'icmp-error' })).toEqual([2]);
    expect(frames({ kind: 'failed' })).toEqual([2, 3, 4]);
    expect(frames({ text: 'YUMMY' })).toEqual([3]);
    expect(frames({ text: '198.51.100.53' })).toEqual([1, 2, 3, 4]);
    expect(frames({ text: 'nxdomain' })).toEqual([4]);
    expect(frames({ text: 'example', range: { start: 0, end: 102 } })).toEqual([1]);
  });

  it('sorts by a column either way, ties staying in frame order', () => {
    expect(frames({ sort: { column: 'kind', descending: false } })).toEqual([1, 3, 4, 2]);
    expect(frames({ sort: { column: 'kind', descending: true } })).toEqual([2, 4, 1, 3]);
    expect(frames({ sort: { column: 'frame', descending: true } })).toEqual([4, 3, 2, 1]);
  });
});
