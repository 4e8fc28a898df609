// What a renderer reloaded during a live capture does, at the service: subscribe afresh, ask
// getSession (still capturing), page the events already captured, then take the live batches;
// together they hold every event once, and stopCapture from the new renderer ends the capture
// with no helper left. Traffic: DNS queries to 127.0.0.1:53, where nothing listens.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../electron/common/analysis/timeline-event';
import { eventPageSchema, sessionInfoSchema } from '../../electron/common/ipc/payload-schemas';
import type { PushedEvent } from '../../electron/node/service/service-types';
import { queryClosedPort } from '../e2e/support/dns-queries';
import { ourHelpers } from '../hostile/support/our-helpers';
import { startHarness, type Harness } from './support/service-harness';

const root = join(__dirname, '..', '..');
const runs = existsSync(join(root, 'native/build/netmortem-capture')) && process.getuid?.() === 0;
if (!runs)
  console.warn('live-reload test skipped: live capture needs root and the built helper (npm run setup)');

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const named = (events: readonly TimelineEvent[], name: string): number =>
  events.filter((event) => event.name === name).length;

describe.skipIf(!runs)('a renderer reloaded during a live capture', () => {
  it('gets the running session, its events so far, the live ones after, and stops it', async () => {
    const before = `before-${process.pid}.service-reload.example`;
    const after = `after-${process.pid}.service-reload.example`;
    const started = sessionInfoSchema.parse(
      await harness.value('startCapture', { interface: 'lo', filter: 'udp port 53 or icmp' }),
    );
    const streamed = (): TimelineEvent[] =>
      harness.events.flatMap((event) => (event.name === 'batch' ? event.payload.events : []));
    // The helper's first counters: it has opened lo, so the queries below are captured.
    await harness.next('stats');
    await queryClosedPort(3, 100, before);
    await harness.next('batch', () => named(streamed(), before) >= 6);

    // The reloaded renderer: a new subscriber, then the session and its pages.
    const fresh: PushedEvent[] = [];
    const unsubscribe = harness.service.subscribe((event) => fresh.push(event));
    const session = sessionInfoSchema.parse(await harness.value('getSession', {}));
    expect(session).toMatchObject({ id: started.id, kind: 'capture', state: 'capturing', interface: 'lo' });
    const paged: TimelineEvent[] = [];
    for (let offset = 0, pages = 0; pages < 1000; pages++) {
      const page = eventPageSchema.parse(
        await harness.value('getEvents', { sessionId: session.id, offset, limit: 2 }),
      );
      paged.push(...page.events);
      offset += page.events.length;
      if (page.events.length === 0 || offset >= page.total) break;
    }
    expect(named(paged, before)).toBe(6);

    await queryClosedPort(3, 100, after);
    const freshEvents = (): TimelineEvent[] =>
      fresh.flatMap((event) => (event.name === 'batch' ? event.payload.events : []));
    await harness.next('batch', () => named(freshEvents(), after) >= 6);
    expect(named(freshEvents(), after)).toBe(6);

    const stopped = sessionInfoSchema.parse(await harness.value('stopCapture', {}));
    expect(stopped.state).toBe('done');
    expect(
      fresh.some((event) => event.name === 'sessionEnded' && event.payload.sessionId === session.id),
    ).toBe(true);
    unsubscribe();
    // Pages and live batches together: every event the service logged, by frame, once.
    const total = eventPageSchema.parse(
      await harness.value('getEvents', { sessionId: session.id, offset: 0, limit: 200_000 }),
    );
    const seen = new Set([...paged, ...freshEvents()].map((event) => event.frame));
    expect([...seen].sort((a, b) => a - b)).toEqual(total.events.map((event) => event.frame));
    expect(ourHelpers()).toEqual([]);
  }, 60_000);
});
