// Mutated captures as files, through the pipeline the app and `netmortem analyze` share
// (analyzeFiles: streamed read, dissect, Analyzer, timeline) and on to the Markdown and HTML
// reports. Each file is analysed and reported, or refused with one CaptureFileError line that
// names the file and a byte offset.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectCaptureFormat } from '../../electron/common/capture/detect-format';
import { renderHtml } from '../../electron/common/report/html';
import { renderMarkdown } from '../../electron/common/report/markdown';
import { analyzeFiles } from '../../electron/node/analysis/analyze-files';
import { CaptureFileError } from '../../electron/node/files/read-capture';
import { corpusCaptures } from '../capture/fixtures/corpus';
import { recordFigure, seededRandom } from './support/figures';
import { mutate, type Mutation } from './support/mutations';

const folder = mkdtempSync(join(tmpdir(), 'netmortem-loading-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('hostile files through analyzeFiles and the reports', () => {
  it('each mutated file is analysed and reported, or refused naming the file and a byte offset', async () => {
    const random = seededRandom(6);
    const bases = corpusCaptures()
      .filter((path) => statSync(path).size <= 64 * 1024)
      .flatMap((path) => {
        const bytes = readFileSync(path);
        const format = detectCaptureFormat(bytes.subarray(0, 4096)).format;
        return format === 'pcap' || format === 'pcapng' ? [{ bytes, format }] : [];
      });
    const kinds: Mutation[] = ['bit-flips', 'truncation', 'gigabyte-record', 'pcapng-block-length'];
    const counts = { tried: 0, reported: 0, refused: 0 };
    for (let index = 0; index < 400; index++) {
      const kind = kinds[index % kinds.length]!;
      const pool = kind.startsWith('pcapng') ? bases.filter((base) => base.format === 'pcapng') : bases;
      const base = pool[random(pool.length)]!;
      const path = join(folder, `mutant-${index}.pcap`);
      writeFileSync(path, mutate(base.bytes, base.format, kind, random));
      counts.tried++;
      try {
        const { analysis, timeline } = await analyzeFiles([path]);
        expect(renderMarkdown({ analysis, timeline })).toContain('#');
        expect(renderHtml({ analysis, timeline })).toContain('</html>');
        counts.reported++;
      } catch (error) {
        expect(error, `${kind} #${index}: ${(error as Error).stack}`).toBeInstanceOf(CaptureFileError);
        const message = (error as Error).message;
        expect(message.startsWith(`${path}: `), message).toBe(true);
        expect(message).toMatch(/at byte \d+/);
        expect(message).not.toContain('\n');
        counts.refused++;
      }
    }
    expect(counts.reported).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
    recordFigure('loading-path', {
      order: 2.5,
      item: 'Mutated captures written as files, through analyzeFiles (the app and `netmortem analyze` pipeline) and the Markdown and HTML reports',
      tried: `${counts.tried} files: bit flips, truncations, gigabyte record lengths, pcapng bogus block lengths`,
      inputs: counts.tried,
      held: `${counts.reported} analysed and both reports rendered; ${counts.refused} refused with one CaptureFileError line "<path>: ... at byte N"; nothing else thrown`,
      command: 'npx vitest run test/hostile/loading-path.test.ts',
    });
  });
});
