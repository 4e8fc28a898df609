import { describe, expect, it } from 'vitest';
import { defaultFileName } from '../../electron/common/report/default-file-name';
import { defaultTitle } from '../../electron/common/report/report-title';
import { healthyAnalysis, scenarioAnalysis } from './fixtures/scenario-analysis';

describe('default report file name', () => {
  it('names the first incident by its start and kind', () => {
    expect(defaultFileName(scenarioAnalysis(), 'md')).toBe(
      'incident-2026-11-25-1324-dns-port-unreachable.md',
    );
    expect(defaultFileName(scenarioAnalysis(), 'pdf')).toBe(
      'incident-2026-11-25-1324-dns-port-unreachable.pdf',
    );
  });

  it('names the report after the most severe incident, not merely the first', () => {
    const analysis = scenarioAnalysis();
    const critical = analysis.incidents[0]!;
    analysis.incidents = [
      {
        ...critical,
        id: 'inc-1',
        kind: 'dns-nxdomain',
        severity: 'medium',
        start: '2026-11-25T13:00:00.000000Z',
      },
      { ...critical, id: 'inc-2' },
    ];
    expect(defaultFileName(analysis, 'md')).toBe('incident-2026-11-25-1324-dns-port-unreachable.md');
    expect(defaultTitle(analysis)).toBe(
      'Incident report: DNS (UDP port 53) at 203.0.113.2 unreachable — port unreachable (and 1 more incident)',
    );
  });

  it('does not present the placeholder date of an undated text log', () => {
    const analysis = scenarioAnalysis();
    analysis.capture.start = '1970-01-01T13:24:32.192571Z';
    analysis.incidents[0]!.start = '1970-01-01T13:24:32.192571Z';
    analysis.capture.warnings = [
      "the log's time stamps have no date and none was given (--date YYYY-MM-DD): 6 packet(s) dated 1970-01-01",
    ];
    expect(defaultFileName(analysis, 'md')).toBe('incident-undated-1324-dns-port-unreachable.md');
  });

  it('names a healthy capture by its start', () => {
    expect(defaultFileName(healthyAnalysis(), 'html')).toBe('capture-2026-11-25-1324-no-incident.html');
  });

  it('says undated when the capture is empty', () => {
    const analysis = healthyAnalysis();
    analysis.capture.start = null;
    expect(defaultFileName(analysis, 'json')).toBe('capture-undated-no-incident.json');
  });
});
