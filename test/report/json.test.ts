import { describe, expect, it } from 'vitest';
import { analysisSchema } from '../../electron/common/report/analysis-schema';
import { renderJson } from '../../electron/common/report/json';
import { scenarioAnalysis } from './fixtures/scenario-analysis';

describe('JSON report', () => {
  it('is exactly the contract, pretty-printed', () => {
    const analysis = scenarioAnalysis();
    const text = renderJson({ analysis, analyst: { title: 'ignored by the contract' } });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "tool": {\n    "name": "netmortem"');
    const parsed: unknown = JSON.parse(text);
    expect(analysisSchema.parse(parsed)).toEqual(analysis);
    expect(parsed).toEqual(analysis);
  });

  it('refuses an analysis that breaks the contract, naming the field', () => {
    const analysis = scenarioAnalysis();
    analysis.incidents[0]!.start = '13:24:32';
    expect(() => renderJson({ analysis })).toThrow(/incidents\.0\.start/);
  });
});
