// A page that stops reading its WebSocket gets every event once it reads again, merged into
// fewer messages, and the server holds no more than about the limit in unsent bytes meanwhile.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { TimelineEvent } from '../../electron/common/analysis/timeline-event';
import { PacedSender } from '../../electron/node/serve/paced-sender';
import { queryEvent } from '../support/query-event';

const event = (frame: number): TimelineEvent =>
  queryEvent(frame, { name: 'x'.repeat(200), line: 'y'.repeat(200) });

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('paced sender', () => {
  it('queues and merges while the reader stalls, and delivers everything in order', async () => {
    server = createServer();
    const sockets = new WebSocketServer({ server });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const accepted = new Promise<WebSocket>((resolve) => sockets.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: { events: number[]; name: string }[] = [];
    client.on('message', (data) => {
      const message = JSON.parse(String(data)) as { name: string; payload: { events?: TimelineEvent[] } };
      received.push({ name: message.name, events: (message.payload.events ?? []).map((item) => item.frame) });
    });
    await new Promise((resolve) => client.once('open', resolve));
    const socket = await accepted;
    const limit = 64 * 1024;
    const sender = new PacedSender(socket, limit);

    // The reader stops reading: TCP fills, then ws keeps the rest in bufferedAmount.
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    let frame = 0;
    for (let batch = 0; batch < 400; batch += 1) {
      sender.push({
        name: 'batch',
        payload: { sessionId: 's', events: Array.from({ length: 20 }, () => event(++frame)), updates: [] },
      });
    }
    sender.push({ name: 'sessionEnded', payload: { sessionId: 's', state: 'done', message: null } });
    expect(sender.waiting).toBeGreaterThan(0);
    expect(socket.bufferedAmount).toBeLessThan(limit + 64 * 1024);

    (client as unknown as { _socket: { resume(): void } })._socket.resume();
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (received.some((message) => message.name === 'sessionEnded')) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
    const frames = received.flatMap((message) => message.events);
    expect(frames).toEqual(Array.from({ length: 8000 }, (_, index) => index + 1));
    expect(received[received.length - 1]!.name).toBe('sessionEnded');
    expect(received.filter((message) => message.name === 'batch').length).toBeLessThan(400);
    sender.dispose();
    client.close();
    sockets.close();
  });
});
