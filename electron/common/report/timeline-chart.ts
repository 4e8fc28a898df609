/**
 * The data behind the report's timeline chart: the capture's buckets regrouped to round
 * widths over the capture's span, and one band per incident.
 */
import type { Analysis, Severity } from './analysis-schema';
import { regroupBuckets, type TimelineBucket } from './timeline-buckets';
import { secondsOf } from './time-format';

export interface IncidentBand {
  id: string;
  kind: string;
  severity: Severity;
  /** Unix seconds. */
  start: number;
  end: number;
}

export interface TimelineChart {
  /** Unix seconds: the chart's time axis. */
  start: number;
  end: number;
  buckets: TimelineBucket[];
  bands: IncidentBand[];
}

export function incidentBands(analysis: Analysis): IncidentBand[] {
  return analysis.incidents.map((incident) => ({
    id: incident.id,
    kind: incident.kind,
    severity: incident.severity,
    start: secondsOf(incident.start),
    end: secondsOf(incident.end),
  }));
}

/** Undefined when there is nothing to draw. */
export function timelineChart(
  analysis: Analysis,
  timeline: readonly TimelineBucket[] | undefined,
  targetCount = 60,
): TimelineChart | undefined {
  const first = timeline?.[0];
  const last = timeline?.[timeline.length - 1];
  if (!timeline || !first || !last) return undefined;
  const start = Math.min(first.start, analysis.capture.start ? secondsOf(analysis.capture.start) : Infinity);
  const end = Math.max(last.end, analysis.capture.end ? secondsOf(analysis.capture.end) : -Infinity);
  const buckets = regroupBuckets(timeline, targetCount, { start, end });
  return {
    start: buckets[0]?.start ?? start,
    end: buckets[buckets.length - 1]?.end ?? end,
    buckets,
    bands: incidentBands(analysis),
  };
}
