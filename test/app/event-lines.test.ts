// getEventLines: the service prints an event's tcpdump line on demand, and it reads exactly as
// the line the analysis prints with eventLines on (what the app's events carried before).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  eventPageSchema,
  sessionInfoSchema,
  type SessionInfo,
} from '../../electron/common/ipc/payload-schemas';
import { requests } from '../../electron/common/ipc/contract';
import { analyzeFiles } from '../../electron/node/analysis/analyze-files';
import { writeSyntheticCapture } from '../../bench/synthetic-capture';
import { writeScenarioPcap } from './support/scenario-pcap';
import { startHarness, type Harness } from './support/service-harness';

const scenarioLog = join(__dirname, '../../../shared/scenario/seed-tcpdump-log.txt');
const corpus = join(__dirname, '../../../shared/corpus');

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

async function open(paths: string[], date?: string): Promise<SessionInfo> {
  const session = sessionInfoSchema.parse(
    await harness.value('openFiles', { paths, ...(date ? { date } : {}) }),
  );
  expect(await harness.next('sessionEnded', (payload) => payload.sessionId === session.id)).toMatchObject({
    state: 'done',
  });
  return session;
}

/** Every line the service answers for the session's events, asked in calls of at most 500 frames. */
async function serviceLines(sessionId: string): Promise<Map<number, string>> {
  const page = eventPageSchema.parse(
    await harness.value('getEvents', { sessionId, offset: 0, limit: 200_000 }),
  );
  expect(page.events.every((event) => event.line === '')).toBe(true);
  const frames = page.events.map((event) => event.frame);
  const lines = new Map<number, string>();
  for (let start = 0; start < frames.length; start += 500) {
    const answer = requests.getEventLines.result.parse(
      await harness.value('getEventLines', { sessionId, frames: frames.slice(start, start + 500) }),
    );
    expect(answer.sessionId).toBe(sessionId);
    for (const { frame, line } of answer.lines) lines.set(frame, line);
  }
  return lines;
}

/** The lines the analysis prints itself, with eventLines on. */
async function analysisLines(paths: string[], date?: string): Promise<Map<number, string>> {
  const { events } = await analyzeFiles(paths, {
    events: true,
    eventLines: true,
    timeline: false,
    ...(date ? { date } : {}),
  });
  return new Map(events!.map((event) => [event.frame, event.line]));
}

describe('getEventLines', () => {
  it('answers the scenario log’s lines as the analysis prints them: the packets’ own text', async () => {
    const session = await open([scenarioLog], '2026-11-25');
    const lines = await serviceLines(session.id);
    expect(lines).toEqual(await analysisLines([scenarioLog], '2026-11-25'));
    expect(lines.get(1)).toBe(
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)',
    );
    expect(lines.get(2)).toBe(
      '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254',
    );
  });

  it('answers a pcap’s lines as the analysis prints them', async () => {
    const path = join(harness.folder, 'scenario.pcap');
    await writeScenarioPcap(path, 2);
    const session = await open([path]);
    const lines = await serviceLines(session.id);
    expect(lines.size).toBe(12);
    expect(lines).toEqual(await analysisLines([path]));
    expect(lines.get(1)).toMatch(
      /^13:24:32\.192571 IP 192\.51\.100\.15\.52444 > 203\.0\.113\.2\.53: 35084\+ A\? yummyrecipesforme\.com\./,
    );
  });

  it('answers the lines of a synthetic capture with every kind of event, over many calls', async () => {
    const path = join(harness.folder, 'synthetic.pcap');
    writeSyntheticCapture(path, { packets: 3000, seed: 11 });
    const session = await open([path]);
    const lines = await serviceLines(session.id);
    expect(lines.size).toBeGreaterThan(1000);
    expect(lines).toEqual(await analysisLines([path]));
  });

  it.each([
    'tcpdump/dnssec.pcap',
    'tcpdump/edns-opts.pcap',
    'zeek/Traces/dns/long-connection.pcap',
    'zeek/Traces/dns/tkey.pcap',
    'tcpdump/dns-badlabel.pcap',
    'zeek/Traces/dns-edns-ecs.pcap',
  ])('answers the lines of the corpus capture %s', async (name) => {
    const path = join(corpus, name);
    const session = await open([path]);
    const lines = await serviceLines(session.id);
    expect(lines.size).toBeGreaterThan(0);
    expect(lines).toEqual(await analysisLines([path]));
  });

  it('answers the lines of several files as one capture, text log and pcap together, in any order asked', async () => {
    const path = join(harness.folder, 'scenario.pcap');
    await writeScenarioPcap(path);
    const session = await open([scenarioLog, path, scenarioLog], '2026-11-25');
    const expected = await analysisLines([scenarioLog, path, scenarioLog], '2026-11-25');
    expect(expected.size).toBe(18);
    const answer = requests.getEventLines.result.parse(
      await harness.value('getEventLines', { sessionId: session.id, frames: [18, 7, 1, 12, 7, 13, 6, 2] }),
    );
    // Ascending, each frame once.
    expect(answer.lines.map((entry) => entry.frame)).toEqual([1, 2, 6, 7, 12, 13, 18]);
    for (const { frame, line } of answer.lines) expect(line).toBe(expected.get(frame));
  });

  it('leaves out frames the capture does not hold and refuses another session', async () => {
    const session = await open([scenarioLog], '2026-11-25');
    const answer = requests.getEventLines.result.parse(
      await harness.value('getEventLines', { sessionId: session.id, frames: [6, 7, 1_000_000] }),
    );
    expect(answer.lines.map((entry) => entry.frame)).toEqual([6]);
    expect(await harness.service.call('getEventLines', { sessionId: 'another', frames: [1] })).toMatchObject({
      ok: false,
      error: { code: 'no-session' },
    });
  });

  it.each([
    [{ sessionId: 'x', frames: [] }],
    [{ sessionId: 'x', frames: [0] }],
    [{ sessionId: 'x', frames: [1.5] }],
    [{ sessionId: 'x', frames: ['1'] }],
    [{ sessionId: 'x', frames: Array.from({ length: 501 }, (_, index) => index + 1) }],
    [{ sessionId: 'x'.repeat(101), frames: [1] }],
    [{ frames: [1] }],
    [{ sessionId: 'x', frames: [1], extra: true }],
  ])('refuses getEventLines(%j) with a validation error', async (args) => {
    expect(await harness.service.call('getEventLines', args)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });
});
