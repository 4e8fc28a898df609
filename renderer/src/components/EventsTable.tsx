/**
 * Every DNS message and ICMP error, one row each, virtualised: only the rows in view exist in
 * the DOM, so a million events scroll like ten. Each row shows the tcpdump-style line, asked of
 * the service for the rows in view (hooks/use-event-lines.ts); a placeholder stands in until it arrives.
 */
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TimelineEvent } from '../../../electron/common/analysis/timeline-event';
import type { Api } from '../api/api';
import { useEventLines } from '../hooks/use-event-lines';
import { outcomeColors } from '../../../electron/common/report/timeline-colors';
import { clockOfSeconds } from '../../../electron/common/report/time-format';
import { markTiming } from '../timing';
import { selectRows, resultOf, sortColumns, type KindFilter, type SortColumn } from '../state/event-rows';
import type { TimeRange } from '../state/chart-data';

const rowHeight = 22;
const columnLabels: Record<SortColumn, string> = {
  frame: 'Frame',
  time: 'Time (UTC)',
  kind: 'Kind',
  name: 'Name',
  result: 'Result',
  source: 'Packet (sorts by source)',
};
const kindLabels: Record<TimelineEvent['kind'], string> = {
  'dns-query': 'DNS query',
  'dns-response': 'DNS response',
  'icmp-error': 'ICMP error',
};

interface EventsTableProps {
  api: Api;
  /** The session the events belong to: the lines are fetched from it. */
  sessionId: string | null;
  events: readonly TimelineEvent[];
  /** The events' times (SessionStore.times). */
  times: Float64Array;
  /** Changes whenever the events or their outcomes change. */
  version: number;
  range: TimeRange | null;
  selectedFrame: number | null;
  onSelect: (frame: number) => void;
}

export const EventsTable = memo(function EventsTable({
  api,
  sessionId,
  events,
  times,
  version,
  range,
  selectedFrame,
  onSelect,
}: EventsTableProps) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [sort, setSort] = useState<{ column: SortColumn; descending: boolean }>({
    column: 'frame',
    descending: false,
  });
  const deferredText = useDeferredValue(text);
  const rows = useMemo(
    () => selectRows(events, times, { text: deferredText, kind, range, sort }),
    // version: the events array is appended to in place.
    [events, times, version, deferredText, kind, range, sort],
  );
  const count = rows ? rows.length : events.length;
  useEffect(() => markTiming('netmortem:rows-drawn', { count }), [rows, count]);
  const eventAt = (position: number): TimelineEvent | undefined => events[rows ? rows[position]! : position];

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  // A frame chosen elsewhere (an evidence line, the chart) scrolls into view.
  useEffect(() => {
    if (selectedFrame === null) return;
    for (let position = 0; position < count; position += 1) {
      if (eventAt(position)?.frame === selectedFrame) {
        virtualizer.scrollToIndex(position, { align: 'auto' });
        return;
      }
    }
  }, [selectedFrame]);

  // The lines of the rows in view: events carry none (line ''), so ask the service for them.
  const cache = useEventLines(api, sessionId);
  const virtualItems = virtualizer.getVirtualItems();
  const shownFrames: number[] = [];
  for (const item of virtualItems) {
    const event = eventAt(item.index);
    if (event && event.line === '') shownFrames.push(event.frame);
  }
  const shownKey = shownFrames.join(',');
  useEffect(() => {
    if (cache && shownFrames.length > 0) cache.want(shownFrames);
  }, [cache, shownKey]);
  const lineOf = (event: TimelineEvent): string | undefined =>
    event.line !== '' ? event.line : cache?.line(event.frame);

  const toggleSort = (column: SortColumn): void =>
    setSort((current) =>
      current.column === column ? { column, descending: !current.descending } : { column, descending: false },
    );

  return (
    <div className="panel" data-testid="events-table" style={{ height: '100%' }}>
      <div className="table-controls">
        <input
          data-testid="events-filter"
          placeholder="Filter by name or address"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-label="Filter events by name or address"
        />
        <select
          data-testid="events-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as KindFilter)}
          aria-label="Filter events by kind"
        >
          <option value="all">All kinds</option>
          <option value="dns-query">DNS queries</option>
          <option value="dns-response">DNS responses</option>
          <option value="icmp-error">ICMP errors</option>
          <option value="failed">Failures only</option>
        </select>
        <span className="muted" data-testid="events-count" data-count={count}>
          {count.toLocaleString('en')} of {events.length.toLocaleString('en')} events
        </span>
      </div>
      <div
        className="events-grid"
        style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
      >
        <div className="events-head" role="row">
          {sortColumns.map((column) => (
            <button
              key={column}
              type="button"
              data-testid={`sort-${column}`}
              onClick={() => toggleSort(column)}
              aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              {columnLabels[column]}
              {sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}
            </button>
          ))}
        </div>
        <div
          className="events-scroll"
          ref={scroller}
          data-testid="events-scroll"
          role="grid"
          aria-rowcount={count}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualItems.map((item) => {
              const event = eventAt(item.index);
              if (!event) return null;
              const line = lineOf(event);
              const result = resultOf(event);
              const failed =
                event.kind === 'icmp-error' ||
                (event.kind === 'dns-query' && result !== 'answered' && result !== 'pending');
              return (
                <div
                  key={item.key}
                  role="row"
                  className={`event-row${event.frame === selectedFrame ? ' selected' : ''}${failed ? ' failed' : ''}`}
                  data-testid="event-row"
                  data-frame={event.frame}
                  title={line ?? ''}
                  style={{ transform: `translateY(${item.start}px)` }}
                  onClick={() => onSelect(event.frame)}
                >
                  <span className="mono">{event.frame}</span>
                  <span className="mono">{clockOfSeconds(event.time, 6)}</span>
                  <span>{kindLabels[event.kind]}</span>
                  <span className="mono">{event.name ?? ''}</span>
                  <span className="outcome">
                    {event.kind === 'dns-query' && (
                      <span
                        className="outcome-dot"
                        style={{ background: outcomeColors[event.outcome ?? 'pending'] }}
                      />
                    )}
                    {result}
                  </span>
                  {line === undefined ? (
                    <span
                      className="mono muted"
                      data-testid="event-line"
                      data-pending="true"
                      aria-busy="true"
                    >
                      …
                    </span>
                  ) : (
                    <span className="mono" data-testid="event-line">
                      {line}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
});
