/**
 * Which events the table shows, in which order: a text filter (name or address), a kind,
 * the brushed time range, and a sort. Works on an index array, never copying the events,
 * so a million rows filter and sort in one pass each. `null` means every event in frame order.
 */
import type { TimelineEvent } from '../../../electron/common/analysis/timeline-event';
import type { TimeRange } from './chart-data';

export const sortColumns = ['frame', 'time', 'kind', 'name', 'result', 'source'] as const;
export type SortColumn = (typeof sortColumns)[number];
export type KindFilter = 'all' | 'dns-query' | 'dns-response' | 'icmp-error' | 'failed';

export interface RowQuery {
  text: string;
  kind: KindFilter;
  range: TimeRange | null;
  sort: { column: SortColumn; descending: boolean };
}

/** What the result column shows: a query's outcome, a response's rcode, an ICMP error's kind. */
export function resultOf(event: TimelineEvent): string {
  if (event.kind === 'dns-query') return event.outcome ?? 'pending';
  if (event.kind === 'dns-response') return event.rcode ?? '';
  return event.icmpKind ?? `type ${event.icmpType ?? '?'} code ${event.icmpCode ?? '?'}`;
}

const failedOutcomes = new Set([
  'nxdomain',
  'servfail',
  'refused',
  'other-rcode',
  'icmp-failed',
  'unanswered',
]);

function matchesText(event: TimelineEvent, needle: string): boolean {
  return (
    (event.name?.toLowerCase().includes(needle) ?? false) ||
    event.source.toLowerCase().includes(needle) ||
    event.destination.toLowerCase().includes(needle) ||
    event.server.toLowerCase().includes(needle) ||
    resultOf(event).toLowerCase().includes(needle)
  );
}

function matchesKind(event: TimelineEvent, kind: KindFilter): boolean {
  if (kind === 'all') return true;
  if (kind === 'failed')
    return (
      event.kind === 'icmp-error' ||
      (event.kind === 'dns-query' && failedOutcomes.has(event.outcome ?? '')) ||
      (event.kind === 'dns-response' && event.rcode !== 'NOERROR')
    );
  return event.kind === kind;
}

function keyOf(event: TimelineEvent, column: SortColumn): string | number {
  switch (column) {
    case 'frame':
      return event.frame;
    case 'time':
      return event.time;
    case 'kind':
      return event.kind;
    case 'source':
      return event.source;
    case 'name':
      return event.name ?? '';
    case 'result':
      return resultOf(event);
  }
}

/** `times[i]` is `events[i].time` (SessionStore.times): the range test touches no event object. */
export function selectRows(
  events: readonly TimelineEvent[],
  times: Float64Array,
  query: RowQuery,
): Uint32Array | null {
  const needle = query.text.trim().toLowerCase();
  const filtered = needle !== '' || query.kind !== 'all' || query.range !== null;
  const sorted = !(query.sort.column === 'frame' && !query.sort.descending);
  if (!filtered && !sorted) return null;
  const chosen = new Uint32Array(events.length);
  const start = query.range?.start ?? -Infinity;
  const end = query.range?.end ?? Infinity;
  const everyKind = query.kind === 'all';
  let count = 0;
  for (let index = 0; index < events.length; index += 1) {
    const time = times[index]!;
    if (time < start || time >= end) continue;
    if (!everyKind || needle !== '') {
      const event = events[index]!;
      if (!matchesKind(event, query.kind)) continue;
      if (needle !== '' && !matchesText(event, needle)) continue;
    }
    chosen[count++] = index;
  }
  const rows = chosen.subarray(0, count);
  if (!sorted) return rows;
  const { column, descending } = query.sort;
  const keys = Array.from(rows, (index) => keyOf(events[index]!, column));
  const order = Array.from(rows.keys());
  const direction = descending ? -1 : 1;
  // Ties keep frame order (the stable sort), so equal names stay chronological.
  order.sort((left, right) => {
    const a = keys[left]!;
    const b = keys[right]!;
    return a < b ? -direction : a > b ? direction : 0;
  });
  return Uint32Array.from(order, (position) => rows[position]!);
}
