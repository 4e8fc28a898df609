/**
 * The report as JSON: exactly the analysis contract (../shared/contract/analysis-json.md),
 * pretty-printed. It is checked against the schema first, so a broken analysis fails here
 * with zod's message rather than reaching a script that trusts the contract.
 */
import { analysisSchema } from './analysis-schema';
import type { ReportInput } from './report-input';

export function renderJson(input: ReportInput): string {
  // Checked once per report: building zod's compiled fast path (jit) took longer than the check itself.
  const checked = analysisSchema.safeParse(input.analysis, { jitless: true });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(
      `the analysis does not match the JSON contract: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return `${JSON.stringify(input.analysis, null, 2)}\n`;
}
