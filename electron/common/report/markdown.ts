/**
 * The report as Markdown: reads well in a terminal and renders on a code host. Prose is
 * escaped, capture values are code spans, evidence sits in a fence no line can close.
 */
import { buildReport } from './build-report';
import { escapeMarkdown, markdownCode, markdownFence } from './markdown-escape';
import type { Block, Inline, ListItem, ReportDocument } from './report-document';
import type { ReportInput } from './report-input';

function inline(content: readonly Inline[], inTable = false): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeMarkdown(part);
      if ('code' in part) return markdownCode(part.code, inTable);
      return `**${escapeMarkdown(part.strong)}**`;
    })
    .join('');
}

function list(items: readonly ListItem[], ordered: boolean, indent = ''): string[] {
  const lines: string[] = [];
  items.forEach((item, index) => {
    const marker = ordered ? `${index + 1}. ` : '- ';
    lines.push(`${indent}${marker}${inline(item.content)}`);
    if (item.children?.length) lines.push(...list(item.children, false, indent + ' '.repeat(marker.length)));
  });
  return lines;
}

function table(columns: readonly string[], rows: readonly (readonly Inline[])[][]): string {
  const header = `| ${columns.map((column) => escapeMarkdown(column)).join(' | ')} |`;
  const rule = `| ${columns.map(() => '---').join(' | ')} |`;
  const body = rows.map((row) => `| ${row.map((cell) => inline(cell, true) || ' ').join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

function block(item: Block): string | undefined {
  switch (item.kind) {
    case 'paragraph':
      return inline(item.content);
    case 'heading':
      return `### ${inline(item.content)}`;
    case 'list':
      return list(item.items, item.ordered).join('\n');
    case 'table':
      return table(item.columns, item.rows);
    case 'facts':
      return item.rows.map((row) => `- **${escapeMarkdown(row.label)}:** ${inline(row.value)}`).join('\n');
    case 'code':
      return markdownFence(item.lines);
    case 'chart':
      // A chart needs graphics; the timeline table below it carries the same moments.
      return undefined;
  }
}

export function markdownDocument(document: ReportDocument): string {
  const parts: string[] = [`# ${escapeMarkdown(document.title)}`, inline(document.byline)];
  for (const section of document.sections) {
    parts.push(`## ${escapeMarkdown(section.title)}`);
    for (const item of section.blocks) {
      const text = block(item);
      if (text !== undefined) parts.push(text);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

export function renderMarkdown(input: ReportInput): string {
  return markdownDocument(buildReport(input));
}
