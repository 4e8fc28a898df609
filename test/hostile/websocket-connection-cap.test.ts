// Browser mode with a page that holds the token and opens WebSocket after WebSocket, asking
// for large pages on each and reading none. Each connection was bounded on its own
// (request-pacer.ts), but nothing bounded how many there were, so the server's unsent bytes
// grew with every socket (issue #6). Now the server holds at most maximumConnections
// (electron/node/serve/connection-slots.ts) and refuses the next upgrade with 503; a slot
// frees however a socket closes, and the next connection is served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tokenProtocolPrefix, webSocketProtocol } from '../../electron/common/ipc/wire';
import { maximumConnections } from '../../electron/node/serve/connection-slots';
import { unsentLimitBytes } from '../../electron/node/serve/paced-sender';
import { maximumRunningRequests } from '../../electron/node/serve/request-pacer';
import type { ConnectionStats } from '../../electron/node/serve/websocket-bridge';
import type { Service } from '../../electron/node/service/service-types';
import type { RunningServer } from '../../electron/node/serve/server';
import { recordFigure } from './support/figures';
import { startLoadedServer, type LoadedServer } from './support/loaded-server';
import { RawWebSocket } from './support/raw-web-socket';
import { upgradeAnswer } from './support/upgrade-answer';
import { WireClient, type Answer } from './support/wire-client';

const packets = 40_000;
const pageEvents = 2_500;
/** Far more than one connection's bound plus what the kernel buffers on loopback: each socket stalls at its limit. */
const requestsPerConnection = 40;
/** Upgrades tried while every slot is taken. */
const refusedAttempts = 4 * maximumConnections;
/** A server frame's header is at most 10 bytes (RFC 6455 §5.2, unmasked). */
const frameHeaderBytes = 10;
const maximumMessageBytes = 16 * 1024 * 1024;
const mebibytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

let loaded: LoadedServer;
let service: Service;
let server: RunningServer;
let sessionId: string;
const logged: string[] = [];

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const request = (id: number, name: string, args: unknown): string =>
  JSON.stringify({ type: 'request', id, name, args });

beforeAll(async () => {
  loaded = await startLoadedServer({
    name: 'connection-cap',
    packets,
    seed: 17,
    log: (line) => logged.push(line),
  });
  ({ service, server, sessionId } = loaded);
}, 120_000);

afterAll(async () => {
  await loaded?.close();
});

/** Samples the server until `done` holds, at most 600 times; says what it last saw otherwise. */
async function until(what: string, done: () => boolean): Promise<void> {
  for (let sample = 0; sample < 600; sample++) {
    if (done()) return;
    await pause(50);
  }
  throw new Error(
    `${what} never happened: slots ${JSON.stringify(server.slots())}, connections ${JSON.stringify(server.connections())}`,
  );
}

/** Whether a connection has done all it can for a page that does not read: over its limit, reading paused, nothing running. */
const stalledAtLimit = (stats: ConnectionStats | undefined): boolean =>
  stats !== undefined && stats.paused && stats.unsentBytes > unsentLimitBytes && stats.runningRequests === 0;

/** A slot is free: opens a connection the way the renderer does and asks it something. */
async function servedAfterFree(id: number): Promise<WireClient> {
  const client = await WireClient.open(server.port, server.token);
  const answer: Answer | undefined = await client.ask(request(id, 'getSession', {}));
  expect(answer?.id).toBe(id);
  expect(answer?.envelope?.ok).toBe(true);
  return client;
}

/** Every slot taken: one more upgrade gets 503 and the server closes it. */
async function expectRefused(): Promise<void> {
  const answer = await upgradeAnswer(server.port, server.token);
  expect(answer.status).toBe('HTTP/1.1 503 Service Unavailable');
  expect(answer.body).toContain(`at most ${maximumConnections} WebSockets`);
  expect(answer.closedByServer).toBe(true);
}

describe('a browser-mode page that opens WebSocket after WebSocket and reads none', () => {
  it('holds at most the cap, refuses the next with 503, and frees a slot however a socket closes', async () => {
    const page = { sessionId, offset: 0, limit: pageEvents };
    const sample = await service.call('getEvents', page);
    expect(sample.ok).toBe(true);
    const answerBytes = Buffer.byteLength(JSON.stringify({ type: 'response', id: 0, envelope: sample }));
    expect(
      answerBytes * requestsPerConnection,
      'each connection must ask for far more than its bound',
    ).toBeGreaterThan(3 * unsentLimitBytes);

    const stalled: RawWebSocket[] = [];
    const others: WireClient[] = [];
    const closers: (() => void)[] = [];
    try {
      // The cap's worth of pages that ask and never read, each left stalled at its limit.
      for (let index = 0; index < maximumConnections; index++) {
        const hostile = await RawWebSocket.open(server.port, server.token);
        stalled.push(hostile);
        hostile.pauseReading();
        for (let id = 0; id < requestsPerConnection; id++)
          hostile.send(request(id, 'getEvents', { ...page, offset: (id * 997) % (packets - pageEvents) }));
        await until(`connection ${index} stalling at its limit`, () =>
          stalledAtLimit(server.connections()[index]),
        );
      }
      const full = server.connections();
      expect(full.length).toBe(maximumConnections);
      expect(server.slots()).toEqual({
        open: maximumConnections,
        peak: maximumConnections,
        limit: maximumConnections,
        refused: 0,
      });
      const largestMessage = Math.max(...full.map((stats) => stats.largestMessageBytes));
      const perConnection = unsentLimitBytes + largestMessage + frameHeaderBytes;
      const bound = maximumConnections * perConnection;
      for (const stats of full) {
        expect(stats.peakUnsentBytes).toBeLessThanOrEqual(perConnection);
        expect(stats.heldAnswers).toBeLessThanOrEqual(maximumRunningRequests);
      }
      const unsentAtCap = full.reduce((sum, stats) => sum + stats.unsentBytes, 0);
      const heldAtCap = full.reduce((sum, stats) => sum + stats.heldAnswers, 0);
      expect(unsentAtCap).toBeLessThanOrEqual(bound);

      // Past the cap: every upgrade refused before it becomes a WebSocket, one line logged.
      for (let attempt = 0; attempt < refusedAttempts; attempt++) await expectRefused();
      await expect(WireClient.open(server.port, server.token)).rejects.toThrow('upgrade refused: 503');
      expect(server.slots()).toEqual({
        open: maximumConnections,
        peak: maximumConnections,
        limit: maximumConnections,
        refused: refusedAttempts + 1,
      });
      const afterRefusals = server.connections();
      expect(afterRefusals.length).toBe(maximumConnections);
      const unsentAfterRefusals = afterRefusals.reduce((sum, stats) => sum + stats.unsentBytes, 0);
      expect(unsentAfterRefusals).toBeLessThanOrEqual(bound);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(`refused a WebSocket with 503: ${maximumConnections} are open`);

      // 1. A stalled page goes away while the server has paused reading it, answers unsent.
      stalled.shift()!.close();
      await until(
        'the stalled socket freeing its slot',
        () => server.slots().open === maximumConnections - 1,
      );
      expect(server.connections().length).toBe(maximumConnections - 1);
      const first = await servedAfterFree(1);
      others.push(first);
      await expectRefused();

      // 2. A frame past the 16 MiB limit: ws closes the socket with 1009 (its error path).
      expect(await first.ask('x'.repeat(maximumMessageBytes + 1))).toBeUndefined();
      expect(first.closeCode).toBe(1009);
      await until(
        'the errored socket freeing its slot',
        () => server.slots().open === maximumConnections - 1,
      );
      const clean = new WebSocket(
        `ws://127.0.0.1:${server.port}/api/socket`,
        [webSocketProtocol, `${tokenProtocolPrefix}${server.token}`],
        { headers: { origin: `http://127.0.0.1:${server.port}` } },
      );
      clean.on('error', () => undefined);
      closers.push(() => clean.terminate());
      const cleanAnswer = await new Promise<Answer>((resolve) => {
        clean.once('message', (data) => resolve(JSON.parse(String(data)) as Answer));
        clean.once('open', () => clean.send(request(2, 'getSession', {})));
      });
      expect(cleanAnswer).toMatchObject({ id: 2, envelope: { ok: true } });
      await expectRefused();

      // 3. A close handshake, as a tab that closes sends it.
      const closeCode = await new Promise<number>((resolve) => {
        clean.once('close', (code) => resolve(code));
        clean.close(1000);
      });
      expect(closeCode).toBe(1000);
      await until('the closed socket freeing its slot', () => server.slots().open === maximumConnections - 1);
      others.push(await servedAfterFree(3));
      await expectRefused();
      expect(server.slots()).toEqual({
        open: maximumConnections,
        peak: maximumConnections,
        limit: maximumConnections,
        refused: refusedAttempts + 4,
      });
      // One line for each run of refusals: the first, and one after each slot freed.
      expect(logged).toHaveLength(4);

      // Everyone leaves: every slot comes back.
      for (const hostile of stalled.splice(0)) hostile.close();
      for (const client of others.splice(0)) client.close();
      await until('every slot freeing', () => server.slots().open === 0 && server.connections().length === 0);
      expect(server.slots().peak).toBe(maximumConnections);

      recordFigure('websocket-connection-cap', {
        order: 4.7,
        item: `A browser-mode page holding the token that opens WebSocket after WebSocket, asks on each and reads none (electron/node/serve/connection-slots.ts: at most ${maximumConnections} at once)`,
        tried: `${maximumConnections} raw WebSockets on paused TCP sockets, each sending ${requestsPerConnection} getEvents requests of ${pageEvents.toLocaleString('en')} events (${mebibytes(answerBytes)} each, ${mebibytes(answerBytes * requestsPerConnection)} per socket) and left stalled at its limit; then ${refusedAttempts} more upgrades on raw sockets and 1 through the ws client; then a slot freed 3 ways (the page of a paused, stalled socket went away; a frame past 16 MiB; a close handshake), each followed by a new connection and one more upgrade`,
        inputs: maximumConnections + refusedAttempts + 1 + 3 + 3,
        held: `never more than ${server.slots().peak} slots taken at once; the stalled ones held ${mebibytes(unsentAtCap)} unsent in all and ${heldAtCap} answers (bound: ${maximumConnections} times the ${mebibytes(unsentLimitBytes)} limit plus one answer, ${mebibytes(bound)}; at most ${maximumRunningRequests} answers each); all ${refusedAttempts + 4} upgrades past the cap refused with 503 before any WebSocket was built, and the server closed each; unsent bytes after them ${mebibytes(unsentAfterRefusals)}; ${logged.length} log lines (one per run of refusals); each of the 3 freed slots served a new connection's getSession; once everyone left, 0 slots taken`,
        command: 'npx vitest run test/hostile/websocket-connection-cap.test.ts',
      });
    } finally {
      for (const hostile of stalled) hostile.close();
      for (const client of others) client.close();
      for (const close of closers) close();
    }
  }, 300_000);
});
