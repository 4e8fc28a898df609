/**
 * The report as one self-contained HTML file: inline CSS, the timeline as inline SVG, no
 * script, no external resource, and a CSP that forbids both (so even an escaping bug could
 * not run a script or fetch a URL). Every string passes through escapeHtml.
 */
import { buildReport } from './build-report';
import { escapeHtml } from './escape-html';
import { reportStyle } from './html-style';
import type { Block, Inline, ListItem, ReportDocument } from './report-document';
import type { ReportInput } from './report-input';
import { timelineSvg } from './timeline-svg';
import { toolName, version } from '../version';

/** No scripts, no network, no plugins, no forms; only the inline stylesheet and data: images. */
export const reportContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function inline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      if ('code' in part) return `<code>${escapeHtml(part.code)}</code>`;
      return `<strong>${escapeHtml(part.strong)}</strong>`;
    })
    .join('');
}

function list(items: readonly ListItem[], ordered: boolean): string {
  const tag = ordered ? 'ol' : 'ul';
  const body = items
    .map(
      (item) => `<li>${inline(item.content)}${item.children?.length ? list(item.children, false) : ''}</li>`,
    )
    .join('');
  return `<${tag}>${body}</${tag}>`;
}

function block(item: Block): string {
  switch (item.kind) {
    case 'paragraph':
      return `<p>${inline(item.content)}</p>`;
    case 'heading':
      return `<h3>${inline(item.content)}</h3>`;
    case 'list':
      return list(item.items, item.ordered);
    case 'table': {
      const head = item.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
      const rows = item.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`)
        .join('\n');
      const caption = item.caption ? `<caption>${escapeHtml(item.caption)}</caption>` : '';
      return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    case 'facts':
      return `<table class="facts"><tbody>${item.rows
        .map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${inline(row.value)}</td></tr>`)
        .join('')}</tbody></table>`;
    case 'code':
      return `<pre><code>${item.lines.map(escapeHtml).join('\n')}</code></pre>`;
    case 'chart':
      return `<figure>${timelineSvg(item.chart)}<figcaption>DNS queries stacked by outcome, ICMP errors by kind, incident bands shaded; hover a bar for its counts.</figcaption></figure>`;
  }
}

export function htmlDocument(document: ReportDocument): string {
  const contents = document.sections
    .map((section) => `<li><a href="#${escapeHtml(section.id)}">${escapeHtml(section.title)}</a></li>`)
    .join('');
  const sections = document.sections
    .map(
      (section) =>
        `<section id="${escapeHtml(section.id)}">\n<h2>${escapeHtml(section.title)}</h2>\n${section.blocks.map(block).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportContentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${toolName} ${version}`)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(document.title)}</title>
<style>${reportStyle}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(document.title)}</h1>
<p class="byline">${inline(document.byline)}</p>
<nav aria-label="Contents"><ol>${contents}</ol></nav>
</header>
${sections}
</main>
</body>
</html>
`;
}

export function renderHtml(input: ReportInput): string {
  return htmlDocument(buildReport(input));
}
