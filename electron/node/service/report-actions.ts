/** The report from the current analysis: previewed, or written atomically in any format. */
import { basename } from 'node:path';
import type {
  AnalystFields,
  ReportFormat,
  ReportPreview,
  WrittenFile,
} from '../../common/ipc/payload-schemas';
import type { Analysis } from '../../common/report/analysis-schema';
import { defaultFileName } from '../../common/report/default-file-name';
import { renderHtml } from '../../common/report/html';
import { renderMarkdown } from '../../common/report/markdown';
import type { ReportInput } from '../../common/report/report-input';
import type { TimelineBucket } from '../../common/report/timeline-buckets';
import { exportReport } from '../report/export-report';
import { writeFileAtomic } from '../report/write-file-atomic';
import type { HostCapabilities } from './service-types';

export function reportInput(
  analysis: Analysis,
  analyst: AnalystFields,
  timeline: TimelineBucket[],
): ReportInput {
  // Empty fields are absent: the report then uses its own defaults (the title from the incident).
  const filled = Object.fromEntries(Object.entries(analyst).filter(([, value]) => value.trim() !== ''));
  return { analysis, analyst: filled, timeline };
}

export function previewReport(input: ReportInput, format: 'md' | 'html'): ReportPreview {
  return {
    format,
    text: format === 'md' ? renderMarkdown(input) : renderHtml(input),
    fileName: defaultFileName(input.analysis, format),
  };
}

export async function writeReport(
  input: ReportInput,
  format: ReportFormat,
  path: string,
  host: HostCapabilities,
): Promise<WrittenFile> {
  if (format === 'pdf' && host.printPdf) {
    const pdf = await host.printPdf(renderHtml(input));
    await writeFileAtomic(path, pdf);
    return { path, fileName: basename(path), bytes: pdf.byteLength };
  }
  const written = await exportReport(input, format, path);
  return { path: written.path, fileName: basename(written.path), bytes: written.bytes };
}
