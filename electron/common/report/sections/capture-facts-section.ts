/** Capture facts: files and their sha256, counts, time span, interface, filter, drops, tool, warnings. */
import type { Inline, ReportSection } from '../report-document';
import type { ReportInput } from '../report-input';
import { toolName, version } from '../../version';
import { durationBetween } from '../time-format';
import { displayTimeIn } from '../undated-capture';

export function captureFactsSection(input: ReportInput): ReportSection {
  const { capture } = input.analysis;
  const tool = input.analysis.tool;
  const none = (text: string): Inline[] => [text];
  const facts: { label: string; value: Inline[] }[] = [
    { label: 'Packets', value: [String(capture.packets)] },
    {
      label: 'First packet',
      value: capture.start ? [displayTimeIn(input.analysis, capture.start)] : none('none'),
    },
    {
      label: 'Last packet',
      value: capture.end ? [displayTimeIn(input.analysis, capture.end)] : none('none'),
    },
    {
      label: 'Time span',
      value: capture.start && capture.end ? [durationBetween(capture.start, capture.end)] : none('none'),
    },
    {
      label: 'Interface',
      value: capture.interface ? [{ code: capture.interface }] : none('none (read from files)'),
    },
    { label: 'Capture filter', value: capture.filter ? [{ code: capture.filter }] : none('none') },
    {
      label: 'Dropped by the kernel',
      value: capture.dropped === null ? none('not known (read from files)') : [String(capture.dropped)],
    },
    { label: 'Analysed by', value: [`${tool.name} ${tool.version}`] },
  ];
  if (tool.name !== toolName || tool.version !== version) {
    facts.push({ label: 'Report written by', value: [`${toolName} ${version}`] });
  }
  if (input.generatedAt)
    facts.push({
      label: 'Report generated',
      value: [
        input.generatedAt
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' UTC'),
      ],
    });
  return {
    id: 'capture',
    title: 'Capture facts',
    blocks: [
      {
        kind: 'table',
        columns: ['File', 'Format', 'Link types', 'Packets', 'Unreadable', 'SHA-256'],
        rows: capture.files.map((file) => [
          [{ code: file.path }],
          [file.format],
          [file.linkTypes.join(', ') || 'none'],
          [String(file.packets)],
          [String(file.unreadable)],
          [{ code: file.sha256 }],
        ]),
      },
      { kind: 'facts', rows: facts },
      capture.warnings.length > 0
        ? {
            kind: 'list',
            ordered: false,
            items: capture.warnings.map((warning) => ({ content: [{ strong: 'Warning:' }, ' ', warning] })),
          }
        : { kind: 'paragraph', content: ['No warnings.'] },
    ],
  };
}
