/**
 * Markdown that cannot be hijacked by capture strings. Plain text escapes every character
 * CommonMark or GitHub gives a meaning inline, and list or heading markers at its start;
 * capture values go into code spans, whose
 * delimiters are always longer than any backtick run inside; evidence goes into a fence
 * longer than any backtick run in its lines (CommonMark §4.5: a fence closes only with at
 * least as many backticks as it opened with).
 */
import { printable } from './printable';

/** Escapes text for inline Markdown, also inside a table cell. */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(/[\\`*_[\]<>|~&$]/g, (character) => `\\${character}`)
    .replace(/^([#+=-]|\d+[.)])(?=\s|$)/, (start) => start.replace(/([#+=.)-])$/, '\\$1'));
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * A code span. In GitHub tables a `|` splits the cell even inside a code span, so it is
 * written `\|` there (GFM §4.10), which GitHub turns back into `|`.
 */
export function markdownCode(text: string, inTable = false): string {
  let content = printable(text);
  if (inTable) content = content.replace(/\|/g, '\\|');
  if (content === '') return '` `';
  const delimiter = '`'.repeat(longestBacktickRun(content) + 1);
  // A space on each side when the content starts or ends with a backtick (CommonMark §6.1).
  const padded =
    content.startsWith('`') || content.endsWith('`') || /^ .* $/.test(content) ? ` ${content} ` : content;
  return `${delimiter}${padded}${delimiter}`;
}

/** A fenced code block that no line inside can close early. */
export function markdownFence(lines: readonly string[], info = 'text'): string {
  const safeLines = lines.map(printable);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(safeLines.join('\n')) + 1));
  return [`${fence}${info}`, ...safeLines, fence].join('\n');
}
