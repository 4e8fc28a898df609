import { describe, expect, it } from 'vitest';
import { timelineChart } from '../../electron/common/report/timeline-chart';
import { timelineSvg } from '../../electron/common/report/timeline-svg';
import { bucketEvents } from '../../electron/common/report/timeline-buckets';
import { scenarioAnalysis } from './fixtures/scenario-analysis';
import { scenarioEvents } from './fixtures/scenario-events';

describe('timeline SVG', () => {
  const analysis = scenarioAnalysis();
  const chart = timelineChart(analysis, bucketEvents(scenarioEvents()))!;
  const svg = timelineSvg(chart, { title: 'Timeline <of> "the" incident' });

  it('draws the queries by outcome, the ICMP errors and the incident band', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect class="query icmp-failed"/g)).toHaveLength(3);
    expect(svg.match(/<rect class="icmp port-unreachable"/g)).toHaveLength(3);
    expect(svg.match(/class="incident-band"/g)).toHaveLength(1);
    expect(svg).toContain('>13:25:00</text>');
    expect(svg).toContain('query failed with ICMP');
    expect(svg).toContain(
      '3 DNS queries and 3 ICMP errors from 13:24:30 to 13:28:55 UTC in buckets of 5 s; 1 incident band(s).',
    );
  });

  it('places the band over the incident window', () => {
    const band = /<rect x="([\d.]+)" y="\d+" width="([\d.]+)"[^>]*stroke-dasharray/.exec(svg)!;
    const left = Number(band[1]);
    const width = Number(band[2]);
    // Plot spans 13:24:30..13:28:55 (265 s) over 838 px from x=50.
    const x = (seconds: number) => 50 + (seconds / 265) * 838;
    expect(left).toBeCloseTo(x(2.192571), 0);
    expect(left + width).toBeCloseTo(x(260.022967), 0);
  });

  it('escapes its texts and holds no script', () => {
    expect(svg).toContain('<title id="timeline-title">Timeline &lt;of&gt; &quot;the&quot; incident</title>');
    expect(svg).not.toMatch(/<script|href=|on\w+=/i);
  });

  it('has nothing to draw without buckets', () => {
    expect(timelineChart(analysis, undefined)).toBeUndefined();
    expect(timelineChart(analysis, [])).toBeUndefined();
  });
});
