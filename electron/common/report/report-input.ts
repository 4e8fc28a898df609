/** What a report is made from: the analysis, the analyst's own fields, and the timeline. */
import type { Analysis } from './analysis-schema';
import type { TimelineBucket } from './timeline-buckets';

/** The fields the analyst edits in the export preview; all optional. */
export interface AnalystFields {
  title?: string;
  reporter?: string;
  organisation?: string;
  /** What customers saw, in the analyst's words (e.g. "destination port unreachable" in the browser). */
  customerImpact?: string;
  notes?: string;
}

export interface ReportInput {
  analysis: Analysis;
  analyst?: AnalystFields;
  /** When the report was made; defaults to now. */
  generatedAt?: Date;
  /**
   * The capture's events counted per time bucket (timeline-buckets.ts), for the chart.
   * Without it the HTML report has no chart; every other section stands on the analysis alone.
   */
  timeline?: TimelineBucket[];
}
