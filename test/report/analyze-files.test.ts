// The Node pipeline on real pcap files: several files in one analysis, frames numbered in
// sequence, the timeline buckets and the events with their final outcomes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pcapFile } from '../../electron/common/capture/pcap-writer';
import { LinkType } from '../../electron/common/model/frame';
import { analysisSchema } from '../../electron/common/report/analysis-schema';
import { renderHtml } from '../../electron/common/report/html';
import { renderMarkdown } from '../../electron/common/report/markdown';
import { queryTotal } from '../../electron/common/report/timeline-buckets';
import { analyzeFiles } from '../../electron/node/analysis/analyze-files';
import { mixedCapture } from './fixtures/kind-captures';

const folder = mkdtempSync(join(tmpdir(), 'netmortem-pipeline-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The mixed capture split in two pcap files at frame 100. */
function writeSplitCapture(): [string, string] {
  const frames = mixedCapture().frameList();
  const first = join(folder, 'part-1.pcap');
  const second = join(folder, 'part-2.pcap');
  writeFileSync(first, pcapFile({ linkType: LinkType.EN10MB }, frames.slice(0, 100)));
  writeFileSync(second, pcapFile({ linkType: LinkType.EN10MB }, frames.slice(100)));
  return [first, second];
}

describe('analyzeFiles', () => {
  const paths = writeSplitCapture();

  it('reads several files as one capture, numbering frames in sequence', async () => {
    const progress: number[] = [];
    const { analysis } = await analyzeFiles(paths, {
      onProgress: (update) => progress.push(update.bytesRead),
    });
    expect(analysisSchema.parse(analysis)).toEqual(analysis);
    expect(
      analysis.capture.files.map((file) => [file.path, file.format, file.packets, file.linkTypes]),
    ).toEqual([
      [paths[0], 'pcap', 100, ['EN10MB']],
      [paths[1], 'pcap', 50, ['EN10MB']],
    ]);
    expect(analysis.capture.files[1]!.sha256).toBe(
      createHash('sha256').update(readFileSync(paths[1])).digest('hex'),
    );
    expect(analysis.capture.packets).toBe(150);
    const [incident] = analysis.incidents;
    expect(incident).toMatchObject({
      kind: 'dns-port-unreachable',
      queries: 15,
      icmpErrors: 15,
      recovered: '2026-11-25T13:01:30.015000Z',
    });
    // Frame 61 (the query at 60 s) is in the first file, frame 101 onwards in the second.
    expect(incident!.evidence[0]!.frame).toBe(61);
    expect(progress[progress.length - 1]).toBe(readFileSync(paths[0]).length + readFileSync(paths[1]).length);
  });

  it('counts the timeline and keeps every event with its final outcome', async () => {
    const { analysis, timeline, events } = await analyzeFiles(paths, { events: true });
    expect(timeline.reduce((sum, bucket) => sum + queryTotal(bucket), 0)).toBe(75);
    expect(timeline.reduce((sum, bucket) => sum + bucket.queries['icmp-failed'], 0)).toBe(15);
    expect(timeline.reduce((sum, bucket) => sum + bucket.queries.answered, 0)).toBe(60);
    const queries = events!.filter((event) => event.kind === 'dns-query');
    expect(queries).toHaveLength(75);
    expect(queries.filter((event) => event.outcome === 'icmp-failed')).toHaveLength(15);
    expect(events!.map((event) => event.frame)).toEqual(
      [...events!.map((event) => event.frame)].sort((a, b) => a - b),
    );

    const markdown = renderMarkdown({ analysis, timeline });
    expect(markdown).toContain('it answered normally again at 13:01:30.015000 UTC.');
    expect(markdown).toMatch(
      /\| 13:01:30\.015000 \| {2,}\| Service recovers \| inc-1: first success after the failures \|/,
    );
    const svg = /<svg[\s\S]*?<\/svg>/.exec(renderHtml({ analysis, timeline }))![0];
    expect(svg).toContain('class="query answered"');
    expect(svg).toContain('class="query icmp-failed"');
    expect(svg).toContain('class="incident-band"');
  });

  it('skips the events when no timeline is wanted', async () => {
    const { timeline, events } = await analyzeFiles(paths, { timeline: false });
    expect(timeline).toEqual([]);
    expect(events).toBeUndefined();
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort(new Error('cancelled by the test'));
    await expect(analyzeFiles(paths, { signal: abort.signal })).rejects.toThrow('cancelled by the test');
  });
});
