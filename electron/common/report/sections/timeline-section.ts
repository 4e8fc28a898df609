/**
 * Timeline: the chart (HTML only) and a table of the moments that matter: capture start and
 * end, each incident's first and last failing packet, and the evidence frames between.
 */
import type { Analysis, Evidence } from '../analysis-schema';
import type { Block, Inline, ReportSection } from '../report-document';
import type { ReportInput } from '../report-input';
import { parseTcpdumpLine } from '../tcpdump-line';
import { timelineChart } from '../timeline-chart';
import { isUndated } from '../undated-capture';
import { clockOf, dateOf, displayTime, microsecondsOf } from '../time-format';

/** Longer timelines are cut; every frame stays under Evidence. */
const maximumRows = 60;

interface Row {
  time: string;
  order: number;
  frame: string;
  event: string;
  detail: Inline[];
}

function evidenceRow(evidence: Evidence, incidentId: string): Row {
  const line = parseTcpdumpLine(evidence.line);
  const route: Inline[] =
    line.source && line.destination ? [{ code: `${line.source} > ${line.destination}` }, ': '] : [];
  const base = { time: evidence.time, order: 1, frame: String(evidence.frame) };
  switch (line.kind) {
    case 'dns-query':
      return {
        ...base,
        event: 'DNS query',
        detail: [
          ...route,
          { code: `${line.query!.type}? ${line.query!.name}` },
          ` id ${line.query!.id} (${incidentId})`,
        ],
      };
    case 'dns-response':
      return {
        ...base,
        event: 'DNS response',
        detail: [
          ...route,
          { code: line.response!.rcode || 'NOERROR' },
          ` id ${line.response!.id} (${incidentId})`,
        ],
      };
    case 'icmp-error':
      return {
        ...base,
        event: 'ICMP error',
        detail: [...route, { code: line.icmp!.replace(/,? length \d+$/, '') }, ` (${incidentId})`],
      };
    default:
      return { ...base, event: 'Packet', detail: [{ code: evidence.line }, ` (${incidentId})`] };
  }
}

function rows(analysis: Analysis): Row[] {
  const result: Row[] = [];
  const seenFrames = new Set<number>();
  if (analysis.capture.start) {
    result.push({
      time: analysis.capture.start,
      order: 0,
      frame: '',
      event: 'Capture starts',
      detail: [`${analysis.capture.packets} packets in all`],
    });
  }
  for (const incident of analysis.incidents) {
    result.push({
      time: incident.start,
      order: 0.5,
      frame: '',
      event: 'Incident starts',
      detail: [`${incident.id}: ${incident.kind}, ${incident.severity}`],
    });
    result.push({
      time: incident.end,
      order: 2,
      frame: '',
      event: 'Incident ends',
      detail: [`${incident.id}: last failing packet`],
    });
    if (incident.recovered) {
      result.push({
        time: incident.recovered,
        order: 2.5,
        frame: '',
        event: 'Service recovers',
        detail: [`${incident.id}: first success after the failures`],
      });
    }
    for (const evidence of incident.evidence) {
      if (seenFrames.has(evidence.frame)) continue;
      seenFrames.add(evidence.frame);
      result.push(evidenceRow(evidence, incident.id));
    }
  }
  if (analysis.capture.end)
    result.push({ time: analysis.capture.end, order: 3, frame: '', event: 'Capture ends', detail: [] });
  return result.sort(
    (a, b) =>
      microsecondsOf(a.time) - microsecondsOf(b.time) ||
      a.order - b.order ||
      Number(a.frame) - Number(b.frame),
  );
}

export function timelineSection(input: ReportInput): ReportSection {
  const { analysis } = input;
  const blocks: Block[] = [];
  const chart = timelineChart(analysis, input.timeline);
  if (chart) blocks.push({ kind: 'chart', chart });
  const all = rows(analysis);
  const oneDay = all.length === 0 || all.every((row) => dateOf(row.time) === dateOf(all[0]!.time));
  const shown = all.length > maximumRows ? [...all.slice(0, maximumRows - 1), all[all.length - 1]!] : all;
  if (oneDay && all[0]) {
    const day = isUndated(analysis) ? '; the log carries no date' : ` on ${dateOf(all[0].time)}`;
    blocks.push({ kind: 'paragraph', content: [`All times are UTC${day}.`] });
  }
  blocks.push({
    kind: 'table',
    columns: ['Time (UTC)', 'Frame', 'Event', 'Detail'],
    rows: shown.map((row) => [
      [oneDay ? clockOf(row.time) : displayTime(row.time)],
      [row.frame],
      [row.event],
      row.detail,
    ]),
  });
  if (shown.length < all.length) {
    blocks.push({
      kind: 'paragraph',
      content: [
        `${all.length - shown.length} more rows are left out here; every evidence frame is listed under Evidence.`,
      ],
    });
  }
  return { id: 'timeline', title: 'Timeline', blocks };
}
