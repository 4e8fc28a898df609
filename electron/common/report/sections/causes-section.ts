/** Likely causes, ranked, each with its confidence and the evidence for and against it. */
import { causeMeanings, causeNames } from '../cause-text';
import type { Block, ListItem, ReportSection } from '../report-document';
import type { ReportInput } from '../report-input';

export function causesSection(input: ReportInput): ReportSection {
  const { incidents } = input.analysis;
  const blocks: Block[] = [];
  for (const incident of incidents) {
    if (incidents.length > 1) blocks.push({ kind: 'heading', content: [`${incident.id}: ${incident.kind}`] });
    if (incident.causes.length === 0) {
      blocks.push({ kind: 'paragraph', content: ['The packets do not point at a cause.'] });
      continue;
    }
    const items: ListItem[] = incident.causes.map((cause) => ({
      content: [
        { strong: causeNames[cause.id] },
        ' (',
        { code: cause.id },
        `), confidence ${Math.round(cause.confidence * 100)}%. ${causeMeanings[cause.id]}`,
      ],
      children: [
        ...cause.evidenceFor.map((text): ListItem => ({ content: [{ strong: 'For:' }, ' ', text] })),
        ...(cause.evidenceAgainst.length > 0
          ? cause.evidenceAgainst.map((text): ListItem => ({ content: [{ strong: 'Against:' }, ' ', text] }))
          : [{ content: [{ strong: 'Against:' }, ' nothing in the capture.'] }]),
      ],
    }));
    blocks.push({ kind: 'list', ordered: true, items });
  }
  return { id: 'causes', title: 'Likely causes', blocks };
}
