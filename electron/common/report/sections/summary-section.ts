/** Summary: which protocol and service failed, how, since when, the impact and the likely cause. */
import type { Analysis, Incident } from '../analysis-schema';
import { causeNames } from '../cause-text';
import { headline, howItFailed, impact } from '../incident-story';
import { countOf } from '../inline-text';
import type { Block, Inline, ReportSection } from '../report-document';
import type { ReportInput } from '../report-input';

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

function likelyCause(incident: Incident): Inline[] {
  const [first, ...others] = incident.causes;
  if (!first) return ['No likely cause could be ranked from the packets.'];
  const result: Inline[] = [
    'Most likely cause: ',
    { strong: causeNames[first.id] },
    ` (confidence ${percent(first.confidence)})`,
  ];
  if (others.length > 0) {
    result.push('; also weighed: ');
    others.forEach((cause, index) => {
      if (index > 0) result.push(', ');
      result.push(
        `${causeNames[cause.id].replace(/^[A-Z]/, (letter) => letter.toLowerCase())} (${percent(cause.confidence)})`,
      );
    });
  }
  result.push('. See Likely causes for the evidence for and against each.');
  return result;
}

/** The counts in one sentence, for the summary of a capture without incidents. */
export function healthySentence(analysis: Analysis): Inline[] {
  const { dns, icmp } = analysis;
  const rcodes = Object.entries(dns.rcodes)
    .filter(([, count]) => count > 0)
    .map(([rcode, count]) => `${count} ${rcode}`);
  return [
    { strong: 'No incident found.' },
    ` The capture holds ${countOf(analysis.capture.packets, 'packet')}: ${countOf(dns.queries, 'DNS query', 'DNS queries')}`,
    `, ${countOf(dns.responses, 'response')}${rcodes.length > 0 ? ` (${rcodes.join(', ')})` : ''}`,
    `, ${dns.unanswered} unanswered, ${dns.pending} pending at capture end, and ${countOf(icmp.errors, 'ICMP error')}.`,
  ];
}

export function summarySection(input: ReportInput): ReportSection {
  const { analysis, analyst } = input;
  const blocks: Block[] = [];
  if (analysis.incidents.length === 0) blocks.push({ kind: 'paragraph', content: healthySentence(analysis) });
  if (analysis.incidents.length > 1) {
    blocks.push({
      kind: 'paragraph',
      content: [`The capture shows ${analysis.incidents.length} incidents.`],
    });
  }
  for (const incident of analysis.incidents) {
    if (analysis.incidents.length > 1)
      blocks.push({ kind: 'heading', content: [`${incident.id}: ${incident.kind}`] });
    blocks.push(
      { kind: 'paragraph', content: headline(incident, analysis) },
      { kind: 'paragraph', content: howItFailed(incident) },
      { kind: 'paragraph', content: impact(incident) },
      { kind: 'paragraph', content: likelyCause(incident) },
    );
  }
  if (analyst?.customerImpact) {
    blocks.push({ kind: 'paragraph', content: ['Reported impact: ', analyst.customerImpact] });
  }
  return { id: 'summary', title: 'Summary', blocks };
}
