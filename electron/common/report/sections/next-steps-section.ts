/** Recommended next steps: commands per likely cause, in the causes' order, then confirmation. */
import { causeNames } from '../cause-text';
import { nextSteps } from '../next-steps';
import type { Block, ListItem, ReportSection } from '../report-document';
import type { ReportInput } from '../report-input';
import { isUndated } from '../undated-capture';

/** Causes below this confidence get no steps of their own; they stay listed under Likely causes. */
const minimumConfidence = 0.05;

export function nextStepsSection(input: ReportInput): ReportSection {
  const { incidents } = input.analysis;
  const blocks: Block[] = [];
  const undated = isUndated(input.analysis);
  for (const incident of incidents) {
    if (incidents.length > 1) blocks.push({ kind: 'heading', content: [`${incident.id}: ${incident.kind}`] });
    const items: ListItem[] = incident.causes
      .filter((cause) => cause.confidence >= minimumConfidence)
      .map((cause) => ({
        content: [
          { strong: `If ${causeNames[cause.id].replace(/^[A-Z]/, (letter) => letter.toLowerCase())}` },
          ` (${Math.round(cause.confidence * 100)}%):`,
        ],
        children: nextSteps(cause.id, incident, undated),
      }));
    items.push({
      content: [
        { strong: 'Confirm the fix' },
        ': capture again while a client retries, e.g. ',
        {
          code: `netmortem capture -i INTERFACE -f 'port ${incident.server.port} or icmp or icmp6' --duration 30`,
        },
        ', and check that no incident remains. Keep this capture (its sha256 is under Capture facts) as evidence.',
      ],
    });
    blocks.push({ kind: 'list', ordered: true, items });
  }
  return { id: 'next-steps', title: 'Recommended next steps', blocks };
}
