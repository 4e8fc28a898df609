/**
 * Exports the report to a file, atomically: the file holds the whole report or is left as it
 * was (see write-file-atomic.ts).
 */
import type { ReportFormat } from '../../common/report/default-file-name';
import type { ReportInput } from '../../common/report/report-input';
import { renderReport, type PdfPrinter } from './render-report';
import { writeFileAtomic } from './write-file-atomic';

export interface ExportResult {
  path: string;
  format: ReportFormat;
  bytes: number;
}

export interface ExportOptions {
  /** Turns the HTML report into PDF; headless Chromium unless given (Electron: webContents.printToPDF). */
  printPdf?: PdfPrinter;
}

export async function exportReport(
  input: ReportInput,
  format: ReportFormat,
  path: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const content = await renderReport(input, format, options.printPdf);
  await writeFileAtomic(path, content);
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  return { path, format, bytes };
}
