/** The report in any export format: text for md, html and json, bytes for pdf. */
import { renderHtml } from '../../common/report/html';
import { renderJson } from '../../common/report/json';
import { renderMarkdown } from '../../common/report/markdown';
import type { ReportFormat } from '../../common/report/default-file-name';
import type { ReportInput } from '../../common/report/report-input';
import { htmlToPdf } from './pdf';

export const reportFormats: readonly ReportFormat[] = ['md', 'html', 'json', 'pdf'];

export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}

/** How HTML becomes PDF: headless Chromium by default; the Electron app passes printToPDF. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export async function renderReport(
  input: ReportInput,
  format: ReportFormat,
  printPdf: PdfPrinter = htmlToPdf,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return renderMarkdown(input);
    case 'html':
      return renderHtml(input);
    case 'json':
      return renderJson(input);
    case 'pdf':
      return printPdf(renderHtml(input));
  }
}
