/** Evidence: each incident's frames as tcpdump-style lines, with frame numbers. */
import type { Evidence, Incident } from '../analysis-schema';
import { countOf } from '../inline-text';
import type { Block, ReportSection } from '../report-document';
import type { ReportInput } from '../report-input';
import { clockOf } from '../time-format';

/** 'frame 1  13:24:32.192571 IP ...'; the time is added when the line lacks it. */
export function evidenceLine(evidence: Evidence, frameWidth: number): string {
  const frame = `#${evidence.frame}`.padEnd(frameWidth + 1);
  const hasTime = /^(?:\d{4}-\d{2}-\d{2} )?\d{1,2}:\d{2}:\d{2}/.test(evidence.line);
  return `${frame}  ${hasTime ? evidence.line : `${clockOf(evidence.time)} ${evidence.line}`}`;
}

function incidentEvidence(incident: Incident): Block[] {
  const frameWidth = Math.max(0, ...incident.evidence.map((evidence) => String(evidence.frame).length));
  const packets = incident.queries + incident.icmpErrors;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      content: [
        `${incident.id}: ${countOf(incident.evidence.length, 'frame')}`,
        incident.evidenceOmitted
          ? ` shown; ${incident.evidenceOmitted} more left out by the evidence limit`
          : incident.evidence.length < packets
            ? ` (a sample of the incident's ${packets} packets)`
            : '',
        '.',
      ],
    },
  ];
  if (incident.evidence.length > 0) {
    blocks.push({
      kind: 'code',
      lines: incident.evidence.map((evidence) => evidenceLine(evidence, frameWidth)),
    });
  }
  return blocks;
}

export function evidenceSection(input: ReportInput): ReportSection {
  return {
    id: 'evidence',
    title: 'Evidence',
    blocks: input.analysis.incidents.flatMap(incidentEvidence),
  };
}
