/**
 * The timeline chart as one inline SVG string, with no script and no external reference:
 * DNS queries stacked by outcome per bucket (upper panel), ICMP errors by kind (lower panel),
 * incident bands across both, a time axis. Pure, so the HTML report and tests can use it
 * without a browser. Every text passes through escapeHtml (valid XML escaping too).
 */
import type { IcmpErrorKind, QueryOutcome } from '../analysis/timeline-event';
import { escapeHtml } from './escape-html';
import {
  icmpTotal,
  icmpErrorKinds,
  queryOutcomes,
  queryTotal,
  displayWidth,
  type TimelineBucket,
} from './timeline-buckets';
import type { TimelineChart } from './timeline-chart';
import {
  icmpKindColors,
  icmpKindLabels,
  outcomeColors,
  outcomeLabels,
  severityColors,
} from './timeline-colors';
import { clockOfSeconds } from './time-format';

export interface TimelineSvgOptions {
  width?: number;
  height?: number;
  title?: string;
}

const margin = { left: 50, right: 12, top: 44, bottom: 30 };
const panelGap = 18;

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A round axis maximum at or above the value: 1, 2, 5, 10, 20, 50, ... */
function niceMaximum(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function bucketTooltip(bucket: TimelineBucket): string {
  const parts: string[] = [];
  for (const outcome of queryOutcomes) {
    if (bucket.queries[outcome] > 0) parts.push(`${bucket.queries[outcome]} ${outcomeLabels[outcome]}`);
  }
  for (const kind of icmpErrorKinds) {
    if (bucket.icmpErrors[kind] > 0) parts.push(`${bucket.icmpErrors[kind]} ICMP ${icmpKindLabels[kind]}`);
  }
  const digits = bucket.end - bucket.start < 1 ? 3 : 0;
  return `${clockOfSeconds(bucket.start, digits)}–${clockOfSeconds(bucket.end, digits)} UTC: ${parts.join(', ') || 'nothing'}`;
}

export function timelineSvg(chart: TimelineChart, options: TimelineSvgOptions = {}): string {
  const width = options.width ?? 900;
  const height = options.height ?? 300;
  const title = options.title ?? 'Timeline: DNS queries by outcome and ICMP errors';
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom - panelGap;
  const queryHeight = Math.round(plotHeight * 0.65);
  const icmpHeight = plotHeight - queryHeight;
  const queryTop = margin.top;
  const icmpTop = margin.top + queryHeight + panelGap;
  const span = Math.max(chart.end - chart.start, 1e-6);
  const x = (time: number) => margin.left + ((time - chart.start) / span) * plotWidth;
  const queryMaximum = niceMaximum(Math.max(0, ...chart.buckets.map(queryTotal)));
  const icmpMaximum = niceMaximum(Math.max(0, ...chart.buckets.map(icmpTotal)));

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-labelledby="timeline-title timeline-description" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title id="timeline-title">${escapeHtml(title)}</title>`,
    `<desc id="timeline-description">${escapeHtml(describe(chart))}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  );

  // Incident bands first, under the bars.
  for (const band of chart.bands) {
    const left = x(band.start);
    const bandWidth = Math.max(2, x(band.end) - left);
    const color = severityColors[band.severity];
    parts.push(
      `<g class="incident-band"><title>${escapeHtml(`${band.id}: ${band.kind} (${band.severity}), ${clockOfSeconds(band.start, 6)}–${clockOfSeconds(band.end, 6)} UTC`)}</title>`,
      `<rect x="${number(left)}" y="${queryTop}" width="${number(bandWidth)}" height="${icmpTop + icmpHeight - queryTop}" fill="${color}" fill-opacity="0.12" stroke="${color}" stroke-dasharray="4 3"/></g>`,
    );
  }

  // Panels: axes and labels.
  for (const [top, panelHeight, maximum, label] of [
    [queryTop, queryHeight, queryMaximum, 'DNS queries'],
    [icmpTop, icmpHeight, icmpMaximum, 'ICMP errors'],
  ] as const) {
    parts.push(
      `<line x1="${margin.left}" y1="${top + panelHeight}" x2="${margin.left + plotWidth}" y2="${top + panelHeight}" stroke="#555"/>`,
      `<line x1="${margin.left}" y1="${top}" x2="${margin.left}" y2="${top + panelHeight}" stroke="#555"/>`,
      `<text x="${margin.left - 4}" y="${top + 4}" text-anchor="end">${maximum}</text>`,
      `<text x="${margin.left - 4}" y="${top + panelHeight}" text-anchor="end">0</text>`,
      `<text transform="translate(12 ${top + panelHeight / 2}) rotate(-90)" text-anchor="middle" fill="#333">${escapeHtml(label)}</text>`,
    );
  }

  // Bars.
  for (const bucket of chart.buckets) {
    const left = x(bucket.start);
    const barWidth = Math.max(1, x(bucket.end) - left - 1);
    const bars: string[] = [];
    let stacked = 0;
    for (const outcome of queryOutcomes) {
      const count = bucket.queries[outcome];
      if (count <= 0) continue;
      const barHeight = (count / queryMaximum) * queryHeight;
      stacked += barHeight;
      bars.push(
        `<rect class="query ${outcome}" x="${number(left)}" y="${number(queryTop + queryHeight - stacked)}" width="${number(barWidth)}" height="${number(barHeight)}" fill="${outcomeColors[outcome]}"/>`,
      );
    }
    stacked = 0;
    for (const kind of icmpErrorKinds) {
      const count = bucket.icmpErrors[kind];
      if (count <= 0) continue;
      const barHeight = (count / icmpMaximum) * icmpHeight;
      stacked += barHeight;
      bars.push(
        `<rect class="icmp ${kind}" x="${number(left)}" y="${number(icmpTop + icmpHeight - stacked)}" width="${number(barWidth)}" height="${number(barHeight)}" fill="${icmpKindColors[kind]}"/>`,
      );
    }
    if (bars.length > 0)
      parts.push(`<g><title>${escapeHtml(bucketTooltip(bucket))}</title>${bars.join('')}</g>`);
  }

  // Band labels over the bars, with a white halo to stay readable.
  for (const band of chart.bands) {
    parts.push(
      `<text class="band-label" x="${number(x(band.start) + 3)}" y="${queryTop + 11}" fill="${severityColors[band.severity]}" font-weight="bold" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeHtml(band.id)}</text>`,
    );
  }

  // Time axis.
  const tickWidth = displayWidth(span, 0.001, 6);
  const digits = tickWidth < 1 ? Math.min(3, Math.ceil(-Math.log10(tickWidth))) : 0;
  for (
    let tick = Math.ceil(chart.start / tickWidth) * tickWidth;
    tick <= chart.end + 1e-9;
    tick += tickWidth
  ) {
    const tickX = number(x(tick));
    parts.push(
      `<line x1="${tickX}" y1="${icmpTop + icmpHeight}" x2="${tickX}" y2="${icmpTop + icmpHeight + 4}" stroke="#555"/>`,
      `<text x="${tickX}" y="${icmpTop + icmpHeight + 16}" text-anchor="middle">${escapeHtml(clockOfSeconds(tick, digits))}</text>`,
    );
  }

  parts.push(legend(chart, width));
  parts.push('</svg>');
  return parts.join('\n');
}

/** A legend of the series that occur, in one row above the plot. */
function legend(chart: TimelineChart, width: number): string {
  const entries: { color: string; label: string }[] = [];
  const outcomes = new Set<QueryOutcome>();
  const kinds = new Set<IcmpErrorKind>();
  for (const bucket of chart.buckets) {
    for (const outcome of queryOutcomes) if (bucket.queries[outcome] > 0) outcomes.add(outcome);
    for (const kind of icmpErrorKinds) if (bucket.icmpErrors[kind] > 0) kinds.add(kind);
  }
  for (const outcome of queryOutcomes) {
    if (outcomes.has(outcome))
      entries.push({ color: outcomeColors[outcome], label: `query ${outcomeLabels[outcome]}` });
  }
  for (const kind of icmpErrorKinds) {
    if (kinds.has(kind)) entries.push({ color: icmpKindColors[kind], label: `ICMP ${icmpKindLabels[kind]}` });
  }
  const items: string[] = [];
  let left = margin.left;
  let top = 8;
  for (const entry of entries) {
    const entryWidth = 16 + entry.label.length * 6.2 + 12;
    if (left + entryWidth > width - margin.right) {
      left = margin.left;
      top += 14;
    }
    items.push(
      `<rect x="${number(left)}" y="${top}" width="10" height="10" fill="${entry.color}"/>`,
      `<text x="${number(left + 14)}" y="${top + 9}">${escapeHtml(entry.label)}</text>`,
    );
    left += entryWidth;
  }
  return `<g class="legend">${items.join('')}</g>`;
}

/** The chart in words, for screen readers and for a printout without colour. */
function describe(chart: TimelineChart): string {
  let queries = 0;
  let errors = 0;
  for (const bucket of chart.buckets) {
    queries += queryTotal(bucket);
    errors += icmpTotal(bucket);
  }
  const first = chart.buckets[0];
  const bucketWidth = first ? first.end - first.start : 0;
  return `${queries} DNS queries and ${errors} ICMP errors from ${clockOfSeconds(chart.start)} to ${clockOfSeconds(chart.end)} UTC in buckets of ${Number(bucketWidth.toPrecision(6))} s; ${chart.bands.length} incident band(s).`;
}
