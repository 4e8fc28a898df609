/**
 * The timeline chart's rows: the store's buckets regrouped to about `targetBars` round-width
 * bars over the visible range (electron/common/report/timeline-buckets.ts does the counting),
 * with only the series that have any count, so the chart draws no empty layers.
 */
import type { IcmpErrorKind, QueryOutcome } from '../../../electron/common/analysis/timeline-event';
import {
  icmpErrorKinds,
  queryOutcomes,
  regroupBuckets,
  type TimelineBucket,
} from '../../../electron/common/report/timeline-buckets';

export interface TimeRange {
  start: number;
  end: number;
}

export type ChartRow = { start: number; end: number; middle: number } & Record<string, number>;

export interface ChartData {
  rows: ChartRow[];
  outcomes: QueryOutcome[];
  icmpKinds: IcmpErrorKind[];
  width: number;
}

export const icmpKey = (kind: IcmpErrorKind): string => `icmp:${kind}`;

export function chartData(
  buckets: readonly TimelineBucket[],
  targetBars: number,
  view: TimeRange | null,
): ChartData {
  const grouped = regroupBuckets(buckets, targetBars, view ?? undefined).filter(
    (bucket) => !view || (bucket.end > view.start && bucket.start < view.end),
  );
  const outcomes = queryOutcomes.filter((outcome) => grouped.some((bucket) => bucket.queries[outcome] > 0));
  const icmpKinds = icmpErrorKinds.filter((kind) => grouped.some((bucket) => bucket.icmpErrors[kind] > 0));
  const rows = grouped.map((bucket) => {
    const row: ChartRow = { start: bucket.start, end: bucket.end, middle: (bucket.start + bucket.end) / 2 };
    for (const outcome of outcomes) row[outcome] = bucket.queries[outcome];
    for (const kind of icmpKinds) row[icmpKey(kind)] = bucket.icmpErrors[kind];
    return row;
  });
  const first = grouped[0];
  return { rows, outcomes, icmpKinds, width: first ? first.end - first.start : 1 };
}
