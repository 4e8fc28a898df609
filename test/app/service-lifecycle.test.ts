// Batching (at most one batch per 100 ms), cancelling a load, replacing and disposing sessions.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutcomeUpdate, TimelineEvent } from '../../electron/common/analysis/timeline-event';
import { EventBatcher } from '../../electron/node/service/event-batcher';
import { queryEvent } from '../support/query-event';
import { writeScenarioPcap } from './support/scenario-pcap';
import { startHarness, type Harness } from './support/service-harness';

const event = (frame: number): TimelineEvent => queryEvent(frame, { line: `line ${frame}` });

describe('event batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes events on at most once per 100 ms, in order, losing none', async () => {
    const batches: { at: number; events: TimelineEvent[]; updates: OutcomeUpdate[] }[] = [];
    const batcher = new EventBatcher((events, updates) => batches.push({ at: Date.now(), events, updates }));
    let frame = 0;
    // 2 seconds of a source that hands over events every 5 ms.
    for (let tick = 0; tick < 400; tick += 1) {
      batcher.add([event(++frame), event(++frame)], [{ frame, outcome: 'icmp-failed' }]);
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(batches.flatMap((batch) => batch.events.map((item) => item.frame))).toEqual(
      Array.from({ length: 800 }, (_, index) => index + 1),
    );
    expect(batches.flatMap((batch) => batch.updates)).toHaveLength(400);
    for (let index = 1; index < batches.length; index += 1)
      expect(batches[index]!.at - batches[index - 1]!.at).toBeGreaterThanOrEqual(100);
    expect(batches.length).toBeLessThanOrEqual(21);
  });

  it('settles once the last batch is out, and says nothing after dispose', async () => {
    const emitted: number[] = [];
    const batcher = new EventBatcher((events) => emitted.push(events.length));
    batcher.add([event(1)], []);
    const settled = batcher.settled();
    await vi.advanceTimersByTimeAsync(0);
    await settled;
    expect(emitted).toEqual([1]);
    batcher.add([event(2)], []);
    batcher.dispose();
    await vi.advanceTimersByTimeAsync(500);
    expect(emitted).toEqual([1]);
  });
});

describe('service sessions', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('batches a big file into far fewer batches than events', async () => {
    const path = join(harness.folder, 'big.pcap');
    await writeScenarioPcap(path, 4000);
    const started = Date.now();
    const session = (await harness.value('openFiles', { paths: [path] })) as { id: string };
    await harness.next('sessionEnded', (payload) => payload.sessionId === session.id);
    const elapsed = Date.now() - started;
    const batches = harness.events.filter((item) => item.name === 'batch');
    const events = batches.reduce(
      (total, item) => total + (item.name === 'batch' ? item.payload.events.length : 0),
      0,
    );
    expect(events).toBe(24_000);
    // At most one batch per 100 ms of the load, whatever the rate the analysis hands them over.
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    expect(harness.events.some((item) => item.name === 'progress')).toBe(true);
  });

  it('cancels a load', async () => {
    const path = join(harness.folder, 'big.pcap');
    await writeScenarioPcap(path, 40_000);
    const session = (await harness.value('openFiles', { paths: [path] })) as { id: string };
    expect(await harness.value('cancelLoad', {})).toMatchObject({ id: session.id });
    expect(await harness.next('sessionEnded', (payload) => payload.sessionId === session.id)).toMatchObject({
      state: 'cancelled',
    });
    expect(await harness.value('getAnalysis', {})).toBeNull();
  });

  it('replaces a loading session with a new one, which alone is heard from', async () => {
    const big = join(harness.folder, 'big.pcap');
    const small = join(harness.folder, 'small.pcap');
    await writeScenarioPcap(big, 40_000);
    await writeScenarioPcap(small);
    const first = (await harness.value('openFiles', { paths: [big] })) as { id: string };
    const second = (await harness.value('openFiles', { paths: [small] })) as { id: string };
    await harness.next('sessionEnded', (payload) => payload.sessionId === second.id);
    expect(await harness.value('getSession', {})).toMatchObject({ id: second.id, state: 'done', packets: 6 });
    const afterReplace = harness.events.slice(
      harness.events.findIndex((item) => item.name === 'session' && item.payload.id === second.id),
    );
    expect(
      afterReplace.every((item) => !('sessionId' in item.payload) || item.payload.sessionId === second.id),
    ).toBe(true);
    expect(afterReplace.every((item) => item.name !== 'session' || item.payload.id === second.id)).toBe(true);
    expect(first.id).not.toBe(second.id);
  });

  it('refuses every call once disposed, and disposes twice without harm', async () => {
    await harness.service.dispose();
    await harness.service.dispose();
    expect(await harness.service.call('getSession', {})).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'the service has shut down' },
    });
  });
});
