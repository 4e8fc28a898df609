// Browser mode with a page that holds the token, asks for large pages of events and never
// reads the answers. Before the fix every answer went straight into ws's send buffer, so the
// server held every answer it was asked for (issue #6). Now answers wait for the socket to
// drain (electron/node/serve/request-pacer.ts): the server's unsent bytes stay under the
// limit plus one answer, another connection is served meanwhile, and the stalled page gets
// every answer once it reads again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsentLimitBytes } from '../../electron/node/serve/paced-sender';
import { maximumRunningRequests } from '../../electron/node/serve/request-pacer';
import type { Service } from '../../electron/node/service/service-types';
import type { ConnectionStats } from '../../electron/node/serve/websocket-bridge';
import type { RunningServer } from '../../electron/node/serve/server';
import { recordFigure } from './support/figures';
import { startLoadedServer, type LoadedServer } from './support/loaded-server';
import { RawWebSocket } from './support/raw-web-socket';
import { WireClient, type Answer } from './support/wire-client';

const packets = 40_000;
const pageEvents = 10_000;
const unreadRequests = 60;
/** Sent once the server has stopped reading. */
const laterRequests = 500;
/** A server frame's header is at most 10 bytes (RFC 6455 §5.2, unmasked). */
const frameHeaderBytes = 10;
const mebibytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

let loaded: LoadedServer;
let service: Service;
let server: RunningServer;
let sessionId: string;
let totalEvents: number;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const request = (id: number, name: string, args: unknown): string =>
  JSON.stringify({ type: 'request', id, name, args });

beforeAll(async () => {
  loaded = await startLoadedServer({ name: 'unread-answers', packets, seed: 13 });
  ({ service, server, sessionId } = loaded);
  const session = await service.call('getSession', {});
  if (!session.ok || session.value === null) throw new Error('no session');
  totalEvents = (session.value as { events: number }).events;
}, 120_000);

afterAll(async () => {
  await loaded?.close();
});

/** Samples the connections until two in a row are alike (the server has done what it can), at most 600 times. */
async function settled(): Promise<ConnectionStats[]> {
  let last = '';
  for (let sample = 0; sample < 600; sample++) {
    await pause(50);
    const now = server.connections();
    const shown = JSON.stringify(
      now.map(({ unsentBytes, waitingRequests, runningRequests, heldAnswers }) => [
        unsentBytes,
        waitingRequests,
        runningRequests,
        heldAnswers,
      ]),
    );
    if (shown === last) return now;
    last = shown;
  }
  throw new Error(`the connections never settled: ${last}`);
}

describe('a browser-mode page that asks and never reads', () => {
  it('holds the server to its bound, serves others meanwhile, and delivers everything once the page reads', async () => {
    const polite = await WireClient.open(server.port, server.token);
    const hostile = await RawWebSocket.open(server.port, server.token);
    try {
      const page = { sessionId, offset: 0, limit: pageEvents };
      const sample = (await polite.ask(request(1, 'getEvents', page)))!;
      expect(sample.envelope?.ok).toBe(true);
      const answerBytes = Buffer.byteLength(JSON.stringify(sample));
      expect(answerBytes * unreadRequests, 'the test must ask for far more than the bound').toBeGreaterThan(
        8 * unsentLimitBytes,
      );

      hostile.pauseReading();
      for (let id = 0; id < unreadRequests; id++)
        hostile.send(
          request(id, 'getEvents', { ...page, offset: (id * 997) % Math.max(1, totalEvents - pageEvents) }),
        );
      const stalled = await settled();
      expect(stalled.length).toBe(2);
      const bad = stalled[1]!;

      // Another connection keeps being served while the stalled one waits.
      let servedMeanwhile = 0;
      for (let round = 0; round < 5; round++) {
        const answer: Answer | undefined = await polite.ask(
          request(100 + round, round % 2 === 0 ? 'getEvents' : 'getSession', round % 2 === 0 ? page : {}),
        );
        expect(answer?.id).toBe(100 + round);
        expect(answer?.envelope?.ok).toBe(true);
        servedMeanwhile++;
      }
      // More requests while it stalls stay in the kernel's buffers: the server reads none of them.
      for (let id = 0; id < laterRequests; id++) hostile.send(request(unreadRequests + id, 'getSession', {}));
      const during = (await settled())[1]!;
      expect(during.waitingRequests).toBe(bad.waitingRequests);
      expect(during.runningRequests).toBe(bad.runningRequests);
      expect(during.heldAnswers).toBe(bad.heldAnswers);

      const bound = unsentLimitBytes + bad.largestMessageBytes + frameHeaderBytes;
      expect(bad.peakUnsentBytes, `peak ${bad.peakUnsentBytes} over the bound ${bound}`).toBeLessThanOrEqual(
        bound,
      );
      expect(during.peakUnsentBytes).toBeLessThanOrEqual(bound);
      expect(bad.heldAnswers).toBeLessThanOrEqual(maximumRunningRequests);
      expect(bad.paused).toBe(true);
      expect(bad.stalls).toBeGreaterThan(0);
      expect(hostile.closed).toBe(false);

      // The page reads again: every answer arrives, each id once, none cut off.
      hostile.resumeReading();
      await hostile.waitForTexts(unreadRequests + laterRequests);
      expect(hostile.closed).toBe(false);
      expect(hostile.closeCode).toBeUndefined();
      const answers = hostile.texts.map((text) => JSON.parse(text) as Answer);
      expect(answers.length).toBe(unreadRequests + laterRequests);
      expect(new Set(answers.map((answer) => answer.id)).size).toBe(unreadRequests + laterRequests);
      for (const answer of answers) {
        expect(answer.envelope?.ok).toBe(true);
        if (Number(answer.id) < unreadRequests)
          expect((answer.envelope?.value as { events: unknown[] }).events.length).toBe(pageEvents);
      }
      // The one message over the limit was one of these answers: the bound is the limit plus one answer.
      const largestAnswer = Math.max(...hostile.texts.map((text) => Buffer.byteLength(text)));
      expect(bad.largestMessageBytes).toBeLessThanOrEqual(largestAnswer);
      const after = await settled();
      expect(after[1]).toMatchObject({
        waitingRequests: 0,
        runningRequests: 0,
        heldAnswers: 0,
        paused: false,
      });
      expect(after[1]!.peakUnsentBytes).toBeLessThanOrEqual(bound);

      recordFigure('websocket-unread-answers', {
        order: 4.6,
        item: 'A browser-mode page holding the token that asks for large pages and never reads the answers (electron/node/serve/request-pacer.ts)',
        tried: `a raw WebSocket on a paused TCP socket sent ${unreadRequests} getEvents requests of ${pageEvents.toLocaleString('en')} events (${mebibytes(answerBytes)} each, ${mebibytes(answerBytes * unreadRequests)} in all) of a ${packets.toLocaleString('en')}-packet capture; then ${laterRequests} getSession requests more while stalled; meanwhile ${servedMeanwhile} requests on another connection; then it read again`,
        inputs: unreadRequests + laterRequests,
        held: `the server's unsent bytes for it peaked at ${mebibytes(bad.peakUnsentBytes)} (bound: the ${mebibytes(unsentLimitBytes)} limit plus one answer, ${mebibytes(bound)}); ${bad.heldAnswers} answer(s) held, ${bad.waitingRequests} requests read and waiting (what ws had read before it paused), reading paused: the ${laterRequests} later requests stayed unread in the kernel; the other connection got all ${servedMeanwhile} answers meanwhile; once it read, all ${answers.length} answers arrived, each id once, the socket never closed`,
        command: 'npx vitest run test/hostile/websocket-unread-answers.test.ts',
      });
    } finally {
      hostile.close();
      polite.close();
    }
  }, 300_000);
});
