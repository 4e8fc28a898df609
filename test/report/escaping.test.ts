import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../electron/common/report/escape-html';
import { escapeMarkdown, markdownCode, markdownFence } from '../../electron/common/report/markdown-escape';
import { printable } from '../../electron/common/report/printable';
import { shellQuote } from '../../electron/common/report/shell-quote';

describe('escaping', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('shows control and bidirectional characters instead of obeying them', () => {
    expect(printable('evil\u202eexample\u001b[31m\nnext')).toBe('evil\\u{202e}example\\u{1b}[31m\\u{a}next');
  });

  it('escapes Markdown markup in prose', () => {
    expect(escapeMarkdown('*bold* [link](x) <b> a|b')).toBe('\\*bold\\* \\[link\\](x) \\<b\\> a\\|b');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('203.0.113.2 stays readable')).toBe('203.0.113.2 stays readable');
  });

  it('makes code spans and fences that no content can close', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', 'a', ' ', '|', '\n') }), (text) => {
        const span = markdownCode(text);
        const delimiter = /^`+/.exec(span)![0];
        const inner = span.slice(delimiter.length, span.length - delimiter.length);
        expect(span.endsWith(delimiter)).toBe(true);
        for (const run of inner.match(/`+/g) ?? []) expect(run.length).not.toBe(delimiter.length);
        const fence = markdownFence(text.split('\n'));
        const lines = fence.split('\n');
        const opening = /^`+/.exec(lines[0]!)![0];
        for (const line of lines.slice(1, -1)) expect(line.startsWith(opening)).toBe(false);
        expect(lines[lines.length - 1]).toBe(opening);
      }),
    );
  });

  it('quotes shell arguments so a pasted command runs nothing from the capture', () => {
    const values = fc.string({
      unit: fc.constantFrom("'", '"', '$', '(', ')', '`', ';', ' ', '\\', 'a', '.', '*', '\n', '&', '|'),
    });
    fc.assert(
      fc.property(values, (value) => {
        const output = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
        expect(output).toBe(printable(value));
      }),
      { numRuns: 40 },
    );
    expect(shellQuote('yummyrecipesforme.com')).toBe('yummyrecipesforme.com');
  });
});
