/** Builds the report document from its input: the sections in reading order. */
import type { ReportDocument, ReportSection, Inline } from './report-document';
import type { ReportInput } from './report-input';
import { defaultTitle } from './report-title';
import { analysisSection } from './sections/analysis-section';
import { captureFactsSection } from './sections/capture-facts-section';
import { causesSection } from './sections/causes-section';
import { evidenceSection } from './sections/evidence-section';
import { nextStepsSection } from './sections/next-steps-section';
import { summarySection } from './sections/summary-section';
import { timelineSection } from './sections/timeline-section';
import { toolName, version } from '../version';

function byline(input: ReportInput, generatedAt: Date): Inline[] {
  const parts: Inline[] = [];
  if (input.analyst?.reporter) parts.push('Reporter: ', input.analyst.reporter, '. ');
  if (input.analyst?.organisation) parts.push('Organisation: ', input.analyst.organisation, '. ');
  parts.push(
    `Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by ${toolName} ${version}.`,
  );
  return parts;
}

function notesSection(notes: string): ReportSection {
  return {
    id: 'notes',
    title: 'Analyst notes',
    blocks: notes
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean)
      .map((paragraph) => ({ kind: 'paragraph', content: [paragraph.replace(/\s*\n\s*/g, ' ')] })),
  };
}

export function buildReport(input: ReportInput): ReportDocument {
  const generatedAt = input.generatedAt ?? new Date();
  const resolved: ReportInput = { ...input, generatedAt };
  const hasIncidents = input.analysis.incidents.length > 0;
  const notes = input.analyst?.notes?.trim();
  const sections: ReportSection[] = [
    summarySection(resolved),
    ...(notes ? [notesSection(notes)] : []),
    analysisSection(resolved),
    ...(hasIncidents ? [causesSection(resolved), nextStepsSection(resolved)] : []),
    timelineSection(resolved),
    ...(hasIncidents ? [evidenceSection(resolved)] : []),
    captureFactsSection(resolved),
  ];
  return {
    title: input.analyst?.title?.trim() || defaultTitle(input.analysis),
    byline: byline(input, generatedAt),
    sections,
  };
}
