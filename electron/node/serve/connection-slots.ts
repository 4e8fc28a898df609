/**
 * How many WebSockets browser mode holds at once. Each connection is bounded on its own
 * (paced-sender.ts, request-pacer.ts: its unsent bytes, its running requests), but a page
 * holding the token could open any number of them and read none: the cap makes the server's
 * worst case the per-connection bound times the cap (issue #6). Only upgrades that passed
 * request-guard.ts take a slot, so a page without the token cannot fill them.
 */
import type { Duplex } from 'node:stream';

/**
 * The renderer holds one WebSocket; a reload briefly holds two (the old page's closes as the
 * new page opens its own), and a few tabs on one server are legitimate. 16 is well past what
 * the app uses, and holds a page that never reads to 16 times one connection's bound.
 */
export const maximumConnections = 16;

export interface SlotStats {
  /** Upgrades holding a slot: open WebSockets, and handshakes ws is still completing. */
  open: number;
  /** The most slots ever taken at once. */
  peak: number;
  limit: number;
  /** Upgrades refused because every slot was taken, since the server started. */
  refused: number;
}

export class ConnectionSlots {
  private open = 0;
  private peak = 0;
  private refused = 0;
  /** Refusals since a slot last freed: only the first of each run is logged. */
  private refusedWhileFull = 0;

  constructor(
    private readonly log: (line: string) => void,
    readonly limit = maximumConnections,
  ) {}

  get stats(): SlotStats {
    return { open: this.open, peak: this.peak, limit: this.limit, refused: this.refused };
  }

  /**
   * Takes a slot for an upgrade's TCP socket, or returns false when every slot is taken. The
   * slot goes back when that socket closes, whatever closed it: a close handshake, ws closing
   * it for a bad frame (1002/1007/1009), terminate(), a handshake ws aborted, or the page
   * going away while request-pacer.ts had paused reading (the unsent bytes then fail to
   * write, which destroys the socket).
   */
  take(socket: Duplex): boolean {
    if (this.open >= this.limit) {
      this.refused++;
      if (this.refusedWhileFull++ === 0) {
        this.log(
          `netmortem: refused a WebSocket with 503: ${this.limit} are open, the most browser mode holds at once (more refusals are not logged until one closes)`,
        );
      }
      return false;
    }
    this.open++;
    this.peak = Math.max(this.peak, this.open);
    socket.once('close', () => {
      this.open--;
      this.refusedWhileFull = 0;
    });
    return true;
  }
}

/**
 * Answers an upgrade with an HTTP error instead of 101, as ws's own abortHandshake does: the
 * response, then the socket destroyed once it is written, so that a refused client that never
 * closes its end holds nothing here.
 */
export function refuseUpgrade(socket: Duplex, status: string, reason: string): void {
  const body = `${reason}\n`;
  // Node's HTTP server drops its own error listener from an upgrade's socket: without this, a
  // client that resets while the refusal is written would throw an uncaught error.
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
