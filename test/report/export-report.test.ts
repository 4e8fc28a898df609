import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../electron/common/report/html';
import { renderMarkdown } from '../../electron/common/report/markdown';
import { exportReport } from '../../electron/node/report/export-report';
import { ExportError } from '../../electron/node/report/write-file-atomic';
import { scenarioAnalysis } from './fixtures/scenario-analysis';
import { mountTmpfs } from './temporary-mount';

const input = { analysis: scenarioAnalysis(), generatedAt: new Date('2026-11-25T14:00:00Z') };
const folder = mkdtempSync(join(tmpdir(), 'netmortem-export-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('exportReport', () => {
  it('writes each text format whole, leaving no temporary file', async () => {
    const result = await exportReport(input, 'md', join(folder, 'report.md'));
    expect(readFileSync(join(folder, 'report.md'), 'utf8')).toBe(renderMarkdown(input));
    expect(result.bytes).toBe(Buffer.byteLength(renderMarkdown(input)));
    await exportReport(input, 'html', join(folder, 'report.html'));
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toBe(renderHtml(input));
    await exportReport(input, 'json', join(folder, 'report.json'));
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'))).toEqual(input.analysis);
    expect(readdirSync(folder).sort()).toEqual(['report.html', 'report.json', 'report.md']);
  });

  it('replaces an existing file and keeps its permissions', async () => {
    const path = join(folder, 'replaced.md');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    await exportReport(input, 'md', path);
    expect(readFileSync(path, 'utf8')).toBe(renderMarkdown(input));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('says clearly when the folder does not exist or the path is a folder', async () => {
    const missing = exportReport(input, 'md', join(folder, 'missing', 'report.md'));
    await expect(missing).rejects.toBeInstanceOf(ExportError);
    await expect(missing).rejects.toThrow(
      `cannot write ${join(folder, 'missing', 'report.md')}: the folder does not exist`,
    );
    await expect(exportReport(input, 'md', folder)).rejects.toThrow(/: it is a folder$/);
  });

  it('leaves nothing half-written when the disk fills up', async (context) => {
    const mount = mountTmpfs('size=8k');
    if ('skipped' in mount) return context.skip(mount.skipped);
    try {
      const path = join(mount.path, 'report.html');
      writeFileSync(path, 'old report');
      await expect(exportReport(input, 'html', path)).rejects.toThrow(
        /cannot write .*report\.html: no space left on the device/,
      );
      expect(readdirSync(mount.path)).toEqual(['report.html']);
      expect(readFileSync(path, 'utf8')).toBe('old report');
    } finally {
      mount.remove();
    }
  });

  it('says clearly when the file system is read-only', async (context) => {
    const mount = mountTmpfs('size=64k,ro');
    if ('skipped' in mount) return context.skip(mount.skipped);
    try {
      await expect(exportReport(input, 'md', join(mount.path, 'report.md'))).rejects.toThrow(
        /: the file system is read-only$/,
      );
      expect(readdirSync(mount.path)).toEqual([]);
    } finally {
      mount.remove();
    }
  });

  it('exports a PDF through headless Chromium', async () => {
    const path = join(folder, 'report.pdf');
    await exportReport(input, 'pdf', path);
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)!.length).toBeGreaterThanOrEqual(2);
  });
});
