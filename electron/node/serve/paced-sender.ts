/**
 * Sends pushed events to one WebSocket without letting a slow page pile up unsent bytes:
 * while the socket has more than `limitBytes` waiting, events queue here instead (in order,
 * consecutive batches of a session merged, up to a size), and go out as the page catches up.
 * Nothing is dropped, so a page that falls behind on a million events still ends up with
 * every event and every outcome update. Chromium's WebSocket flow control is what makes the
 * server's bufferedAmount grow when the page is busy.
 */
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../common/ipc/wire';
import type { PushedEvent } from '../service/service-types';

/**
 * Unsent bytes above which nothing more is handed to a connection's socket: events wait in
 * this queue, answers in request-pacer.ts. 8 MiB holds a few seconds of a fast capture's
 * batches, so a page that reads keeps a full pipe, while one that stops reading costs the
 * server at most this much plus the one message that crossed it.
 */
export const unsentLimitBytes = 8 * 1024 * 1024;
/** A merged batch stops growing here, so no single message gets huge. */
const maximumMergedEvents = 50_000;
/** How often a waiting queue looks at the socket again (and so at most 10 sends a second). */
const retryMs = 100;

export class PacedSender {
  private readonly queue: PushedEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The most unsent bytes seen right after a send (where the count peaks), and the largest message. */
  peakUnsentBytes = 0;
  largestMessageBytes = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly limitBytes = unsentLimitBytes,
  ) {}

  /**
   * Sends at once, whatever is unsent: callers check the limit first. `written` runs once the
   * message has left for the kernel (ws's send callback), which is when unsent bytes drop.
   */
  sendNow(message: ServerMessage, written?: () => void): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const text = JSON.stringify(message);
    this.socket.send(text, written ? () => written() : undefined);
    this.largestMessageBytes = Math.max(this.largestMessageBytes, Buffer.byteLength(text));
    this.peakUnsentBytes = Math.max(this.peakUnsentBytes, this.socket.bufferedAmount);
  }

  push(event: PushedEvent): void {
    const last = this.queue[this.queue.length - 1];
    if (
      last?.name === 'batch' &&
      event.name === 'batch' &&
      last.payload.sessionId === event.payload.sessionId &&
      last.payload.events.length + event.payload.events.length <= maximumMergedEvents
    ) {
      this.queue[this.queue.length - 1] = {
        name: 'batch',
        payload: {
          sessionId: last.payload.sessionId,
          events: [...last.payload.events, ...event.payload.events],
          updates: [...last.payload.updates, ...event.payload.updates],
        },
      };
    } else {
      this.queue.push(event);
    }
    this.flush();
  }

  /** Unsent events waiting here (for tests and diagnostics). */
  get waiting(): number {
    return this.queue.length;
  }

  private flush(): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    while (this.queue.length > 0 && this.socket.bufferedAmount <= this.limitBytes) {
      const event = this.queue.shift()!;
      this.sendNow({ type: 'event', ...event });
    }
    if (this.queue.length > 0)
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, retryMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }
}
