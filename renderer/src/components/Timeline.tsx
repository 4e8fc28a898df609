/**
 * DNS queries stacked by outcome and ICMP errors by kind, per time bucket, with a band per
 * incident. The brush selects a time range that filters the events table; "Zoom" redraws
 * the chart over that range with finer bars.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  Brush,
  CartesianGrid,
  Legend,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Analysis } from '../../../electron/common/report/analysis-schema';
import {
  icmpKindColors,
  icmpKindLabels,
  outcomeColors,
  outcomeLabels,
  severityColors,
} from '../../../electron/common/report/timeline-colors';
import { kindTexts } from '../../../electron/common/report/incident-kind-text';
import { incidentBands } from '../../../electron/common/report/timeline-chart';
import { clockOfSeconds } from '../../../electron/common/report/time-format';
import type { TimelineBucket } from '../../../electron/common/report/timeline-buckets';
import { chartData, icmpKey, type ChartRow, type TimeRange } from '../state/chart-data';
import { markTiming } from '../timing';

/** About this many bars whatever the capture's size: a million events draw as fast as ten. */
const targetBars = 90;

interface TimelineProps {
  buckets: readonly TimelineBucket[];
  analysis: Analysis | null;
  view: TimeRange | null;
  range: TimeRange | null;
  onRange: (range: TimeRange | null) => void;
  onView: (view: TimeRange | null) => void;
}

function tickDigits(width: number): number {
  return width >= 1 ? 0 : width >= 0.1 ? 1 : width >= 0.01 ? 2 : 3;
}

function ChartTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: readonly { name?: unknown; value?: unknown; color?: string; payload?: ChartRow }[];
}) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {clockOfSeconds(row.start, 3)} – {clockOfSeconds(row.end, 3)} UTC
      </strong>
      <ul>
        {payload.map((item) => (
          <li key={String(item.name)} style={{ color: item.color }}>
            {String(item.name)}: {String(item.value)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const Timeline = memo(function Timeline({
  buckets,
  analysis,
  view,
  range,
  onRange,
  onView,
}: TimelineProps) {
  const data = useMemo(() => chartData(buckets, targetBars, view), [buckets, view]);
  const bands = useMemo(() => (analysis ? incidentBands(analysis) : []), [analysis]);
  useEffect(() => markTiming('netmortem:timeline-drawn', { bars: data.rows.length }), [data]);
  // The brush keeps its own drag state: it is remounted (to the whole range) only when the
  // bars change or the user asks for everything again, never while it is being dragged.
  const [brushGeneration, setBrushGeneration] = useState(0);
  const digits = tickDigits(data.width);
  const first = data.rows[0];
  const last = data.rows[data.rows.length - 1];
  if (!first || !last) return <div className="empty-state muted">No DNS queries or ICMP errors yet.</div>;
  const domain: [number, number] = [first.start, last.end];
  const brushStart = range
    ? Math.max(
        0,
        data.rows.findIndex((row) => row.end > range.start),
      )
    : 0;
  const brushEndFound = range ? data.rows.findLastIndex((row) => row.start < range.end) : -1;
  const brushEnd = brushEndFound >= 0 ? brushEndFound : data.rows.length - 1;

  return (
    <div className="timeline" data-testid="timeline" data-bars={data.rows.length} data-bands={bands.length}>
      <ResponsiveContainer width="100%" height={250}>
        <BarChart
          data={data.rows}
          barCategoryGap={1}
          barGap={0}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis
            dataKey="middle"
            type="number"
            scale="linear"
            domain={domain}
            allowDataOverflow
            tickFormatter={(value: number) => clockOfSeconds(value, digits)}
            stroke="var(--text-muted)"
          />
          <YAxis allowDecimals={false} width={42} stroke="var(--text-muted)" />
          <Tooltip
            content={<ChartTooltip />}
            isAnimationActive={false}
            cursor={{ fill: 'var(--surface-raised)' }}
          />
          <Legend verticalAlign="top" height={22} iconSize={9} />
          {bands.map((band) => (
            <ReferenceArea
              key={band.id}
              className="incident-band"
              x1={Math.max(domain[0], band.start - data.width / 2)}
              x2={Math.min(domain[1], band.end + data.width / 2)}
              ifOverflow="hidden"
              fill={severityColors[band.severity]}
              fillOpacity={0.14}
              stroke={severityColors[band.severity]}
              strokeOpacity={0.5}
              label={{
                value: `${band.id}: ${kindTexts[band.kind as keyof typeof kindTexts]?.label ?? band.kind}`,
                position: 'insideTop',
                fill: 'var(--text)',
                fontSize: 11,
              }}
            />
          ))}
          {data.outcomes.map((outcome) => (
            <Bar
              key={outcome}
              dataKey={outcome}
              name={`DNS ${outcomeLabels[outcome]}`}
              stackId="dns"
              fill={outcomeColors[outcome]}
              isAnimationActive={false}
            />
          ))}
          {data.icmpKinds.map((kind) => (
            <Bar
              key={kind}
              dataKey={icmpKey(kind)}
              name={`ICMP ${icmpKindLabels[kind]}`}
              stackId="icmp"
              fill={icmpKindColors[kind]}
              stroke="var(--surface)"
              strokeWidth={0.5}
              isAnimationActive={false}
            />
          ))}
          <Brush
            key={`${data.rows.length}:${first.start}:${brushGeneration}`}
            dataKey="middle"
            height={18}
            travellerWidth={8}
            startIndex={brushStart}
            endIndex={brushEnd}
            stroke="var(--accent)"
            fill="var(--surface)"
            tickFormatter={(value: number) => clockOfSeconds(value, digits)}
            onChange={(next: { startIndex?: number; endIndex?: number }) => {
              const startRow = data.rows[next.startIndex ?? 0];
              const endRow = data.rows[next.endIndex ?? data.rows.length - 1];
              if (!startRow || !endRow) return;
              markTiming('netmortem:brush-change', {
                startIndex: next.startIndex ?? 0,
                endIndex: next.endIndex ?? 0,
              });
              const whole = next.startIndex === 0 && next.endIndex === data.rows.length - 1;
              onRange(whole && !view ? null : { start: startRow.start, end: endRow.end });
            }}
          />
        </BarChart>
      </ResponsiveContainer>
      <div className="panel-header" style={{ border: 0, paddingTop: 0 }}>
        <span className="muted" data-testid="timeline-range">
          {range
            ? `Table shows ${clockOfSeconds(range.start, digits)} – ${clockOfSeconds(range.end, digits)} UTC`
            : 'Drag the brush to filter the table by time'}
        </span>
        <span className="actions">
          <button type="button" data-testid="zoom-button" disabled={!range} onClick={() => onView(range)}>
            Zoom to selection
          </button>
          <button
            type="button"
            data-testid="zoom-reset"
            disabled={!range && !view}
            onClick={() => {
              onView(null);
              onRange(null);
              setBrushGeneration((generation) => generation + 1);
            }}
          >
            Show all
          </button>
        </span>
      </div>
    </div>
  );
});
