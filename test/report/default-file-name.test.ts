import { describe, expect, it } from 'vitest';
import { defaultFileName } from '../../electron/common/report/default-file-name';
import { healthyAnalysis, scenarioAnalysis } from './fixtures/scenario-analysis';

describe('default report file name', () => {
  it('names the first incident by its start and kind', () => {
    expect(defaultFileName(scenarioAnalysis(), 'md')).toBe('incident-2026-11-25-1324-dns-port-unreachable.md');
    expect(defaultFileName(scenarioAnalysis(), 'pdf')).toBe('incident-2026-11-25-1324-dns-port-unreachable.pdf');
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
