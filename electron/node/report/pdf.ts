/**
 * PDF from the HTML report with headless Chromium (playwright-core), for the CLI and browser
 * mode; the Electron app prints with webContents.printToPDF instead. The report's own CSS
 * sets A4 pages and print rules; Chromium adds page numbers in the footer.
 */
import { existsSync } from 'node:fs';
import { chromiumExecutable, launchChromium } from './chromium';
import { ExportError } from './write-file-atomic';

const footer =
  '<div style="font: 8px system-ui, sans-serif; width: 100%; text-align: center; color: #57606a;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

export async function htmlToPdf(html: string): Promise<Uint8Array> {
  const executablePath = chromiumExecutable();
  if (!existsSync(executablePath)) {
    throw new ExportError(
      `PDF export needs Chromium at ${executablePath}: install it (apt-get install chromium) or set NETMORTEM_CHROMIUM to its path`,
    );
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // The report has no external resources and its CSP forbids fetching any.
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: footer,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
