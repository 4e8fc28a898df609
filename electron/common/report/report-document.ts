/**
 * The report as a document: sections of blocks of inline text, built once from the
 * analysis and rendered to Markdown or HTML. Builders never escape; renderers escape every
 * string they write, so a capture string cannot become markup in either format.
 */
import type { TimelineChart } from './timeline-chart';

/**
 * Inline text. A plain string is prose; `code` marks a value from the capture or a command
 * (shown as a code span); `strong` is emphasis.
 */
export type Inline = string | { code: string } | { strong: string };

export interface ListItem {
  content: Inline[];
  /** Nested bullet items (evidence for and against under a cause). */
  children?: ListItem[];
}

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'heading'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | { kind: 'table'; columns: string[]; rows: Inline[][][]; caption?: string }
  /** Verbatim lines (evidence), shown in a code block. */
  | { kind: 'code'; lines: string[] }
  /** Key facts as a two-column table. */
  | { kind: 'facts'; rows: { label: string; value: Inline[] }[] }
  /** The timeline chart: SVG in HTML, left out of Markdown. */
  | { kind: 'chart'; chart: TimelineChart };

export interface ReportSection {
  /** Stable anchor: 'summary', 'analysis', 'causes', 'next-steps', 'timeline', 'evidence', 'capture'. */
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  /** One line under the title: who wrote it, when, with which tool. */
  byline: Inline[];
  sections: ReportSection[];
}
