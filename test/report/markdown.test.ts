import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../electron/common/report/markdown';
import { fenceBreaker, hostileAnalysis, hostileName, tableBreaker } from './fixtures/hostile-analysis';
import { healthyAnalysis, scenarioAnalysis } from './fixtures/scenario-analysis';

const generatedAt = new Date('2026-11-25T14:00:00Z');

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThan(-1);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('Markdown report', () => {
  const markdown = renderMarkdown({ analysis: scenarioAnalysis(), generatedAt });

  it('titles the report after the first incident', () => {
    expect(markdown.split('\n')[0]).toBe(
      '# Incident report: DNS (UDP port 53) at 203.0.113.2 unreachable — port unreachable',
    );
  });

  it('has the sections in reading order', () => {
    const titles = [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(titles).toEqual([
      'Summary',
      'Analysis of the data',
      'Likely causes',
      'Recommended next steps',
      'Timeline',
      'Evidence',
      'Capture facts',
    ]);
  });

  it('summarises protocol, service, how, since when and the impact', () => {
    const summary = section(markdown, 'Summary');
    expect(summary).toContain('**DNS over UDP port 53 at 203.0.113.2 was unreachable**');
    expect(summary).toContain('from 13:24:32.192571 to 13:28:50.022967 UTC on 2026-11-25');
    expect(summary).toContain(
      'Every one of the 3 queries was answered by an ICMP "destination unreachable" error, type 3 code 3 "port unreachable"',
    );
    expect(summary).toContain('the host is up'.replace('the', 'The'));
    expect(summary).toContain('`yummyrecipesforme.com` could not be resolved for 1 client (`192.51.100.15`)');
    expect(summary).toContain('Most likely cause: **The service is not listening** (confidence 70%)');
  });

  it('explains the ICMP type and code, corrects "echo reply", and reads the DNS flags', () => {
    const analysis = section(markdown, 'Analysis of the data');
    expect(analysis).toContain(
      '**ICMP type 3 code 3** is "destination unreachable" with code "port unreachable"',
    );
    expect(analysis).toContain('not echo replies');
    expect(analysis).toContain('- `+`: recursion desired (RD)');
    expect(analysis).toContain('- `35084`: the query id');
    expect(analysis).toContain('- `A?`: a question of type A, asking for the IPv4 address of the name.');
    expect(analysis).toContain('| Queries failed with an ICMP error | 3 |');
  });

  it('says how long after its query each error came, and that seconds are unusual for an ICMP error', () => {
    const analysis = section(markdown, 'Analysis of the data');
    expect(analysis).toContain(
      '**Delay:** Each ICMP error came 3.905993 s to 43.741555 s after its query (mean 21.825981 s). 2 of 3 came after the query timeout',
    );
    expect(analysis).toContain('errors seconds late are unusual');
    // Prompt errors are said to be so.
    const prompt = scenarioAnalysis();
    prompt.incidents[0]!.answerDelay = {
      answers: 3,
      minMilliseconds: 0.21,
      meanMilliseconds: 0.3,
      maxMilliseconds: 0.42,
      afterTimeout: 0,
    };
    const promptAnalysis = section(renderMarkdown({ analysis: prompt, generatedAt }), 'Analysis of the data');
    expect(promptAnalysis).toContain(
      '**Delay:** Each ICMP error came 0.21 ms to 0.42 ms after its query (mean 0.3 ms). That is prompt',
    );
    expect(promptAnalysis).not.toContain('after the query timeout');
  });

  it('ranks the causes with evidence for and against', () => {
    const causes = section(markdown, 'Likely causes');
    const first = causes.indexOf(
      '1. **The service is not listening** (`service-not-listening`), confidence 70%',
    );
    const second = causes.indexOf(
      '2. **A firewall blocks the traffic** (`firewall-blocking`), confidence 25%',
    );
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(causes).toContain('   - **Against:** The ICMP errors come from the server itself');
    expect(causes).toContain('   - **Against:** nothing in the capture.');
  });

  it('recommends commands per cause, with the server filled in', () => {
    const steps = section(markdown, 'Recommended next steps');
    expect(steps).toContain("`ss -ulnp 'sport = :53'`");
    expect(steps).toContain('`dig @203.0.113.2 yummyrecipesforme.com A +tries=1 +time=2`');
    expect(steps).toContain('`nft list ruleset`');
    // 2% is below the threshold for steps of its own.
    expect(steps).not.toContain('server is down');
  });

  it('lists the timeline and the evidence frames with numbers', () => {
    const timeline = section(markdown, 'Timeline');
    expect(timeline).toContain(
      '| 13:24:36.098564 | 2 | ICMP error | `203.0.113.2 > 192.51.100.15`: `203.0.113.2 udp port 53 unreachable` (inc-1) |',
    );
    const evidence = section(markdown, 'Evidence');
    expect(evidence).toContain(
      '#1  13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)',
    );
    expect(evidence).toContain(
      '#6  13:28:50.022967 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 150',
    );
  });

  it('states the capture facts', () => {
    const facts = section(markdown, 'Capture facts');
    expect(facts).toContain(`\`${'a'.repeat(64)}\``);
    expect(facts).toContain('- **Time span:** 4 min 17.830396 s');
    expect(facts).toContain('- **Interface:** none (read from files)');
    expect(facts).toContain('- **Analysed by:** netmortem 0.1.0');
  });

  it('uses the analyst fields', () => {
    const edited = renderMarkdown({
      analysis: scenarioAnalysis(),
      generatedAt,
      analyst: {
        title: 'DNS outage at Yummy Recipes',
        reporter: 'Ada',
        organisation: 'IT Services',
        customerImpact: 'Customers saw an error.',
        notes: 'First paragraph.\n\nSecond *paragraph*.',
      },
    });
    expect(edited.split('\n')[0]).toBe('# DNS outage at Yummy Recipes');
    expect(edited).toContain('Reporter: Ada. Organisation: IT Services.');
    expect(edited).toContain('Reported impact: Customers saw an error.');
    expect(section(edited, 'Analyst notes')).toContain('Second \\*paragraph\\*.');
  });

  it('says a healthy capture has no incident, with the counts', () => {
    const healthy = renderMarkdown({ analysis: healthyAnalysis(), generatedAt });
    expect(healthy.split('\n')[0]).toBe('# Capture report: no incident found');
    expect(healthy).toContain(
      '**No incident found.** The capture holds 80 packets: 40 DNS queries, 40 responses (40 NOERROR)',
    );
    expect(healthy).not.toContain('## Likely causes');
    expect(healthy).not.toContain('## Evidence');
  });

  describe('with hostile capture strings', () => {
    const hostile = renderMarkdown({ analysis: hostileAnalysis(), generatedAt });
    // Rendered as a code host would, raw HTML allowed: any escape that leaks shows up as markup.
    const html = new MarkdownIt({ html: true }).render(hostile);

    it('keeps the evidence inside one fence no line can close', () => {
      const blocks = [...html.matchAll(/<pre><code class="language-text">([\s\S]*?)<\/code><\/pre>/g)].map(
        (match) => match[1]!,
      );
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.trimEnd().split('\n')).toHaveLength(6);
      expect(html).not.toContain('<h1>injected heading</h1>');
      expect(fenceBreaker).toContain('\n');
    });

    it('shows every hostile string as text, never as markup', () => {
      expect(html).not.toMatch(/<img|<script|<b /);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.example');
      expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
      expect(html).toContain('&lt;b onmouseover=alert(4)&gt;');
    });

    it('keeps table rows whole when a value holds pipes and backticks', () => {
      const timeline = /<h2>Timeline<\/h2>[\s\S]*?<table>([\s\S]*?)<\/table>/.exec(html)![1]!;
      for (const row of timeline.match(/<tr>[\s\S]*?<\/tr>/g)!) expect(row.match(/<t[dh]>/g)).toHaveLength(4);
      const files = /<h2>Capture facts<\/h2>[\s\S]*?<table>([\s\S]*?)<\/table>/.exec(html)![1]!;
      for (const row of files.match(/<tr>[\s\S]*?<\/tr>/g)!) expect(row.match(/<t[dh]>/g)).toHaveLength(6);
      expect(files).toContain('<code>&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;|x.pcap</code>');
      const names = /<strong>Names:<\/strong>(.*)<\/li>/.exec(html)![1]!;
      expect(names).toContain(`<code>${tableBreaker}</code>`);
      expect(names).toContain(`<code>${hostileName.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`);
    });
  });
});
