/** Small helpers that build inline text for report sections. */
import type { Inline } from './report-document';

/** '1 query', '3 queries'. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Values as code spans joined with commas and 'and', at most `limit` shown. */
export function codeList(values: readonly string[], limit = 10): Inline[] {
  const shown = values.slice(0, limit);
  const result: Inline[] = [];
  shown.forEach((value, index) => {
    if (index > 0) result.push(index === shown.length - 1 && values.length <= limit ? ' and ' : ', ');
    result.push({ code: value });
  });
  if (values.length > limit) result.push(` and ${values.length - limit} more`);
  return result;
}

/** Inline text as plain text (for titles, file names and alt texts). */
export function plainText(content: readonly Inline[]): string {
  return content
    .map((part) => (typeof part === 'string' ? part : 'code' in part ? part.code : part.strong))
    .join('');
}
